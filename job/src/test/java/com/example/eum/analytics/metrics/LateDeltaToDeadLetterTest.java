package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.MessageDelta;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LateDeltaToDeadLetterTest {
    /** The delivered delta below, every field spelled out (no country: the JSON keeps the null). */
    private static final String EXPECTED_PAYLOAD = "{\"messageId\":\"0f1e-uuid\",\"channel\":\"SMS\",\"isoCountryCode\":null,"
            + "\"originationId\":\"+15555550100\",\"attributionTime\":1700000120000,\"latencyMs\":900,\"latencyWeight\":1,"
            + "\"columns\":{\"delivered\":1,\"pending\":-1}}";

    @Test
    void namesTableChannelKeyAndAttributionTime() {
        MessageDelta d = Deltas.delivered(1_700_000_120_000L, Channel.SMS, null, "+15555550100", "0f1e-uuid", 900);
        DeadLetter dl = new LateDeltaToDeadLetter("metrics_by_country", MetricsKey.byCountry()).map(d);
        assertThat(dl.reason).isEqualTo("late");
        assertThat(dl.detail).isEqualTo("delta later than the allowed lateness of its metrics_by_country window:"
                + " channel=SMS key=ZZ attribution_time=2023-11-14T22:15:20Z message_id=0f1e-uuid");
        assertThat(dl.source).isEqualTo("metrics_by_country");
        assertThat(dl.ingestTime).as("event-derived, so a replay reproduces it").isEqualTo(d.attributionTime);
        assertThat(new LateDeltaToDeadLetter("metrics_by_country", MetricsKey.byCountry()).map(d)).usingRecursiveComparison().isEqualTo(dl);
        assertThat(dl.payload).isEqualTo(EXPECTED_PAYLOAD);
        assertThat(dl.payloadBytes).isEqualTo(EXPECTED_PAYLOAD.length());
        assertThat(dl.payloadBase64).isFalse();
        assertThat(dl.payloadTruncated).isFalse();
    }

    @Test
    void originationTableUsesTheOriginationKey() {
        MessageDelta d = Deltas.sent(0L, Channel.WHATSAPP, "IN", null, "wamid.X", 0);
        DeadLetter dl = new LateDeltaToDeadLetter("metrics_by_origination", MetricsKey.byOrigination()).map(d);
        assertThat(dl.detail).contains("channel=WHATSAPP key=unknown attribution_time=1970-01-01T00:00:00Z");
    }
}
