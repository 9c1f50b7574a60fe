package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.WindowMetrics;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

import static com.example.eum.analytics.metrics.Deltas.delivered;
import static com.example.eum.analytics.metrics.Deltas.failed;
import static com.example.eum.analytics.metrics.Deltas.sent;
import static org.assertj.core.api.Assertions.assertThat;

class MetricsRowTest {
    private static final long W = 1_700_000_100_000L;

    @Test
    void accumulatorSumsEveryFieldAndRatesFollowTheDocumentedFormulas() {
        MetricsAccumulator acc = new MetricsAccumulator();
        // 4 messages at 0.00581 USD each, 2 parts on one of them
        for (int i = 1; i <= 4; i++) {
            acc.add(sent(W, Channel.SMS, "US", "+15555550100", "m" + i, 5_810));
        }
        MessageDelta twoParts = new MessageDelta();
        twoParts.set(SumColumn.MESSAGE_PARTS, 1);
        twoParts.set(SumColumn.CARRIER_FEE_MICROS, 3_020);
        acc.add(twoParts);
        // 3 delivered (latencies 1200, 800, 5000 ms), 1 blocked, 1 expired
        acc.add(delivered(W, Channel.SMS, "US", "+15555550100", "m1", 1_200));
        acc.add(delivered(W, Channel.SMS, "US", "+15555550100", "m2", 800));
        acc.add(delivered(W, Channel.SMS, "US", "+15555550100", "m3", 5_000));
        acc.add(failed(W, Channel.SMS, "US", "+15555550100", "m4", FailureClass.BLOCKED));
        acc.add(failed(W, Channel.SMS, "US", "+15555550100", "m5", FailureClass.EXPIRED));
        // 2 read, feedback: 3 tracked, 1 converted, 3 failed (one of them late)
        MessageDelta more = new MessageDelta();
        more.set(SumColumn.READ, 2);
        more.set(SumColumn.INBOUND, 7);
        more.set(SumColumn.FEEDBACK_TRACKED, 3);
        more.set(SumColumn.CONVERTED, 1);
        more.set(SumColumn.FEEDBACK_FAILED, 3);
        more.set(SumColumn.LATE_FEEDBACK, 1);
        more.set(SumColumn.PROTECT_BLOCK_RECOMMENDED, 1);
        more.set(SumColumn.BILLABLE_MARKETING, 1);
        more.set(SumColumn.BILLABLE_UTILITY, 2);
        more.set(SumColumn.BILLABLE_AUTHENTICATION, 3);
        more.set(SumColumn.BILLABLE_SERVICE, 4);
        more.set(SumColumn.WHATSAPP_FEE_MICROS, 25_000);
        acc.add(more);

        WindowMetrics m = MetricsRow.of(W, W + 300_000, Channel.SMS, "US", 2, W + 360_000, acc);

        assertThat(m.windowStart).isEqualTo(W);
        assertThat(m.windowEnd).isEqualTo(W + 300_000);
        assertThat(m.channel).isEqualTo(Channel.SMS);
        assertThat(m.key).isEqualTo("US");
        assertThat(m.revision).isEqualTo(2);
        assertThat(m.emittedAtWatermark).isEqualTo(W + 360_000);
        assertThat(m.get(SumColumn.MESSAGES)).isEqualTo(4);
        assertThat(m.get(SumColumn.DELIVERED)).isEqualTo(3);
        assertThat(m.get(SumColumn.FAILED)).isEqualTo(2);
        assertThat(m.get(SumColumn.FAILED_BLOCKED)).isEqualTo(1);
        assertThat(m.get(SumColumn.FAILED_EXPIRED)).isEqualTo(1);
        assertThat(m.get(SumColumn.FAILED_PROTECT_BLOCKED) + m.get(SumColumn.FAILED_INVALID) + m.get(SumColumn.FAILED_UNREACHABLE) + m.get(SumColumn.FAILED_POLICY) + m.get(SumColumn.FAILED_UNKNOWN))
                .isZero();
        assertThat(m.get(SumColumn.PENDING)).isEqualTo(4 - 5); // 4 sent here, 5 outcomes (m5 was sent in an earlier window)
        assertThat(m.get(SumColumn.READ)).isEqualTo(2);
        assertThat(m.get(SumColumn.INBOUND)).isEqualTo(7);
        assertThat(m.get(SumColumn.FEEDBACK_TRACKED)).isEqualTo(3);
        assertThat(m.get(SumColumn.CONVERTED)).isEqualTo(1);
        assertThat(m.get(SumColumn.FEEDBACK_FAILED)).isEqualTo(3);
        assertThat(m.get(SumColumn.LATE_FEEDBACK)).isEqualTo(1);
        assertThat(m.get(SumColumn.PROTECT_BLOCK_RECOMMENDED)).isEqualTo(1);
        assertThat(m.get(SumColumn.PRICE_MICROS)).isEqualTo(23_240);
        assertThat(m.get(SumColumn.CARRIER_FEE_MICROS)).isEqualTo(3_020);
        assertThat(m.get(SumColumn.MESSAGE_PARTS)).isEqualTo(5);
        assertThat(m.get(SumColumn.BILLABLE_MARKETING)).isEqualTo(1);
        assertThat(m.get(SumColumn.BILLABLE_UTILITY)).isEqualTo(2);
        assertThat(m.get(SumColumn.BILLABLE_AUTHENTICATION)).isEqualTo(3);
        assertThat(m.get(SumColumn.BILLABLE_SERVICE)).isEqualTo(4);
        assertThat(m.get(SumColumn.WHATSAPP_FEE_MICROS)).isEqualTo(25_000);
        // rates: 3 / (3 + 2), 2 / 3, 1 / (1 + 3)
        assertThat(m.deliveryRate).isEqualTo(0.6);
        assertThat(m.readRate).isEqualTo(2.0 / 3.0);
        assertThat(m.conversionRate).isEqualTo(0.25);
        // latencies sorted 800, 1200, 5000: p50 = rank 2 = 1200 (exact below 1% of 1200 = 12 ms), p95 = rank 3
        assertThat(m.latencyCount).isEqualTo(3);
        assertThat(m.latencyP50Ms).isBetween(1_188L, 1_212L);
        assertThat(m.latencyP95Ms).isBetween(4_950L, 5_050L);
    }

