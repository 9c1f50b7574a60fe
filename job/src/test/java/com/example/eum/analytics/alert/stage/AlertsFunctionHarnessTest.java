package com.example.eum.analytics.alert.stage;

import com.example.eum.analytics.alert.Alert;
import com.example.eum.analytics.alert.AlertRule;
import com.example.eum.analytics.alert.AlertSettings;
import com.example.eum.analytics.alert.AlertStatus;
import com.example.eum.analytics.alert.Severity;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.WindowMetrics;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerts operator in Flink's keyed harness, fed metrics rows the way the window operators emit them (each
 * window's rows, then the watermark that closed it): an injected carrier outage raises one TRIGGERED and, after the
 * carrier recovers, one RESOLVED; state and timers drain to zero once every key has been idle for the timeout.
 */
class AlertsFunctionHarnessTest {
    private static final long SIZE = 300_000;
    /** Monday 2026-11-02 00:00 UTC. */
    private static final long T0 = 1_793_577_600_000L;
    private static final Duration IDLE = Duration.ofDays(15);

    private KeyedOneInputStreamOperatorTestHarness<String, AlertInput, Alert> h;

    @BeforeEach
    void open() throws Exception {
        h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AlertsFunction(new AlertSettings(), IDLE.toMillis())),
                in -> in.keyId, Types.STRING);
        h.setup(new AlertTypeInfo().createSerializer(new ExecutionConfig()));
        h.open();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static WindowMetrics carrierRow(long windowStart, long delivered, long failed, int revision) {
        WindowMetrics m = row(windowStart, delivered, failed);
        m.mcc = "404";
        m.mnc = "45";
        m.revision = revision;
        return m;
    }

    /** A row of IN's SMS traffic: delivered + failed messages, all decided in the window, 5,000 micro-USD each. */
    private static WindowMetrics row(long windowStart, long delivered, long failed) {
        WindowMetrics m = new WindowMetrics();
        m.windowStart = windowStart;
        m.windowEnd = windowStart + SIZE;
        m.channel = Channel.SMS;
        m.key = "IN";
        m.set(SumColumn.MESSAGES, delivered + failed);
        m.set(SumColumn.DELIVERED, delivered);
        m.set(SumColumn.FAILED, failed);
        m.set(SumColumn.PRICE_MICROS, (delivered + failed) * 5_000);
        return m;
    }

    private static MessageDelta failure(long t, String messageId) {
        MessageDelta d = new MessageDelta();
        d.attributionTime = t;
        d.channel = Channel.SMS;
        d.isoCountryCode = "IN";
        d.mcc = "404";
        d.mnc = "45";
        d.messageId = messageId;
        d.addFailure(null, 1);
        return d;
    }

    private void send(List<AlertInput> inputs, long timestamp) throws Exception {
        for (AlertInput in : inputs) {
            h.processElement(new StreamRecord<>(in, timestamp));
        }
    }

    /** One window of carrier 404-45: its example ids, its row, then the watermark that closes it. */
    private void window(int i, long delivered, long failed, String... failedIds) throws Exception {
        long start = T0 + i * SIZE;
        for (String id : failedIds) {
            send(AlertInputs.examplesOf(failure(start + 1_000, id), SIZE), start + 1_000);
        }
        send(AlertInputs.ofRow(AlertInputs.Table.CARRIER, carrierRow(start, delivered, failed, 0)), start + SIZE - 1);
        h.processWatermark(start + SIZE - 1);
    }

    private List<Alert> alerts() {
        List<Alert> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord) {
                out.add((Alert) ((StreamRecord<?>) o).getValue());
            }
        }
        return out;
    }

    @Test
    void anInjectedOutageRaisesOneTriggeredThenOneResolved() throws Exception {
        int w = 0;
        for (; w < 36; w++) {
            window(w, 95, 5);
        }
        assertThat(alerts()).isEmpty();
        int outageStart = w;
        for (; w < outageStart + 3; w++) {
            window(w, 30, 70, "fail-" + w + "-a", "fail-" + w + "-b");
        }
        // a revision of the first outage window after it was observed changes nothing
        send(AlertInputs.ofRow(AlertInputs.Table.CARRIER, carrierRow(T0 + outageStart * SIZE, 95, 5, 1)), T0 + w * SIZE);
        for (; w < outageStart + 60; w++) {
            window(w, 95, 5);
        }

        List<Alert> alerts = alerts();
        // one incident: TRIGGERED, at most hourly UPDATED while the statistic stays high, one RESOLVED
        assertThat(alerts).extracting(a -> a.status).startsWith(AlertStatus.TRIGGERED).endsWith(AlertStatus.RESOLVED)
                .containsOnlyOnce(AlertStatus.TRIGGERED, AlertStatus.RESOLVED).hasSizeLessThanOrEqualTo(3);
        Alert triggered = alerts.get(0);
        assertThat(triggered.rule).isEqualTo(AlertRule.DELIVERY_DROP);
        assertThat(triggered.severity).isEqualTo(Severity.CRITICAL);
        assertThat(triggered.dedupKey).isEqualTo("DELIVERY_DROP:CARRIER/SMS/IN/-/404-45/-/-");
        assertThat(triggered.windowStart).isEqualTo(T0 + outageStart * SIZE);
        assertThat(triggered.detectedAt).isEqualTo(T0 + (outageStart + 1) * SIZE);
        assertThat(triggered.verdict.observed).isEqualTo(0.7);
        assertThat(triggered.exampleMessageIds).containsExactly("fail-" + outageStart + "-a", "fail-" + outageStart + "-b");
        Alert resolved = alerts.get(alerts.size() - 1);
        assertThat(resolved.dedupKey).isEqualTo(triggered.dedupKey);
        assertThat(resolved.incidentId).isEqualTo(triggered.incidentId);
        assertThat(resolved.detectedAt).isGreaterThan(T0 + (outageStart + 3) * SIZE);
        assertThat(resolved.exampleMessageIds).hasSize(6);
    }

    @Test
    void stateAndTimersDrainToZeroAfterTheIdleTimeout() throws Exception {
        for (int w = 0; w < 5; w++) {
            send(AlertInputs.ofRow(AlertInputs.Table.COUNTRY, countryRow(T0 + w * SIZE)), T0 + (w + 1) * SIZE - 1);
            window(w, 95, 5, "f-" + w);
        }
        long lastWindowEnd = T0 + 5 * SIZE;
        // 3 keys: the carrier, the country × use case, the account
        assertThat(h.numKeyedStateEntries()).isGreaterThanOrEqualTo(3 * 3);
        assertThat(h.numEventTimeTimers()).isEqualTo(3);

        h.processWatermark(lastWindowEnd - 1 + IDLE.toMillis() - 1);
        assertThat(h.numKeyedStateEntries()).as("kept until the idle timeout").isGreaterThan(0);
        h.processWatermark(lastWindowEnd - 1 + IDLE.toMillis());
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    private static WindowMetrics countryRow(long windowStart) {
        WindowMetrics m = row(windowStart, 95, 5);
        m.useCase = "otp";
        return m;
    }
}
