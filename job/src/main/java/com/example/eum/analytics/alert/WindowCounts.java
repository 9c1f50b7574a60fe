package com.example.eum.analytics.alert;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One window of one key, as the rules see it: the latest revision's counts. Every field is a sum the metrics
 * tables already hold (today's WindowMetrics and metrics v2), so the adapter is a field copy:
 * messages, delivered, failed (failed-final), converted + feedback_failed (matured feedback outcomes),
 * protect_block_recommended, spend in micro-USD.
 */
public final class WindowCounts {
    public final AlertKey key;
    public final long windowStart;
    public final long windowEnd;
    /** Messages requested in the window. */
    public final long messages;
    /** Outcomes decided in the window: delivered. */
    public final long delivered;
    /** Outcomes decided in the window: failed for good (all failure classes). */
    public final long failedFinal;
    /** Matured feedback outcomes decided in the window: converted. */
    public final long converted;
    /** Matured feedback outcomes decided in the window: not converted (explicit failure or timeout). */
    public final long feedbackFailed;
    /**
     * Messages requested in the window whose feedback is tracked (metrics column {@code feedback_tracked}, attributed
     * at request time). With {@link #converted} (attributed when the RECEIVED arrives, usually within a minute) it
     * gives the window's conversion as soon as the window closes, without waiting for the 1-hour timeout that
     * matures non-conversions. Unset: {@code converted + feedbackFailed}, for callers that only have outcomes.
     */
    public final long feedbackTracked;
    /** Messages Protect recommended blocking (monitor or filter mode). */
    public final long protectRecommended;
    /** Everything the window's messages cost, micro-USD (price + carrier fee + WhatsApp fees). */
    public final long spendMicros;
    /** Largest sub-keys in the window (e.g. carrier or origination id → messages); may be empty. */
    public final Map<String, Long> contributors;
    /** Some message ids of the window (for AWS Support); may be empty. */
    public final List<String> exampleMessageIds;

    private WindowCounts(Builder b) {
        this.key = Objects.requireNonNull(b.key, "key");
        if (b.windowEnd <= b.windowStart) {
            throw new IllegalArgumentException("window end must be after its start");
        }
        this.windowStart = b.windowStart;
        this.windowEnd = b.windowEnd;
        this.messages = nonNegative(b.messages, "messages");
        this.delivered = nonNegative(b.delivered, "delivered");
        this.failedFinal = nonNegative(b.failedFinal, "failedFinal");
        this.converted = nonNegative(b.converted, "converted");
        this.feedbackFailed = nonNegative(b.feedbackFailed, "feedbackFailed");
        this.feedbackTracked = b.feedbackTracked < 0 ? converted + feedbackFailed
                : nonNegative(b.feedbackTracked, "feedbackTracked");
        this.protectRecommended = nonNegative(b.protectRecommended, "protectRecommended");
        this.spendMicros = nonNegative(b.spendMicros, "spendMicros");
        this.contributors = Collections.unmodifiableMap(new LinkedHashMap<>(b.contributors));
        this.exampleMessageIds = List.copyOf(b.exampleMessageIds);
    }

    public static Builder builder(AlertKey key, long windowStart, long windowEnd) {
        return new Builder(key, windowStart, windowEnd);
    }

    /** Decided delivery outcomes: delivered + failed-final. */
    public long outcomes() {
        return delivered + failedFinal;
    }

    /** Matured feedback outcomes: converted + not converted. */
    public long feedbackOutcomes() {
        return converted + feedbackFailed;
    }

    /**
     * Tracked messages of the window that did not convert within it: {@code feedbackTracked - converted}, at least
     * 0 (conversions of the previous window's last messages may land here).
     */
    public long notConverted() {
        return Math.max(0, feedbackTracked - converted);
    }

    /** Conversions of the window counted against its tracked messages (at most {@link #feedbackTracked}). */
    public long promptConverted() {
        return Math.min(converted, feedbackTracked);
    }

    private static long nonNegative(long v, String name) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + v);
        }
        return v;
    }

    @Override
    public String toString() {
        return key + " [" + windowStart + "," + windowEnd + ") msg=" + messages + " del=" + delivered + " fail="
                + failedFinal + " conv=" + converted + "/" + feedbackOutcomes() + " tracked=" + feedbackTracked + " protect=" + protectRecommended
                + " spend=" + spendMicros;
    }

    /** Builds a {@link WindowCounts}; unset counts are 0. */
    public static final class Builder {
        private final AlertKey key;
        private final long windowStart;
        private final long windowEnd;
        private long messages;
        private long delivered;
        private long failedFinal;
        private long converted;
        private long feedbackFailed;
        private long feedbackTracked = -1;
        private long protectRecommended;
        private long spendMicros;
        private Map<String, Long> contributors = Map.of();
        private List<String> exampleMessageIds = List.of();

        private Builder(AlertKey key, long windowStart, long windowEnd) {
            this.key = key;
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
        }

        public Builder messages(long v) {
            messages = v;
            return this;
        }

        public Builder delivered(long v) {
            delivered = v;
            return this;
        }

        public Builder failedFinal(long v) {
            failedFinal = v;
            return this;
        }

        public Builder converted(long v) {
            converted = v;
            return this;
        }

        public Builder feedbackFailed(long v) {
            feedbackFailed = v;
            return this;
        }

        public Builder feedbackTracked(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("feedbackTracked must not be negative: " + v);
            }
            feedbackTracked = v;
            return this;
        }

        public Builder protectRecommended(long v) {
            protectRecommended = v;
            return this;
        }

        public Builder spendMicros(long v) {
            spendMicros = v;
            return this;
        }

        public Builder contributors(Map<String, Long> v) {
            contributors = v;
            return this;
        }

        public Builder exampleMessageIds(List<String> v) {
            exampleMessageIds = v;
            return this;
        }

        public WindowCounts build() {
            return new WindowCounts(this);
        }
    }
}
