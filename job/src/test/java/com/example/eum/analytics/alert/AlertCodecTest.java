package com.example.eum.analytics.alert;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An alert survives its binary form with every field (the payload, which renders all of them, is equal). */
class AlertCodecTest {
    private static final long T = 1_795_410_300_000L;

    private static Alert roundTrip(Alert a) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AlertCodec.write(a, new DataOutputStream(bytes));
        return AlertCodec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }

    @Test
    void everyFieldSurvives() throws IOException {
        for (Alert a : new Alert[] {SampleAlerts.carrierOutage(T), SampleAlerts.accountSpendSurge(T)}) {
            Alert back = roundTrip(a);
            assertThat(AlertJson.render(back)).isEqualTo(AlertJson.render(a));
            assertThat(back.key).isEqualTo(a.key);
            assertThat(back.alertId).isEqualTo(a.alertId);
            assertThat(back.excessCostMicros).isEqualTo(a.excessCostMicros);
            assertThat(back.verdict.state).isEqualTo(a.verdict.state);
            assertThat(back.triggeredWindowStart).isEqualTo(a.triggeredWindowStart);
        }
    }

    @Test
    void anUnknownVersionIsRefused() {
        assertThatThrownBy(() -> AlertCodec.read(new DataInputStream(new ByteArrayInputStream(new byte[] {9}))))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown alert version 9");
    }
}