    @Test
    void ratesAreNullWithoutDenominatorAndLatencyNullWithoutSamples() {
        MetricsAccumulator acc = new MetricsAccumulator();
        acc.add(sent(W, Channel.WHATSAPP, "BR", "+5511999990000", "w1", 0));
        WindowMetrics m = MetricsRow.of(W, W + 300_000, Channel.WHATSAPP, "BR", 0, W, acc);
        assertThat(m.deliveryRate).isNull();
        assertThat(m.readRate).isNull();
        assertThat(m.conversionRate).isNull();
        assertThat(m.latencyCount).isZero();
        assertThat(m.latencyP50Ms).isNull();
        assertThat(m.latencyP95Ms).isNull();
    }

    @Test
    void readRateCanExceedOneWhenReadsComeInALaterWindowThanDeliveries() {
        MetricsAccumulator acc = new MetricsAccumulator();
        MessageDelta d = new MessageDelta();
        d.set(SumColumn.DELIVERED, 1);
        d.set(SumColumn.READ, 3);
        acc.add(d);
        assertThat(MetricsRow.of(0, 1, Channel.WHATSAPP, "IN", 0, 0, acc).readRate).isEqualTo(3.0);
    }

    @Test
    void mergeAddsTwoAccumulators() {
        MetricsAccumulator a = new MetricsAccumulator();
        a.add(sent(W, Channel.SMS, "DE", null, "a", 1_000));
        a.add(delivered(W, Channel.SMS, "DE", null, "a", 400));
        MetricsAccumulator b = new MetricsAccumulator();
        b.add(sent(W, Channel.SMS, "DE", null, "b", 2_000));
        b.add(failed(W, Channel.SMS, "DE", null, "b", FailureClass.INVALID));
        a.merge(b);
        WindowMetrics m = MetricsRow.of(W, W + 1, Channel.SMS, "DE", 0, W, a);
        assertThat(m.get(SumColumn.MESSAGES)).isEqualTo(2);
        assertThat(m.get(SumColumn.PENDING)).isZero();
        assertThat(m.get(SumColumn.DELIVERED)).isEqualTo(1);
        assertThat(m.get(SumColumn.FAILED_INVALID)).isEqualTo(1);
        assertThat(m.get(SumColumn.PRICE_MICROS)).isEqualTo(3_000);
        assertThat(m.deliveryRate).isEqualTo(0.5);
        assertThat(m.latencyP50Ms).isEqualTo(400L);
    }

    @Test
    void stateTypesArePojosSoFlinkNeedsNoKryo() {
        assertThat(TypeInformation.of(MetricsAccumulator.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(LatencySketch.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(WindowMetrics.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
