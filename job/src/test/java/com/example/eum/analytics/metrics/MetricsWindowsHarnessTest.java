package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.WindowMetrics;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static com.example.eum.analytics.metrics.Deltas.delivered;
import static com.example.eum.analytics.metrics.Deltas.failed;
import static com.example.eum.analytics.metrics.Deltas.sent;
import static com.example.eum.analytics.metrics.WindowHarness.LATENESS;
import static com.example.eum.analytics.metrics.WindowHarness.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

/** The metrics_by_country window operator, driven record by record and watermark by watermark. */
class MetricsWindowsHarnessTest {
    /** Start of window W0; W1 and W2 follow (5-minute windows, aligned to the epoch). */
    private static final long T0 = 1_700_000_100_000L;
    private static final String ORIG = "+15555550100";

    private WindowHarness harness;

    @BeforeEach
    void open() throws Exception {
        harness = WindowHarness.open(MetricsWindows::byCountry);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void feed(MessageDelta d) throws Exception {
        harness.processElement(new StreamRecord<>(d, d.attributionTime));
    }

    private List<WindowMetrics> drain() {
        List<WindowMetrics> out = harness.extractOutputValues();
        harness.getOutput().clear();
        return out.stream()
                .sorted((a, b) -> a.windowStart != b.windowStart ? Long.compare(a.windowStart, b.windowStart) : a.key.compareTo(b.key))
                .collect(Collectors.toList());
    }

    @Test
    void twoKeysThreeWindowsExactValuesThenEverythingIsCleanedUp() throws Exception {
        assertThat(T0 % WINDOW).isZero();
        // W0: US m1, m2 sent (0.00581 USD each); DE d1 sent (0.07 USD) and delivered after 5 s
        feed(sent(T0 + 10_000, Channel.SMS, "US", ORIG, "m1", 5_810));
        feed(sent(T0 + 11_000, Channel.SMS, "US", ORIG, "m2", 5_810));
        feed(sent(T0 + 20_000, Channel.SMS, "DE", ORIG, "d1", 70_000));
        feed(delivered(T0 + 25_000, Channel.SMS, "DE", ORIG, "d1", 5_000));
        // W1: m1 delivered after 310 s, m2 blocked
        feed(delivered(T0 + 320_000, Channel.SMS, "US", ORIG, "m1", 310_000));
        feed(failed(T0 + 400_000, Channel.SMS, "US", ORIG, "m2", FailureClass.BLOCKED));
        // W2: US m3 sent and delivered after 40 s; an inbound message from DE
        feed(sent(T0 + 610_000, Channel.SMS, "US", ORIG, "m3", 5_810));
        feed(delivered(T0 + 650_000, Channel.SMS, "US", ORIG, "m3", 40_000));
        MessageDelta inbound = Deltas.delta(T0 + 700_000, Channel.SMS, "DE", ORIG, "in1");
        inbound.set(SumColumn.INBOUND, 1);
        feed(inbound);
        assertThat(drain()).isEmpty();

        harness.processWatermark(T0 + WINDOW - 1);
        List<WindowMetrics> w0 = drain();
        assertThat(w0).hasSize(2);
        WindowMetrics de0 = w0.get(0);
        assertThat(de0.key).isEqualTo("DE");
        assertThat(de0.channel).isEqualTo(Channel.SMS);
        assertThat(de0.windowStart).isEqualTo(T0);
        assertThat(de0.windowEnd).isEqualTo(T0 + WINDOW);
        assertThat(de0.revision).isZero();
        assertThat(de0.emittedAtWatermark).isEqualTo(T0 + WINDOW - 1);
        assertThat(de0.get(SumColumn.MESSAGES)).isEqualTo(1);
        assertThat(de0.get(SumColumn.DELIVERED)).isEqualTo(1);
        assertThat(de0.get(SumColumn.PENDING)).isZero();
        assertThat(de0.get(SumColumn.PRICE_MICROS)).isEqualTo(70_000);
        assertThat(de0.deliveryRate).isEqualTo(1.0);
        assertThat(de0.latencyCount).isEqualTo(1);
        assertThat(de0.latencyP50Ms).isEqualTo(5_000L);
        WindowMetrics us0 = w0.get(1);
        assertThat(us0.key).isEqualTo("US");
        assertThat(us0.get(SumColumn.MESSAGES)).isEqualTo(2);
        assertThat(us0.get(SumColumn.PENDING)).isEqualTo(2);
        assertThat(us0.get(SumColumn.DELIVERED)).isZero();
        assertThat(us0.get(SumColumn.PRICE_MICROS)).isEqualTo(11_620);
        assertThat(us0.deliveryRate).isNull();
        assertThat(us0.latencyP50Ms).isNull();

        harness.processWatermark(T0 + 2 * WINDOW - 1);
        List<WindowMetrics> w1 = drain();
        assertThat(w1).hasSize(1);
        WindowMetrics us1 = w1.get(0);
        assertThat(us1.key).isEqualTo("US");
        assertThat(us1.windowStart).isEqualTo(T0 + WINDOW);
        assertThat(us1.get(SumColumn.MESSAGES)).isZero();
        assertThat(us1.get(SumColumn.DELIVERED)).isEqualTo(1);
        assertThat(us1.get(SumColumn.FAILED)).isEqualTo(1);
        assertThat(us1.get(SumColumn.FAILED_BLOCKED)).isEqualTo(1);
        assertThat(us1.get(SumColumn.PENDING)).isEqualTo(-2);
        assertThat(us1.deliveryRate).isEqualTo(0.5);
        assertThat(us1.latencyP50Ms).isBetween(306_900L, 313_100L); // within 1% of 310,000

        harness.processWatermark(T0 + 3 * WINDOW - 1);
        List<WindowMetrics> w2 = drain();
        assertThat(w2).hasSize(2);
        assertThat(w2.get(0).key).isEqualTo("DE");
        assertThat(w2.get(0).get(SumColumn.INBOUND)).isEqualTo(1);
        assertThat(w2.get(0).get(SumColumn.MESSAGES)).isZero();
        assertThat(w2.get(1).key).isEqualTo("US");
        assertThat(w2.get(1).get(SumColumn.MESSAGES)).isEqualTo(1);
        assertThat(w2.get(1).get(SumColumn.DELIVERED)).isEqualTo(1);
        assertThat(w2.get(1).get(SumColumn.PENDING)).isZero();
        assertThat(w2.get(1).latencyP50Ms).isBetween(39_600L, 40_400L);

        // window contents, revision counters and timers are still held while late data may come
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);
        assertThat(harness.numEventTimeTimers()).isGreaterThan(0);
        // past the last window's end + allowed lateness nothing remains
        harness.processWatermark(T0 + 3 * WINDOW - 1 + LATENESS);
        assertThat(drain()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void lateDeltasWithinLatenessReviseTheWindowOncePerWatermarkAdvance() throws Exception {
        feed(sent(T0 + 10_000, Channel.SMS, "US", ORIG, "m1", 5_810));
        harness.processWatermark(T0 + WINDOW + 30_000);
        List<WindowMetrics> onTime = drain();
        assertThat(onTime).hasSize(1);
        assertThat(onTime.get(0).revision).isZero();
        assertThat(onTime.get(0).get(SumColumn.MESSAGES)).isEqualTo(1);

        // three late deltas for W0 before the watermark moves: no output yet
        feed(sent(T0 + 50_000, Channel.SMS, "US", ORIG, "m2", 5_810));
        feed(delivered(T0 + 60_000, Channel.SMS, "US", ORIG, "m1", 50_000));
        feed(sent(T0 + 70_000, Channel.SMS, "US", ORIG, "m3", 5_810));
        assertThat(drain()).isEmpty();

        // one watermark advance -> exactly one re-firing, with the complete values
        harness.processWatermark(T0 + WINDOW + 60_000);
        List<WindowMetrics> revised = drain();
        assertThat(revised).hasSize(1);
        WindowMetrics r1 = revised.get(0);
        assertThat(r1.revision).isEqualTo(1);
        assertThat(r1.windowStart).isEqualTo(T0);
        assertThat(r1.get(SumColumn.MESSAGES)).isEqualTo(3);
        assertThat(r1.get(SumColumn.DELIVERED)).isEqualTo(1);
        assertThat(r1.get(SumColumn.PENDING)).isEqualTo(2); // 3 sent, 1 delivered
        assertThat(r1.get(SumColumn.PRICE_MICROS)).isEqualTo(17_430);
        assertThat(r1.deliveryRate).isEqualTo(1.0);
        assertThat(r1.emittedAtWatermark).isEqualTo(T0 + WINDOW + 60_000);

        // a further advance with no late data fires nothing
        harness.processWatermark(T0 + WINDOW + 90_000);
        assertThat(drain()).isEmpty();

        // another late delta -> revision 2
        feed(failed(T0 + 80_000, Channel.SMS, "US", ORIG, "m2", FailureClass.UNREACHABLE));
        harness.processWatermark(T0 + WINDOW + 120_000);
        List<WindowMetrics> again = drain();
        assertThat(again).hasSize(1);
        assertThat(again.get(0).revision).isEqualTo(2);
        assertThat(again.get(0).get(SumColumn.FAILED_UNREACHABLE)).isEqualTo(1);
        assertThat(again.get(0).get(SumColumn.PENDING)).isEqualTo(1);
        assertThat(again.get(0).deliveryRate).isEqualTo(0.5);
        assertThat(harness.getSideOutput(MetricsWindows.LATE_DELTAS)).isNull();
    }

    @Test
    void aDeltaLaterThanTheAllowedLatenessGoesToTheLateSideOutput() throws Exception {
        feed(sent(T0 + 10_000, Channel.SMS, "US", ORIG, "m1", 5_810));
        // W0's cleanup time is its max timestamp + lateness
        harness.processWatermark(T0 + WINDOW - 1 + LATENESS);
        assertThat(drain()).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();

        MessageDelta tooLate = delivered(T0 + 20_000, Channel.SMS, "US", ORIG, "m1", 10_000);
        feed(tooLate);
        // a delta for a window still within lateness is accepted
        feed(sent(T0 + WINDOW + 5_000, Channel.SMS, "US", ORIG, "m9", 1));
        harness.processWatermark(T0 + 2 * WINDOW - 1 + LATENESS);

        assertThat(harness.getSideOutput(MetricsWindows.LATE_DELTAS))
                .extracting(r -> r.getValue().toString(), StreamRecord::getTimestamp)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(tooLate.toString(), T0 + 20_000));
        List<WindowMetrics> out = drain();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).windowStart).isEqualTo(T0 + WINDOW);
        assertThat(out.get(0).get(SumColumn.MESSAGES)).isEqualTo(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void originationWindowsKeyBySenderWithUnknownPlaceholder() throws Exception {
        harness.close();
        harness = WindowHarness.open(MetricsWindows::byOrigination);
        feed(sent(T0 + 1_000, Channel.SMS, "US", ORIG, "m1", 5_810));
        feed(sent(T0 + 2_000, Channel.SMS, "DE", ORIG, "m2", 70_000));
        feed(sent(T0 + 3_000, Channel.WHATSAPP, "BR", null, "w1", 0));
        feed(sent(T0 + 4_000, Channel.SMS, null, "ACME|2", "m3", 5));
        harness.processWatermark(T0 + WINDOW - 1);
        List<WindowMetrics> out = drain();
        assertThat(out).extracting(m -> m.channel + "/" + m.key + "=" + m.get(SumColumn.MESSAGES) + "/" + m.get(SumColumn.PRICE_MICROS))
                .containsExactlyInAnyOrder("SMS/" + ORIG + "=2/75810", "WHATSAPP/unknown=1/0", "SMS/ACME|2=1/5");
    }

    @Test
    void countryWindowsUseZzForUnknownCountry() throws Exception {
        feed(sent(T0 + 1_000, Channel.MMS, null, ORIG, "m1", 20_000));
        feed(sent(T0 + 2_000, Channel.MMS, " ", ORIG, "m2", 20_000));
        harness.processWatermark(T0 + WINDOW - 1);
        List<WindowMetrics> out = drain();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).channel).isEqualTo(Channel.MMS);
        assertThat(out.get(0).key).isEqualTo("ZZ");
        assertThat(out.get(0).get(SumColumn.MESSAGES)).isEqualTo(2);
    }
}
