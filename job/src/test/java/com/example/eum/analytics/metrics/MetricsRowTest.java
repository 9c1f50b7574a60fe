package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.Channel;
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
        twoParts.messageParts = 1;
        twoParts.carrierFeeMicros = 3_020;
        acc.add(twoParts);
        // 3 delivered (latencies 1200, 800, 5000 ms), 1 blocked, 1 expired
        acc.add(delivered(W, Channel.SMS, "US", "+15555550100", "m1", 1_200));
        acc.add(delivered(W, Channel.SMS, "US", "+15555550100", "m2", 800));
        acc.add(delivered(W, Channel.SMS, "US", "+15555550100", "m3", 5_000));
        acc.add(failed(W, Channel.SMS, "US", "+15555550100", "m4", FailureClass.BLOCKED));
        acc.add(failed(W, Channel.SMS, "US", "+15555550100", "m5", FailureClass.EXPIRED));
        // 2 read, feedback: 3 tracked, 1 converted, 3 failed (one of them late)
        MessageDelta more = new MessageDelta();
        more.read = 2;
        more.inbound = 7;
        more.feedbackTracked = 3;
        more.converted = 1;
        more.feedbackFailed = 3;
        more.lateFeedback = 1;
        more.protectBlockRecommended = 1;
        more.billableMarketing = 1;
        more.billableUtility = 2;
        more.billableAuthentication = 3;
        more.billableService = 4;
        more.whatsappFeeMicros = 25_000;
        acc.add(more);

        WindowMetrics m = MetricsRow.of(W, W + 300_000, Channel.SMS, "US", 2, W + 360_000, acc);

        assertThat(m.windowStart).isEqualTo(W);
        assertThat(m.windowEnd).isEqualTo(W + 300_000);
        assertThat(m.channel).isEqualTo(Channel.SMS);
        assertThat(m.key).isEqualTo("US");
        assertThat(m.revision).isEqualTo(2);
        assertThat(m.emittedAtWatermark).isEqualTo(W + 360_000);
        assertThat(m.messages).isEqualTo(4);
        assertThat(m.delivered).isEqualTo(3);
        assertThat(m.failed).isEqualTo(2);
        assertThat(m.failedBlocked).isEqualTo(1);
        assertThat(m.failedExpired).isEqualTo(1);
        assertThat(m.failedProtectBlocked + m.failedInvalid + m.failedUnreachable + m.failedPolicy + m.failedUnknown)
                .isZero();
        assertThat(m.pending).isEqualTo(4 - 5); // 4 sent here, 5 outcomes (m5 was sent in an earlier window)
        assertThat(m.read).isEqualTo(2);
        assertThat(m.inbound).isEqualTo(7);
        assertThat(m.feedbackTracked).isEqualTo(3);
        assertThat(m.converted).isEqualTo(1);
        assertThat(m.feedbackFailed).isEqualTo(3);
        assertThat(m.lateFeedback).isEqualTo(1);
        assertThat(m.protectBlockRecommended).isEqualTo(1);
        assertThat(m.priceMicros).isEqualTo(23_240);
        assertThat(m.carrierFeeMicros).isEqualTo(3_020);
        assertThat(m.messageParts).isEqualTo(5);
        assertThat(m.billableMarketing).isEqualTo(1);
        assertThat(m.billableUtility).isEqualTo(2);
        assertThat(m.billableAuthentication).isEqualTo(3);
        assertThat(m.billableService).isEqualTo(4);
        assertThat(m.whatsappFeeMicros).isEqualTo(25_000);
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
        d.delivered = 1;
        d.read = 3;
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
        assertThat(m.messages).isEqualTo(2);
        assertThat(m.pending).isZero();
        assertThat(m.delivered).isEqualTo(1);
        assertThat(m.failedInvalid).isEqualTo(1);
        assertThat(m.priceMicros).isEqualTo(3_000);
        assertThat(m.deliveryRate).isEqualTo(0.5);
        assertThat(m.latencyP50Ms).isEqualTo(400L);
    }

    @Test
    void stateTypesArePojosSoFlinkNeedsNoKryo() {
        assertThat(TypeInformation.of(MetricsAccumulator.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(LatencySketch.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(MessageDelta.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(WindowMetrics.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
