package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.MessageDelta;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static com.example.eum.analytics.lifecycle.Ev.HOUR;
import static com.example.eum.analytics.lifecycle.Ev.MIN;
import static com.example.eum.analytics.lifecycle.Ev.SEC;
import static com.example.eum.analytics.lifecycle.Ev.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Order independence: any permutation of a message's events, with exact redeliveries and repeated statuses mixed
 * in, sums to the same totals as the events in time order, and those totals are the hand-derivable ones.
 */
class LifecycleOrderPropertyTest {
    /** Feedback times relative to the request: well inside, just inside, at, and after the 1 h deadline. */
    private static final long[] FEEDBACK_OFFSETS = {10 * MIN, 59 * MIN, HOUR, 90 * MIN};

    /**
     * One SMS message: bits of {@code mask} pick which receipts exist (pending with price, TEXT_SUCCESSFUL,
     * TEXT_DELIVERED, a final failure, protect BLOCK, context flag); {@code received}/{@code failed} pick feedback
     * times (0 = none).
     */
    static List<CanonicalEvent> smsMessage(int mask, int received, int failed) {
        boolean tracked = (mask & 32) != 0;
        List<CanonicalEvent> ev = new ArrayList<>();
        if ((mask & 1) != 0) {
            ev.add(flag(Ev.sms("m").pending(T0 + SEC).price(6450, 300, 2).protect((mask & 16) != 0 ? "BLOCK" : null), tracked));
        }
        if ((mask & 2) != 0) {
            ev.add(flag(Ev.sms("m").successful(T0 + 5 * SEC).price(6450, 300, 2), tracked));
        }
        if ((mask & 4) != 0) {
            ev.add(flag(Ev.sms("m").delivered(T0 + 80 * SEC).price(6450, 300, 2), tracked));
        }
        if ((mask & 8) != 0) {
            ev.add(flag(Ev.sms("m").failed("TEXT_CARRIER_UNREACHABLE", FailureClass.UNREACHABLE, T0 + 30 * SEC).price(6450, 300, 2), tracked));
        }
        if (received > 0) {
            ev.add(Ev.feedback("m", "RECEIVED", T0 + FEEDBACK_OFFSETS[received - 1]));
        }
        if (failed > 0) {
            ev.add(Ev.feedback("m", "FAILED", T0 + FEEDBACK_OFFSETS[failed - 1]));
        }
        return ev;
    }

    private static CanonicalEvent flag(Ev b, boolean tracked) {
        return (tracked ? b.context("feedbackEnabled", "true") : b).build();
    }

    /** One WhatsApp message: sent (pricing), delivered (pricing), read, failed, chosen by mask bits. */
    static List<CanonicalEvent> whatsappMessage(int mask) {
        List<CanonicalEvent> ev = new ArrayList<>();
        if ((mask & 1) != 0) {
            ev.add(Ev.whatsapp("w").wa("sent", T0).pricing("PMP", "marketing", "regular", true).build());
        }
        if ((mask & 2) != 0) {
            ev.add(Ev.whatsapp("w").wa("delivered", T0 + 2 * SEC).pricing("PMP", "marketing", "regular", true).build());
        }
        if ((mask & 4) != 0) {
            ev.add(Ev.whatsapp("w").wa("read", T0 + 40 * SEC).build());
        }
        if ((mask & 8) != 0) {
            CanonicalEvent f = Ev.whatsapp("w").wa("failed", T0 + 3 * SEC).build();
            f.failureClass = FailureClass.POLICY;
            ev.add(f);
        }
        return ev;
    }

    /** The events shuffled, with redeliveries (same id) and repeated statuses (new id, same content) mixed in. */
    static List<CanonicalEvent> scramble(List<CanonicalEvent> events, Random random) {
        List<CanonicalEvent> out = new ArrayList<>(events);
        int extra = events.isEmpty() ? 0 : random.nextInt(4);
        for (int i = 0; i < extra; i++) {
            CanonicalEvent pick = events.get(random.nextInt(events.size()));
            if (random.nextBoolean()) {
                out.add(pick);
            } else {
                CanonicalEvent repeat = Ev.copy(pick);
                repeat.eventId = pick.eventId + "#repeat" + i;
                out.add(repeat);
            }
        }
        Collections.shuffle(out, random);
        return out;
    }

    static List<MessageDelta> runRules(List<CanonicalEvent> events) {
        LifecycleRules rules = new LifecycleRules(new JobConfig(), new FixedWhatsAppFees());
        MessageState s = new MessageState();
        List<MessageDelta> out = new ArrayList<>();
        for (CanonicalEvent e : events) {
            out.addAll(rules.onEvent(s, e, Long.MIN_VALUE));
        }
        out.addAll(rules.onFeedbackTimeout(s));
        out.addAll(rules.onOutcomeUnknown(s));
        return out;
    }

