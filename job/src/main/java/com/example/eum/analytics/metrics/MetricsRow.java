package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.WindowMetrics;

/**
 * Builds one metrics row from a window's totals: copies the sums and derives the rates and latency percentiles
 * exactly as the metrics tables document them. Plain Java, so the rules are unit-tested without Flink.
 */
public final class MetricsRow {
    private MetricsRow() {}

    /**
     * The complete row of window [windowStart, windowEnd) for (channel, key) at the given firing.
     *
     * @param revision 0 for the on-time firing, +1 for each late re-firing
     * @param watermark the watermark when the row was produced (epoch ms)
     */
    public static WindowMetrics of(long windowStart, long windowEnd, Channel channel, String key, int revision,
                                   long watermark, MetricsAccumulator acc) {
        WindowMetrics m = new WindowMetrics();
        m.windowStart = windowStart;
        m.windowEnd = windowEnd;
        m.channel = channel;
        m.key = key;
        m.revision = revision;
        m.emittedAtWatermark = watermark;

        m.messages = acc.messages;
        m.delivered = acc.delivered;
        m.failed = acc.failed;
        m.failedBlocked = acc.failedBlocked;
        m.failedProtectBlocked = acc.failedProtectBlocked;
        m.failedInvalid = acc.failedInvalid;
        m.failedUnreachable = acc.failedUnreachable;
        m.failedExpired = acc.failedExpired;
        m.failedPolicy = acc.failedPolicy;
        m.failedUnknown = acc.failedUnknown;
        m.pending = acc.pending;
        m.read = acc.read;
        m.inbound = acc.inbound;
        m.feedbackTracked = acc.feedbackTracked;
        m.converted = acc.converted;
        m.feedbackFailed = acc.feedbackFailed;
        m.lateFeedback = acc.lateFeedback;
        m.protectBlockRecommended = acc.protectBlockRecommended;

        m.deliveryRate = ratio(acc.delivered, acc.delivered + acc.failed);
        m.readRate = ratio(acc.read, acc.delivered);
        m.conversionRate = ratio(acc.converted, acc.converted + acc.feedbackFailed);

        m.priceMicros = acc.priceMicros;
        m.carrierFeeMicros = acc.carrierFeeMicros;
        m.messageParts = acc.messageParts;
        m.billableMarketing = acc.billableMarketing;
        m.billableUtility = acc.billableUtility;
        m.billableAuthentication = acc.billableAuthentication;
        m.billableService = acc.billableService;
        m.whatsappFeeMicros = acc.whatsappFeeMicros;

        m.latencyCount = acc.latency.count;
        m.latencyP50Ms = acc.latency.quantile(0.5);
        m.latencyP95Ms = acc.latency.quantile(0.95);
        return m;
    }

    /** numerator / denominator, or null when the denominator is not positive (no outcome in this window). */
    static Double ratio(long numerator, long denominator) {
        return denominator > 0 ? (double) numerator / denominator : null;
    }
}
