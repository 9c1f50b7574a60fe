package com.example.eum.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The binary form restores a key mid-incident so that it goes on exactly as if it had never stopped. */
class KeyStateSerializationTest {
    private static final AlertKey KEY = AlertKey.country("SMS", "IN", "otp");

    private final AlertEngine engine = new AlertEngine();
    private final AlertContext context = Traffic.context().withAccountCostPerMessage(10_000);

    @Test
    void aRestoredKeyContinuesIdentically() throws IOException {
        Traffic t = new Traffic(11);
        KeyState live = new KeyState();
        int w = 0;
        for (; w < 400; w++) {
            engine.observe(live, window(t, w, 0.05, 120), context);
        }
        // an outage opens an incident; snapshot in the middle of it
        for (; w < 410; w++) {
            engine.observe(live, window(t, w, 0.6, 120), context);
        }
        assertThat(live.open).containsKey(AlertRule.DELIVERY_DROP);
        byte[] bytes = bytes(live);
        KeyState restored = KeyState.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        assertThat(bytes(restored)).isEqualTo(bytes);
        System.out.printf("alert key state after 410 windows (112 of spend history) with an open incident: %d bytes%n", bytes.length);

        List<String> fromLive = new ArrayList<>();
        List<String> fromRestored = new ArrayList<>();
        Traffic a = new Traffic(12);
        Traffic b = new Traffic(12);
        for (int i = w; i < w + 100; i++) {
            double q = i < w + 20 ? 0.6 : 0.05;
            engine.observe(live, window(a, i, q, 120), context).forEach(x -> fromLive.add(AlertJson.render(x)));
            engine.observe(restored, window(b, i, q, 120), context).forEach(x -> fromRestored.add(AlertJson.render(x)));
        }
        assertThat(fromLive).isNotEmpty().isEqualTo(fromRestored);
        assertThat(bytes(restored)).isEqualTo(bytes(live));
    }

    /**
     * A state written by version 1 (before the new-key totals and the last window's tracked messages; the committed
     * {@code alert/key-state-v1.bin}: 410 windows of the series above, mid-outage) restores: same baselines, the
     * open incident, the new fields at 0, and it is written back as version 2 and goes on observing.
     */
    @Test
    void aVersionOneStateRestores() throws IOException {
        byte[] v1;
        try (java.io.InputStream in = getClass().getResourceAsStream("/alert/key-state-v1.bin")) {
            v1 = in.readAllBytes();
        }
        assertThat(v1[0]).isEqualTo((byte) 1);
        KeyState restored = KeyState.read(new DataInputStream(new ByteArrayInputStream(v1)));
        assertThat(restored.open).containsOnlyKeys(AlertRule.DELIVERY_DROP);
        assertThat(restored.lastWindowEnd).isEqualTo(Traffic.start(410));
        assertThat(restored.conversionRate(context, KEY)).isCloseTo(0.8044, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(restored.failureRate(context, KEY)).isCloseTo(0.0456, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(restored.newKeyMessages + restored.newKeyTracked + restored.newKeyConverted
                + restored.newKeySpendMicros + restored.newKeyProtect + restored.lastTracked).isZero();
        byte[] v2 = bytes(restored);
        assertThat(v2[0]).isEqualTo((byte) 2);
        assertThat(v2.length).isEqualTo(v1.length + 6 * 8);
        assertThat(bytes(KeyState.read(new DataInputStream(new ByteArrayInputStream(v2))))).isEqualTo(v2);
        // the outage goes on, then clears: the incident restored from version 1 resolves
        Traffic t = new Traffic(13);
        List<Alert> alerts = new ArrayList<>();
        for (int w = 410; w < 500; w++) {
            alerts.addAll(engine.observe(restored, window(t, w, w < 420 ? 0.6 : 0.05, 120), context));
        }
        assertThat(alerts).extracting(a -> a.status).contains(AlertStatus.RESOLVED);
        assertThat(restored.open).isEmpty();
    }

    private static WindowCounts window(Traffic t, int w, double failureRate, long messages) {
        long failed = t.binomial(messages, failureRate);
        long converted = t.binomial(messages, 0.8);
        return WindowCounts.builder(KEY, Traffic.start(w), Traffic.start(w) + Traffic.WINDOW).messages(messages)
                .delivered(messages - failed).failedFinal(failed).converted(converted)
                .feedbackFailed(messages - converted).protectRecommended(t.binomial(messages, 0.01))
                .spendMicros(messages * 10_000).exampleMessageIds(List.of("id-" + w))
                .contributors(java.util.Map.of("404-45", messages)).build();
    }

    private static byte[] bytes(KeyState s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.write(new DataOutputStream(out));
        return out.toByteArray();
    }
}