    static List<CanonicalEvent> inTimeOrder(List<CanonicalEvent> events) {
        List<CanonicalEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(e -> e.eventTime));
        return sorted;
    }

    /** Feedback counts per attribution time: decided by event times, so they must not depend on arrival order. */
    private static Map<Long, String> feedbackByTime(List<MessageDelta> deltas) {
        Map<Long, String> m = new TreeMap<>();
        for (Map.Entry<Long, DeltaSum> e : DeltaSum.byTime(deltas).entrySet()) {
            DeltaSum s = e.getValue();
            String v = "tracked=" + s.get(SumColumn.FEEDBACK_TRACKED) + " converted=" + s.get(SumColumn.CONVERTED) + " failed=" + s.get(SumColumn.FEEDBACK_FAILED) + " late=" + s.get(SumColumn.LATE_FEEDBACK);
            if (!v.equals("tracked=0 converted=0 failed=0 late=0")) {
                m.put(e.getKey(), v);
            }
        }
        return m;
    }

    /** Non-zero counts and net latency samples per attribution time. */
    private static Map<Long, String> windows(List<MessageDelta> deltas) {
        Map<Long, String> m = new TreeMap<>();
        DeltaSum.byTime(deltas).forEach((t, s) -> {
            if (!s.counts().isEmpty() || !s.latencies.isEmpty()) {
                m.put(t, s.counts() + " latencies=" + s.latencies);
            }
        });
        return m;
    }

    @Property(tries = 600)
    void smsTotalsDoNotDependOnOrderOrDuplicates(@ForAll @IntRange(min = 0, max = 63) int mask,
                                                 @ForAll @IntRange(min = 0, max = 4) int received,
                                                 @ForAll @IntRange(min = 0, max = 4) int failed,
                                                 @ForAll Random random) {
        List<CanonicalEvent> events = smsMessage(mask, received, failed);
        List<MessageDelta> ordered = runRules(inTimeOrder(events));
        List<MessageDelta> scrambled = runRules(scramble(events, random));
        DeltaSum expected = DeltaSum.of(ordered);
        DeltaSum actual = DeltaSum.of(scrambled);
        assertThat(actual.counts()).isEqualTo(expected.counts());
        assertThat(feedbackByTime(scrambled)).isEqualTo(feedbackByTime(ordered));
        // every window, not just the totals: the earliest success or failure by event time decides where the outcome,
        // the pending -1 and the latency sample land, whichever success arrives first
        assertThat(windows(scrambled)).as("counts and latencies per attribution time").isEqualTo(windows(ordered));
        assertThat(actual.latencies).isEqualTo(expected.latencies);

        // The totals themselves, derived from the scenario by hand.
        boolean anyReceipt = (mask & 15) != 0;
        boolean success = (mask & 6) != 0;
        boolean failure = (mask & 8) != 0;
        boolean tracked = anyReceipt && (mask & 32) != 0;
        assertThat(actual.get(SumColumn.FEEDBACK_UNTRACKED_RECEIVED)).isEqualTo(anyReceipt && !tracked && (received > 0 || failed > 0) ? 1 : 0);
        assertThat(actual.get(SumColumn.MESSAGES)).isEqualTo(anyReceipt ? 1 : 0);
        assertThat(actual.get(SumColumn.DELIVERED)).isEqualTo(success ? 1 : 0);
        assertThat(actual.get(SumColumn.FAILED)).isEqualTo(!success && failure ? 1 : 0);
        assertThat(actual.get(SumColumn.FAILED_UNREACHABLE)).isEqualTo(actual.get(SumColumn.FAILED));
        assertThat(actual.get(SumColumn.PENDING)).isZero();
        assertThat(actual.get(SumColumn.OUTCOME_UNKNOWN)).isEqualTo(anyReceipt && !success && !failure ? 1 : 0);
        if (success) {
            assertThat(actual.latencies).containsExactly((mask & 2) != 0 ? 5_000L : 80_000L);
        }
        assertThat(actual.get(SumColumn.PRICE_MICROS)).isEqualTo(anyReceipt ? 6450 : 0);
        assertThat(actual.get(SumColumn.MESSAGE_PARTS)).isEqualTo(anyReceipt ? 2 : 0);
        assertThat(actual.get(SumColumn.PROTECT_BLOCK_RECOMMENDED)).isEqualTo((mask & 17) == 17 ? 1 : 0);
        assertThat(actual.get(SumColumn.FEEDBACK_TRACKED)).isEqualTo(tracked ? 1 : 0);
        assertThat(actual.get(SumColumn.CONVERTED) + actual.get(SumColumn.FEEDBACK_FAILED)).isEqualTo(tracked ? 1 : 0);
        boolean receivedInTime = received > 0 && FEEDBACK_OFFSETS[received - 1] <= HOUR;
        boolean failedBefore = failed > 0 && (received == 0 || FEEDBACK_OFFSETS[failed - 1] <= FEEDBACK_OFFSETS[received - 1]);
        assertThat(actual.get(SumColumn.CONVERTED)).isEqualTo(tracked && receivedInTime && !failedBefore ? 1 : 0);
        assertThat(actual.get(SumColumn.LATE_FEEDBACK)).isEqualTo(tracked && received > 0 && !receivedInTime ? 1 : 0);
    }

    @Property(tries = 300)
    void whatsappTotalsDoNotDependOnOrderOrDuplicates(@ForAll @IntRange(min = 1, max = 15) int mask, @ForAll Random random) {
        List<CanonicalEvent> events = whatsappMessage(mask);
        DeltaSum expected = DeltaSum.of(runRules(inTimeOrder(events)));
        DeltaSum actual = DeltaSum.of(runRules(scramble(events, random)));
        assertThat(actual.counts()).isEqualTo(expected.counts());
        boolean success = (mask & 6) != 0;
        boolean priced = (mask & 3) != 0;
        assertThat(actual.get(SumColumn.MESSAGES)).isEqualTo(1);
        assertThat(actual.get(SumColumn.DELIVERED)).isEqualTo(success ? 1 : 0);
        assertThat(actual.get(SumColumn.FAILED)).isEqualTo(success ? 0 : (mask & 8) != 0 ? 1 : 0);
        assertThat(actual.get(SumColumn.FAILED_POLICY)).isEqualTo(actual.get(SumColumn.FAILED));
        assertThat(actual.get(SumColumn.READ)).isEqualTo((mask & 4) != 0 ? 1 : 0);
        assertThat(actual.get(SumColumn.BILLABLE_MARKETING)).isEqualTo(priced ? 1 : 0);
        assertThat(actual.get(SumColumn.WHATSAPP_FEE_MICROS)).isEqualTo(FixedWhatsAppFees.AWS + (priced ? FixedWhatsAppFees.MARKETING : 0));
    }

    /**
     * The operator drops a message's state at expiry without reading it exactly when {@link LifecycleRules#expiryOnlyClears}
     * holds; so after any prefix of any order of a message's events, that must agree with what the expiry emits.
     */
    @Property(tries = 300)
    void expiryOnlyClearsExactlyWhenTheExpiryEmitsNothing(@ForAll @IntRange(min = 0, max = 63) int mask,
                                                          @ForAll @IntRange(min = 0, max = 4) int received,
                                                          @ForAll @IntRange(min = 0, max = 4) int failed,
                                                          @ForAll Random random) {
        LifecycleRules rules = new LifecycleRules(new JobConfig(), new FixedWhatsAppFees());
        MessageState s = new MessageState();
        for (CanonicalEvent e : scramble(smsMessage(mask, received, failed), random)) {
            rules.onEvent(s, e, Long.MIN_VALUE);
            MessageState atExpiry = MessageStateSerializer.INSTANCE.copy(s);
            boolean emits = !rules.onOutcomeUnknown(atExpiry).isEmpty() | !rules.onExpiry(atExpiry).isEmpty();
            assertThat(rules.expiryOnlyClears(s)).isEqualTo(!emits);
        }
    }

    /** The same through the Flink operator, with real timers, ending in an empty state. */
    @Property(tries = 40)
    void operatorTotalsDoNotDependOnOrderAndStateDrains(@ForAll @IntRange(min = 0, max = 63) int mask,
                                                        @ForAll @IntRange(min = 0, max = 4) int received,
                                                        @ForAll @IntRange(min = 0, max = 4) int failed,
                                                        @ForAll Random random) throws Exception {
        List<CanonicalEvent> events = smsMessage(mask, received, failed);
        DeltaSum expected = DeltaSum.of(runRules(inTimeOrder(events)));
        KeyedOneInputStreamOperatorTestHarness<String, CanonicalEvent, MessageDelta> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new MessageLifecycleOperator(new MessageLifecycleFunction(new JobConfig(), new FixedWhatsAppFees())),
                e -> e.messageId, Types.STRING);
        h.getExecutionConfig().disableGenericTypes();
        h.open();
        try {
            for (CanonicalEvent e : scramble(events, random)) {
                h.processElement(e, e.eventTime);
            }
            h.processWatermark(T0 + 200 * HOUR);
            assertThat(DeltaSum.of(h.extractOutputValues()).counts()).isEqualTo(expected.counts());
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        } finally {
            h.close();
        }
    }
}
