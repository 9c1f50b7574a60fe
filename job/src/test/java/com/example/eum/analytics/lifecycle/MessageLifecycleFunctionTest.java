package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.MessageDelta;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import static com.example.eum.analytics.lifecycle.Ev.HOUR;
import static com.example.eum.analytics.lifecycle.Ev.MIN;
import static com.example.eum.analytics.lifecycle.Ev.SEC;
import static com.example.eum.analytics.lifecycle.Ev.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The lifecycle operator in Flink's keyed operator test harness: outputs, timers, dead letters and state drain. */
class MessageLifecycleFunctionTest {
    private static final long HORIZON = 78 * HOUR;

    private KeyedOneInputStreamOperatorTestHarness<String, CanonicalEvent, MessageDelta> h;
    private MessageLifecycleOperator operator;
    private InterceptingOperatorMetricGroup metrics;

    private KeyedOneInputStreamOperatorTestHarness<String, CanonicalEvent, MessageDelta> open(JobConfig cfg) throws Exception {
        metrics = new com.example.eum.analytics.metrics.InterceptingExportedGroup();
        InterceptingOperatorMetricGroup group = metrics;
        UnregisteredMetricGroups.UnregisteredTaskMetricGroup task = new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
            @Override
            public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name) {
                return group;
            }
        };
        operator = new MessageLifecycleOperator(new MessageLifecycleFunction(cfg, new FixedWhatsAppFees()));
        h = new KeyedOneInputStreamOperatorTestHarness<>(operator, e -> e.messageId, Types.STRING,
                new MockEnvironmentBuilder().setMetricGroup(task).build());
        h.getExecutionConfig().disableGenericTypes();
        h.open();
        return h;
    }

    private KeyedOneInputStreamOperatorTestHarness<String, CanonicalEvent, MessageDelta> open() throws Exception {
        return open(new JobConfig());
    }

    @AfterEach
    void close() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    private void send(CanonicalEvent... events) throws Exception {
        for (CanonicalEvent e : events) {
            h.processElement(e, e.eventTime);
        }
    }

    private List<MessageDelta> output() {
        return h.extractOutputValues();
    }

    /** Output emitted since the previous call. */
    private int seen;

    private List<MessageDelta> newOutput() {
        List<MessageDelta> all = output();
        List<MessageDelta> fresh = new ArrayList<>(all.subList(seen, all.size()));
        seen = all.size();
        return fresh;
    }

    private List<DeadLetter> deadLetters() {
        Queue<StreamRecord<DeadLetter>> q = h.getSideOutput(MessageLifecycleFunction.DEAD_LETTERS);
        List<DeadLetter> out = new ArrayList<>();
        if (q != null) {
            for (StreamRecord<DeadLetter> r : q) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    private long counter(String name) {
        return ((Counter) metrics.get(name)).getCount();
    }

    /** Moves the watermark past every message's horizon and proves that no state and no timer is left. */
    private void assertDrainsAfter(long lastEventTime) throws Exception {
        assertThat(h.numKeyedStateEntries()).isPositive();
        h.processWatermark(lastEventTime + HORIZON);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    private static CanonicalEvent[] smsLifecycle(String id) {
        return new CanonicalEvent[] {
                Ev.sms(id).pending(T0 + SEC).price(6450, 300, 1).build(),
                Ev.sms(id).successful(T0 + 5 * SEC).price(6450, 300, 1).build(),
                Ev.sms(id).delivered(T0 + 80 * SEC).price(6450, 300, 1).build()};
    }

    @Test
    void inOrderSmsCountsOneDeliveredMessage() throws Exception {
        open();
        CanonicalEvent[] ev = smsLifecycle("m1");
        send(ev);
        List<MessageDelta> out = output();
        assertThat(out).hasSize(2);
        MessageDelta first = out.get(0);
        assertThat(first.attributionTime).isEqualTo(T0);
        assertThat(first.get(SumColumn.MESSAGES)).isEqualTo(1);
        assertThat(first.get(SumColumn.PENDING)).isEqualTo(1);
        assertThat(first.get(SumColumn.PRICE_MICROS)).isEqualTo(6450);
        assertThat(first.get(SumColumn.CARRIER_FEE_MICROS)).isEqualTo(300);
        assertThat(first.get(SumColumn.MESSAGE_PARTS)).isEqualTo(1);
        MessageDelta second = out.get(1);
        assertThat(second.attributionTime).isEqualTo(T0 + 5 * SEC);
        assertThat(second.get(SumColumn.DELIVERED)).isEqualTo(1);
        assertThat(second.get(SumColumn.PENDING)).isEqualTo(-1);
        assertThat(second.latencyMs).isEqualTo(5000);
        assertThat(second.get(SumColumn.PRICE_MICROS)).isZero();
        DeltaSum sum = DeltaSum.of(out);
        assertThat(sum.counts()).isEqualTo("messages=1 delivered=1 price_usd=6450 carrier_fee_usd=300 message_parts=1");
        assertThat(counter("deltasEmitted")).isEqualTo(2);
        assertThat(counter("duplicatesDropped")).isZero();
        assertDrainsAfter(T0 + 80 * SEC);
        assertThat(output()).hasSize(2);
    }

    @Test
    void shuffledSmsGivesTheSameTotals() throws Exception {
        open();
        CanonicalEvent[] ev = smsLifecycle("m1");
        send(ev[2], ev[0], ev[1]);
        List<MessageDelta> out = output();
        DeltaSum sum = DeltaSum.of(out);
        assertThat(sum.get(SumColumn.MESSAGES)).isEqualTo(1);
        assertThat(sum.get(SumColumn.DELIVERED)).isEqualTo(1);
        assertThat(sum.get(SumColumn.PENDING)).isZero();
        assertThat(sum.get(SumColumn.PRICE_MICROS)).isEqualTo(6450);
        assertThat(sum.get(SumColumn.CARRIER_FEE_MICROS)).isEqualTo(300);
        // The earliest success by event time decides the delivery time, whatever arrived first: TEXT_DELIVERED at
        // +80 s arrived first, then TEXT_SUCCESSFUL at +5 s moved the delivery (and its latency sample) there.
        assertThat(sum.latencies).containsExactly(5_000L);
        Map<Long, DeltaSum> byTime = DeltaSum.byTime(out);
        assertThat(byTime.get(T0).get(SumColumn.MESSAGES)).isEqualTo(1);
        assertThat(byTime.get(T0).get(SumColumn.PENDING)).isEqualTo(1);
        assertThat(byTime.get(T0 + 5 * SEC).get(SumColumn.DELIVERED)).isEqualTo(1);
        assertThat(byTime.get(T0 + 5 * SEC).get(SumColumn.PENDING)).isEqualTo(-1);
        assertThat(byTime.get(T0 + 80 * SEC).counts()).isEmpty();
        assertDrainsAfter(T0 + 80 * SEC);
    }

    @Test
    void exactRedeliveryIsDroppedAndCounted() throws Exception {
        open();
        CanonicalEvent p = Ev.sms("m1").pending(T0 + SEC).price(6450, 300, 1).build();
        CanonicalEvent d = Ev.sms("m1").delivered(T0 + 9 * SEC).build();
        send(p, p, d, d, p);
        assertThat(output()).hasSize(2);
        assertThat(DeltaSum.of(output()).get(SumColumn.MESSAGES)).isEqualTo(1);
        assertThat(DeltaSum.of(output()).get(SumColumn.DELIVERED)).isEqualTo(1);
        assertThat(DeltaSum.of(output()).get(SumColumn.PRICE_MICROS)).isEqualTo(6450);
        assertThat(counter("duplicatesDropped")).isEqualTo(3);
        assertDrainsAfter(T0 + 9 * SEC);
    }

    @Test
    void doubleFinalsCountOnce() throws Exception {
        open();
        send(Ev.sms("m1").successful(T0 + 3 * SEC).build(), Ev.sms("m1").delivered(T0 + 70 * SEC).build());
        DeltaSum sum = DeltaSum.of(output());
        assertThat(sum.get(SumColumn.MESSAGES)).isEqualTo(1);
        assertThat(sum.get(SumColumn.DELIVERED)).isEqualTo(1);
        assertThat(sum.get(SumColumn.PENDING)).isZero();
        assertThat(sum.latencies).containsExactly(3000L);
        assertDrainsAfter(T0 + 70 * SEC);
    }

    @Test
    void whatsappDeliveredBeforeSent() throws Exception {
        open();
        send(Ev.whatsapp("wamid.1").wa("delivered", T0 + 3 * SEC).pricing("PMP", "utility", "regular", true).build(),
                Ev.whatsapp("wamid.1").wa("sent", T0 + SEC).pricing("PMP", "utility", "regular", true).build());
        List<MessageDelta> out = output();
        assertThat(out).hasSize(1);
        MessageDelta d = out.get(0);
        // Counted at the first event seen (no request time on WhatsApp); the delivery decides in the same delta.
        assertThat(d.attributionTime).isEqualTo(T0 + 3 * SEC);
        assertThat(d.get(SumColumn.MESSAGES)).isEqualTo(1);
        assertThat(d.get(SumColumn.DELIVERED)).isEqualTo(1);
        assertThat(d.get(SumColumn.PENDING)).isZero();
        assertThat(d.get(SumColumn.BILLABLE_UTILITY)).isEqualTo(1);
        assertThat(d.get(SumColumn.WHATSAPP_FEE_MICROS)).isEqualTo(FixedWhatsAppFees.AWS + FixedWhatsAppFees.UTILITY);
        assertThat(d.latencyMs).isEqualTo(-1);
        assertThat(d.isoCountryCode).isEqualTo("IN");
        assertDrainsAfter(T0 + 3 * SEC);
    }

    @Test
    void whatsappSentThenDeliveredHasLatencyFromSent() throws Exception {
        open();
        send(Ev.whatsapp("wamid.1").wa("sent", T0 + SEC).pricing("PMP", "utility", "regular", true).build(),
                Ev.whatsapp("wamid.1").wa("delivered", T0 + 3 * SEC).pricing("PMP", "utility", "regular", true).build());
        DeltaSum sum = DeltaSum.of(output());
        assertThat(sum.get(SumColumn.PENDING)).isZero();
        assertThat(sum.get(SumColumn.WHATSAPP_FEE_MICROS)).isEqualTo(FixedWhatsAppFees.AWS + FixedWhatsAppFees.UTILITY);
        assertThat(sum.latencies).containsExactly(2000L);
        assertThat(output().get(0).get(SumColumn.PENDING)).isEqualTo(1);
        assertDrainsAfter(T0 + 3 * SEC);
    }

    @Test
    void readWithoutDeliveredImpliesDelivered() throws Exception {
        open();
        send(Ev.whatsapp("wamid.2").wa("sent", T0).build(), Ev.whatsapp("wamid.2").wa("read", T0 + 10 * SEC).build());
        List<MessageDelta> out = output();
        assertThat(out).hasSize(2);
        MessageDelta r = out.get(1);
        assertThat(r.attributionTime).isEqualTo(T0 + 10 * SEC);
        assertThat(r.get(SumColumn.DELIVERED)).isEqualTo(1);
        assertThat(r.get(SumColumn.READ)).isEqualTo(1);
        assertThat(r.get(SumColumn.PENDING)).isEqualTo(-1);
        assertThat(r.latencyMs).isEqualTo(10_000);
        // A delivered status with an earlier time arriving afterwards moves the delivery (and its latency) there.
        send(Ev.whatsapp("wamid.2").wa("delivered", T0 + 9 * SEC).build());
        Map<Long, DeltaSum> byTime = DeltaSum.byTime(output());
        assertThat(byTime.get(T0 + 10 * SEC).counts()).isEqualTo("read=1");
        assertThat(byTime.get(T0 + 9 * SEC).counts()).isEqualTo("delivered=1 pending=-1");
        assertThat(DeltaSum.of(output()).latencies).containsExactly(9_000L);
        assertDrainsAfter(T0 + 10 * SEC);
    }

    @Test
    void failureThenSuccessIsCorrected() throws Exception {
        open();
        send(Ev.sms("m1").pending(T0 + SEC).build(),
                Ev.sms("m1").failed("TEXT_CARRIER_UNREACHABLE", FailureClass.UNREACHABLE, T0 + 10 * SEC).build(),
                Ev.sms("m1").delivered(T0 + 20 * SEC).build());
        List<MessageDelta> out = output();
        assertThat(out).hasSize(4);
        assertThat(out.get(1).attributionTime).isEqualTo(T0 + 10 * SEC);
        assertThat(out.get(1).get(SumColumn.FAILED)).isEqualTo(1);
        assertThat(out.get(1).get(SumColumn.FAILED_UNREACHABLE)).isEqualTo(1);
        assertThat(out.get(1).get(SumColumn.PENDING)).isEqualTo(-1);
        assertThat(out.get(2).attributionTime).isEqualTo(T0 + 10 * SEC);
        assertThat(out.get(2).get(SumColumn.FAILED)).isEqualTo(-1);
        assertThat(out.get(2).get(SumColumn.FAILED_UNREACHABLE)).isEqualTo(-1);
        assertThat(out.get(2).get(SumColumn.PENDING)).isEqualTo(1);
        assertThat(out.get(3).attributionTime).isEqualTo(T0 + 20 * SEC);
        assertThat(out.get(3).get(SumColumn.DELIVERED)).isEqualTo(1);
        assertThat(out.get(3).get(SumColumn.PENDING)).isEqualTo(-1);
        DeltaSum sum = DeltaSum.of(out);
        assertThat(sum.get(SumColumn.FAILED)).isZero();
        assertThat(sum.get(SumColumn.FAILED_UNREACHABLE)).isZero();
        assertThat(sum.get(SumColumn.DELIVERED)).isEqualTo(1);
        assertThat(sum.get(SumColumn.PENDING)).isZero();
        assertDrainsAfter(T0 + 20 * SEC);
    }

    @Test
    void feedbackBeforeReceiptIsHeldThenJoined() throws Exception {
        open();
        send(Ev.feedback("m1", "RECEIVED", T0 + 30 * SEC));
        assertThat(output()).isEmpty();
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        send(Ev.sms("m1").pending(T0 + SEC).context("feedbackEnabled", "true").build());
        List<MessageDelta> out = output();
        Map<Long, DeltaSum> byTime = DeltaSum.byTime(out);
        assertThat(byTime.get(T0).get(SumColumn.MESSAGES)).isEqualTo(1);
        assertThat(byTime.get(T0).get(SumColumn.FEEDBACK_TRACKED)).isEqualTo(1);
        assertThat(byTime.get(T0 + 30 * SEC).get(SumColumn.CONVERTED)).isEqualTo(1);
        assertThat(out).allSatisfy(d -> {
            assertThat(d.channel).hasToString("SMS");
            assertThat(d.isoCountryCode).isEqualTo("US");
            assertThat(d.originationId).isEqualTo("+12065550100");
        });
        h.processWatermark(T0 + 2 * HOUR);
        assertThat(DeltaSum.of(output()).get(SumColumn.FEEDBACK_FAILED)).isZero();
        assertDrainsAfter(T0 + 30 * SEC);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void feedbackReceivedWithinTimeoutConverts() throws Exception {
        open();
        send(Ev.sms("m1").pending(T0 + SEC).context("feedbackEnabled", "true").build(), Ev.feedback("m1", "RECEIVED", T0 + 40 * MIN));
        h.processWatermark(T0 + 3 * HOUR);
        DeltaSum sum = DeltaSum.of(output());
        assertThat(sum.get(SumColumn.FEEDBACK_TRACKED)).isEqualTo(1);
        assertThat(sum.get(SumColumn.CONVERTED)).isEqualTo(1);
        assertThat(sum.get(SumColumn.FEEDBACK_FAILED)).isZero();
        assertThat(sum.get(SumColumn.LATE_FEEDBACK)).isZero();
        assertThat(DeltaSum.byTime(output()).get(T0 + 40 * MIN).get(SumColumn.CONVERTED)).isEqualTo(1);
        assertDrainsAfter(T0 + 40 * MIN);
    }

    @Test
    void feedbackReceivedAfterTheTimerFiredIsLate() throws Exception {
        open();
        send(Ev.sms("m1").pending(T0 + SEC).context("feedbackEnabled", "true").build(), Ev.feedback("m1", "FAILED", T0 + 2 * HOUR));
        // FAILED after the deadline: the timeout (at +1 h) already decided; nothing late about a FAILED.
        newOutput();
        h.processWatermark(T0 + HOUR);
        assertThat(newOutput()).isEmpty();
        send(Ev.feedback("m1", "RECEIVED", T0 + 2 * HOUR + MIN));
        List<MessageDelta> late = newOutput();
        assertThat(late).hasSize(1);
        assertThat(late.get(0).attributionTime).isEqualTo(T0 + 2 * HOUR + MIN);
        assertThat(late.get(0).get(SumColumn.LATE_FEEDBACK)).isEqualTo(1);
        DeltaSum sum = DeltaSum.of(output());
        assertThat(sum.get(SumColumn.FEEDBACK_TRACKED)).isEqualTo(1);
        assertThat(sum.get(SumColumn.FEEDBACK_FAILED)).isEqualTo(1);
        assertThat(sum.get(SumColumn.CONVERTED)).isZero();
        assertThat(DeltaSum.byTime(output()).get(T0 + HOUR).get(SumColumn.FEEDBACK_FAILED)).isEqualTo(1);
        assertDrainsAfter(T0 + 2 * HOUR + MIN);
    }

    @Test
    void feedbackReceivedAfterTimeoutBeforeTheWatermark() throws Exception {
        open();
        send(Ev.sms("m1").pending(T0 + SEC).context("feedbackEnabled", "true").build(), Ev.feedback("m1", "RECEIVED", T0 + 90 * MIN));
        Map<Long, DeltaSum> byTime = DeltaSum.byTime(newOutput());
        assertThat(byTime.get(T0 + HOUR).get(SumColumn.FEEDBACK_FAILED)).isEqualTo(1);
        assertThat(byTime.get(T0 + 90 * MIN).get(SumColumn.LATE_FEEDBACK)).isEqualTo(1);
        h.processWatermark(T0 + 2 * HOUR);
        assertThat(newOutput()).isEmpty();
        assertDrainsAfter(T0 + 90 * MIN);
    }

    @Test
    void explicitFailedWinsOverALaterReceived() throws Exception {
        open();
        send(Ev.sms("m1").pending(T0 + SEC).context("feedbackEnabled", "true").build(), Ev.feedback("m1", "FAILED", T0 + 10 * MIN),
                Ev.feedback("m1", "RECEIVED", T0 + 20 * MIN));
        h.processWatermark(T0 + 2 * HOUR);
        DeltaSum sum = DeltaSum.of(output());
        assertThat(sum.get(SumColumn.FEEDBACK_TRACKED)).isEqualTo(1);
        assertThat(sum.get(SumColumn.FEEDBACK_FAILED)).isEqualTo(1);
        assertThat(sum.get(SumColumn.CONVERTED)).isZero();
        assertThat(sum.get(SumColumn.LATE_FEEDBACK)).isZero();
        assertThat(DeltaSum.byTime(output()).get(T0 + 10 * MIN).get(SumColumn.FEEDBACK_FAILED)).isEqualTo(1);
        assertDrainsAfter(T0 + 20 * MIN);
    }

    @Test
    void contextFlagWithoutFeedbackTimesOut() throws Exception {
        open();
        send(Ev.sms("m1").pending(T0 + SEC).context("feedbackEnabled", "True").build(),
                Ev.sms("m1").delivered(T0 + 4 * SEC).build());
        assertThat(h.numEventTimeTimers()).as("one timer per message: the feedback timeout, the earliest of its times").isEqualTo(1);
        h.processWatermark(T0 + HOUR - 1);
        assertThat(DeltaSum.of(output()).get(SumColumn.FEEDBACK_FAILED)).isZero();
        h.processWatermark(T0 + HOUR);
        Map<Long, DeltaSum> byTime = DeltaSum.byTime(output());
        assertThat(byTime.get(T0).get(SumColumn.FEEDBACK_TRACKED)).isEqualTo(1);
        assertThat(byTime.get(T0 + HOUR).get(SumColumn.FEEDBACK_FAILED)).isEqualTo(1);
        assertThat(DeltaSum.of(output()).get(SumColumn.CONVERTED)).isZero();
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        assertDrainsAfter(T0 + 4 * SEC);
    }

    @Test
    void trackAllTracksSmsOnly() throws Exception {
        JobConfig cfg = new JobConfig();
        cfg.feedbackTrackAll = true;
        cfg.feedbackTimeout = java.time.Duration.ofMinutes(30);
        open(cfg);
        send(Ev.sms("m1").pending(T0 + SEC).build(), Ev.whatsapp("wamid.9").wa("sent", T0).build(),
                Ev.sms("m2").pending(T0 + SEC).build(), Ev.feedback("m2", "RECEIVED", T0 + 10 * MIN));
        h.processWatermark(T0 + HOUR);
        DeltaSum sum = DeltaSum.of(output());
        assertThat(sum.get(SumColumn.MESSAGES)).isEqualTo(3);
        assertThat(sum.get(SumColumn.FEEDBACK_TRACKED)).isEqualTo(2);
        assertThat(sum.get(SumColumn.CONVERTED)).isEqualTo(1);
        assertThat(sum.get(SumColumn.FEEDBACK_FAILED)).isEqualTo(1);
        assertThat(DeltaSum.byTime(output()).get(T0 + 30 * MIN).get(SumColumn.FEEDBACK_FAILED)).isEqualTo(1);
        assertDrainsAfter(T0 + 10 * MIN);
    }

    @Test
    void recordBeyondAllowedLatenessIsADeadLetter() throws Exception {
        open();
        h.processWatermark(T0 + 100 * HOUR);
        send(Ev.sms("m1").pending(T0).build());
        assertThat(output()).isEmpty();
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        List<DeadLetter> dead = deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).reason).isEqualTo("late");
        assertThat(dead.get(0).detail).contains("m1");
        assertThat(dead.get(0).source).isEqualTo("test-stream");
        assertThat(counter("lateRecords")).isEqualTo(1);
        // Exactly at the allowed lateness the record still counts.
        send(Ev.sms("m2").pending(T0 + 28 * HOUR).build());
        assertThat(DeltaSum.of(output()).get(SumColumn.MESSAGES)).isEqualTo(1);
        assertThat(deadLetters()).hasSize(1);
    }

    @Test
    void feedbackWithoutMessageIsADeadLetterAtTheHorizon() throws Exception {
        open();
        send(Ev.feedback("m-orphan", "RECEIVED", T0));
        h.processWatermark(T0 + HORIZON - 1);
        assertThat(deadLetters()).isEmpty();
        h.processWatermark(T0 + HORIZON);
        List<DeadLetter> dead = deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).reason).isEqualTo("feedback_without_message");
        assertThat(dead.get(0).detail).contains("m-orphan");
        assertThat(dead.get(0).payload).contains("\"MessageFeedbackStatus\":\"RECEIVED\"");
        assertThat(output()).isEmpty();
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(counter("feedbackWithoutMessage")).isEqualTo(1);
    }

    @Test
    void expiryMovesWithTheLatestEvent() throws Exception {
        open();
        send(Ev.sms("m1").pending(T0 + SEC).build());
        send(Ev.sms("m1").failed("TEXT_UNKNOWN", FailureClass.UNKNOWN, T0 + 72 * HOUR).build());
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        h.processWatermark(T0 + SEC + HORIZON);
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        // A receipt inside the horizon of the latest event still finds the message (no second count).
        send(Ev.sms("m1").delivered(T0 + 73 * HOUR).build());
        DeltaSum sum = DeltaSum.of(output());
        assertThat(sum.get(SumColumn.MESSAGES)).isEqualTo(1);
        assertThat(sum.get(SumColumn.DELIVERED)).isEqualTo(1);
        assertThat(sum.get(SumColumn.FAILED)).isZero();
        assertThat(sum.get(SumColumn.FAILED_UNKNOWN)).isZero();
        assertDrainsAfter(T0 + 73 * HOUR);
    }

    /**
     * A message whose expiry has nothing to emit (its outcome is known, no feedback pending) has its one timer in the
     * operator's clear-timer service, which drops the state unread; a message still waiting for an outcome, or holding
     * feedback that never met its message, keeps a timer that reads the state. Both drain at their own expiry.
     */
    @Test
    void anExpiryWithNothingToEmitClearsUnreadTheOthersRead() throws Exception {
        open();
        send(Ev.sms("m1").pending(T0 + SEC).build());
        assertThat(h.numEventTimeTimers()).as("m1's outcome-unknown time").isEqualTo(1);
        assertThat(operator.numClearTimers()).isZero();
        send(Ev.sms("m1").delivered(T0 + 80 * SEC).build());
        assertThat(h.numEventTimeTimers()).as("still one timer for m1: its expiry").isEqualTo(1);
        assertThat(operator.numClearTimers()).isEqualTo(1);
        send(Ev.feedback("m2", "RECEIVED", T0 + 2 * SEC));
        assertThat(h.numEventTimeTimers()).isEqualTo(2);
        assertThat(operator.numClearTimers()).as("m2's expiry emits a dead letter: it reads the state").isEqualTo(1);
        assertThat(newOutput()).isNotEmpty();

        h.processWatermark(T0 + 2 * SEC + HORIZON);
        assertThat(deadLetters()).hasSize(1);
        assertThat(h.numKeyedStateEntries()).as("m1 expires later").isEqualTo(1);
        h.processWatermark(T0 + 80 * SEC + HORIZON - 1);
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        h.processWatermark(T0 + 80 * SEC + HORIZON);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(newOutput()).as("expiries emit no delta").isEmpty();
    }

    @Test
    void manyMessagesAllDrain() throws Exception {
        open();
        for (int i = 0; i < 50; i++) {
            String id = "m" + i;
            send(Ev.sms(id).pending(T0 + SEC).context("feedbackEnabled", "true").build());
            if (i % 2 == 0) {
                send(Ev.sms(id).delivered(T0 + 2 * SEC).build(), Ev.feedback(id, "RECEIVED", T0 + 5 * MIN));
            }
        }
        send(Ev.feedback("orphan", "FAILED", T0));
        assertThat(h.numKeyedStateEntries()).isEqualTo(51);
        h.processWatermark(T0 + 2 * HOUR);
        DeltaSum sum = DeltaSum.of(output());
        assertThat(sum.get(SumColumn.MESSAGES)).isEqualTo(50);
        assertThat(sum.get(SumColumn.DELIVERED)).isEqualTo(25);
        assertThat(sum.get(SumColumn.PENDING)).isEqualTo(25);
        assertThat(sum.get(SumColumn.FEEDBACK_TRACKED)).isEqualTo(50);
        assertThat(sum.get(SumColumn.CONVERTED)).isEqualTo(25);
        assertThat(sum.get(SumColumn.FEEDBACK_FAILED)).isEqualTo(25);
        assertDrainsAfter(T0 + 5 * MIN);
        assertThat(deadLetters()).hasSize(1);
    }

    /** The worked example of schemas/lifecycle-rules.md, delta by delta. */
    @Test
    void workedExampleOfTheRulesDocument() throws Exception {
        open();
        send(Ev.sms("m1").pending(T0 + SEC).price(6450, 0, 1).context("feedbackEnabled", "true").build());
        List<MessageDelta> a = newOutput();
        assertThat(a).hasSize(1);
        assertThat(a.get(0).toString()).isEqualTo("MessageDelta{SMS/US/+12065550100 m1 t=" + T0
                + " messages=1 pending=1 feedback_tracked=1 price_usd=6450 message_parts=1 lat=-1}");
        assertThat(a.get(0).get(SumColumn.MESSAGE_PARTS)).isEqualTo(1);
        send(Ev.sms("m1").failed("TEXT_CARRIER_UNREACHABLE", FailureClass.UNREACHABLE, T0 + 10 * SEC).context("feedbackEnabled", "true").build());
        List<MessageDelta> b = newOutput();
        assertThat(b).hasSize(1);
        assertThat(b.get(0).attributionTime).isEqualTo(T0 + 10 * SEC);
        assertThat(b.get(0).get(SumColumn.FAILED_UNREACHABLE)).isEqualTo(1);
        assertThat(b.get(0).get(SumColumn.FAILED)).isEqualTo(1);
        assertThat(b.get(0).get(SumColumn.PENDING)).isEqualTo(-1);
        CanonicalEvent delivered = Ev.sms("m1").delivered(T0 + 20 * SEC).context("feedbackEnabled", "true").build();
        send(delivered);
        List<MessageDelta> c = newOutput();
        assertThat(c).hasSize(2);
        assertThat(c.get(0).toString()).isEqualTo("MessageDelta{SMS/US/+12065550100 m1 t=" + (T0 + 10 * SEC)
                + " failed=-1 failed_unreachable=-1 pending=1 lat=-1}");
        assertThat(c.get(1).toString()).isEqualTo("MessageDelta{SMS/US/+12065550100 m1 t=" + (T0 + 20 * SEC)
                + " delivered=1 pending=-1 lat=20000}");
        send(delivered);
        assertThat(newOutput()).isEmpty();
        assertThat(counter("duplicatesDropped")).isEqualTo(1);
        send(Ev.feedback("m1", "RECEIVED", T0 + 90 * MIN));
        Map<Long, DeltaSum> d = DeltaSum.byTime(newOutput());
        assertThat(d.keySet()).containsExactly(T0 + HOUR, T0 + 90 * MIN);
        assertThat(d.get(T0 + HOUR).get(SumColumn.FEEDBACK_FAILED)).isEqualTo(1);
        assertThat(d.get(T0 + 90 * MIN).get(SumColumn.LATE_FEEDBACK)).isEqualTo(1);
        assertThat(DeltaSum.of(output()).counts()).isEqualTo("messages=1 delivered=1 feedback_tracked=1 feedback_failed=1"
                + " late_feedback=1 price_usd=6450 message_parts=1");
        assertDrainsAfter(T0 + 90 * MIN);
    }

    /** State and timers survive a checkpoint and restore: the held feedback and the timeout still resolve. */
    @Test
    void stateAndTimersSurviveRestore() throws Exception {
        open();
        send(Ev.feedback("m1", "FAILED", T0 + 20 * MIN), Ev.sms("m2").pending(T0 + SEC).context("feedbackEnabled", "true").build());
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot = h.snapshot(1L, T0 + 2 * SEC);
        assertThat(DeltaSum.of(output()).get(SumColumn.MESSAGES)).isEqualTo(1);
        h.close();
        h = null;

        KeyedOneInputStreamOperatorTestHarness<String, CanonicalEvent, MessageDelta> restored = new KeyedOneInputStreamOperatorTestHarness<>(
                new MessageLifecycleOperator(new MessageLifecycleFunction(new JobConfig(), new FixedWhatsAppFees())),
                e -> e.messageId, Types.STRING);
        restored.getExecutionConfig().disableGenericTypes();
        restored.initializeState(snapshot);
        restored.open();
        h = restored;
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        assertThat(h.numEventTimeTimers()).as("one timer per message: m1 expiry; m2 feedback timeout (its earliest)").isEqualTo(2);
        send(Ev.sms("m1").pending(T0 + 2 * SEC).context("feedbackEnabled", "true").build());
        h.processWatermark(T0 + 2 * HOUR);
        Map<Long, DeltaSum> byTime = DeltaSum.byTime(output());
        // Only what the restored operator emitted: m1 counted now (with its held FAILED), m2's timeout.
        assertThat(byTime.get(T0).get(SumColumn.MESSAGES)).isEqualTo(1);
        assertThat(byTime.get(T0).get(SumColumn.FEEDBACK_TRACKED)).isEqualTo(1);
        assertThat(DeltaSum.of(output()).get(SumColumn.FEEDBACK_FAILED)).isEqualTo(2);
        assertThat(byTime.get(T0 + 20 * MIN).get(SumColumn.FEEDBACK_FAILED)).isEqualTo(1);
        assertThat(byTime.get(T0 + HOUR).get(SumColumn.FEEDBACK_FAILED)).isEqualTo(1);
        assertDrainsAfter(T0 + 20 * MIN);
    }

    /**
     * Release 1 registered one timer per due time (feedback deadline and expiry: two for a tracked message) and had no
     * outcome-unknown time. Restored today, each of those timers still fires once and acts on the time it finds: the
     * feedback timeout at the deadline, the expiry (which also moves a message still without outcome to
     * outcome_unknown) at the horizon; then no state and no timer is left.
     */
    @Test
    void releaseOneStateWithOneTimerPerDueTimeRestoresAndDrains() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, CanonicalEvent, MessageDelta> old = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ReleaseOneTimers()), e -> e.messageId, Types.STRING)) {
            old.open();
            for (CanonicalEvent e : new CanonicalEvent[] {Ev.sms("m1").pending(T0 + SEC).context("feedbackEnabled", "true").build(),
                    Ev.sms("m2").delivered(T0 + 2 * SEC).build()}) {
                old.processElement(e, e.eventTime);
            }
            assertThat(old.numEventTimeTimers()).as("m1: feedback deadline and expiry; m2: expiry").isEqualTo(3);
            snapshot = old.snapshot(1L, T0 + 3 * SEC);
        }

        h = new KeyedOneInputStreamOperatorTestHarness<>(new MessageLifecycleOperator(new MessageLifecycleFunction(new JobConfig(), new FixedWhatsAppFees())),
                e -> e.messageId, Types.STRING);
        h.getExecutionConfig().disableGenericTypes();
        h.initializeState(snapshot);
        h.open();
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        assertThat(h.numEventTimeTimers()).isEqualTo(3);

        h.processWatermark(T0 + HOUR);
        assertThat(DeltaSum.byTime(newOutput()).get(T0 + HOUR).counts()).isEqualTo("feedback_failed=1");
        assertThat(h.numEventTimeTimers()).as("the feedback timer fired; both expiries left").isEqualTo(2);

        h.processWatermark(T0 + SEC + HORIZON);
        assertThat(DeltaSum.byTime(newOutput()).get(T0).counts()).isEqualTo("pending=-1 outcome_unknown=1");
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        assertDrainsAfter(T0 + 2 * SEC);
        assertThat(newOutput()).isEmpty();
    }

    /** Release 1's operator, as far as state and timers go: POJO state, a timer per due time, no outcome-unknown time. */
    private static final class ReleaseOneTimers extends org.apache.flink.streaming.api.functions.KeyedProcessFunction<String, CanonicalEvent, MessageDelta> {
        private final LifecycleRules rules = new LifecycleRules(new JobConfig(), new FixedWhatsAppFees());
        private transient org.apache.flink.api.common.state.ValueState<MessageState> state;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
            state = getRuntimeContext().getState(new org.apache.flink.api.common.state.ValueStateDescriptor<>("message", MessageState.class));
        }

        @Override
        public void processElement(CanonicalEvent e, Context ctx, org.apache.flink.util.Collector<MessageDelta> out) throws Exception {
            MessageState s = state.value() == null ? new MessageState() : state.value();
            rules.onEvent(s, e, ctx.timerService().currentWatermark()).forEach(out::collect);
            long deadline = rules.feedbackDeadline(s);
            if (deadline != MessageState.NONE && deadline != s.feedbackTimer) {
                s.feedbackTimer = deadline;
                ctx.timerService().registerEventTimeTimer(deadline);
            }
            long expiry = rules.expiryTime(s);
            if (expiry != s.expiryTimer) {
                if (s.expiryTimer != MessageState.NONE) {
                    ctx.timerService().deleteEventTimeTimer(s.expiryTimer);
                }
                s.expiryTimer = expiry;
                ctx.timerService().registerEventTimeTimer(expiry);
            }
            state.update(s);
        }
    }
}
