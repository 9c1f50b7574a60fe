package com.example.eum.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AlertJsonTest {
    private static final AlertKey CARRIER = AlertKey.carrier("SMS", "SL", "619-01");

    @Test
    void thePayloadCarriesEveryDocumentedField() throws Exception {
        AlertEngine engine = new AlertEngine();
        AlertContext context = Traffic.context().withAccountCostPerMessage(10_000);
        KeyState state = new KeyState();
        for (int w = 0; w < 100; w++) {
            engine.observe(state, WindowCounts.builder(CARRIER, Traffic.start(w), Traffic.start(w + 1)).messages(40)
                    .delivered(40).spendMicros(40 * 10_000).build(), context);
        }
        List<Alert> alerts = engine.observe(state, WindowCounts.builder(CARRIER, Traffic.start(100),
                Traffic.start(101)).messages(500).delivered(500).protectRecommended(200).spendMicros(500 * 90_000)
                .contributors(Map.of("+23279", 400L, "+23276", 100L))
                .exampleMessageIds(List.of("0c7a8a66-1111-4d0c-9a66-000000000001")).build(), context);
        assertThat(alerts).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(AlertJson.render(alerts.get(0)));

        assertThat(json.get("rule").asText()).isEqualTo("SMS_PUMPING");
        assertThat(json.get("status").asText()).isEqualTo("TRIGGERED");
        assertThat(json.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(json.get("dedup_key").asText()).isEqualTo("SMS_PUMPING:CARRIER/SMS/SL/-/619-01/-/-");
        assertThat(json.get("scope").asText()).isEqualTo("CARRIER");
        assertThat(json.get("scope_label").asText()).isEqualTo("one carrier");
        assertThat(json.get("channel").asText()).isEqualTo("SMS");
        assertThat(json.get("iso_country_code").asText()).isEqualTo("SL");
        assertThat(json.get("carrier").asText()).isEqualTo("619-01");
        assertThat(json.get("use_case").isNull()).isTrue();
        assertThat(json.get("origination_id").isNull()).isTrue();
        assertThat(json.get("window_start").asText()).isEqualTo("2026-11-02T08:20:00Z");
        assertThat(json.get("window_end").asText()).isEqualTo("2026-11-02T08:25:00Z");
        assertThat(json.get("detected_at").asText()).isEqualTo("2026-11-02T08:25:00Z");
        assertThat(json.get("estimated_start").asText()).isEqualTo("2026-11-02T08:20:00Z");
        assertThat(json.get("messages").asLong()).isEqualTo(500);
        assertThat(json.get("affected_messages").asLong()).isEqualTo(460); // 500 - 40 expected
        assertThat(json.get("excess_cost_usd").decimalValue()).isEqualByComparingTo("41.4"); // 460 × 0.09
        assertThat(json.get("top_contributors").get(0).get("name").asText()).isEqualTo("+23279");
        assertThat(json.get("top_contributors").get(0).get("messages").asLong()).isEqualTo(400);
        assertThat(json.get("example_message_ids")).hasSize(1);
        assertThat(json.get("signals")).hasSize(3); // volume, protect, cost (no feedback matured yet)
        assertThat(json.get("alert_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(json.get("incident_id").asText())
                .isEqualTo("SMS_PUMPING:CARRIER/SMS/SL/-/619-01/-/-@2026-11-02T08:20:00Z");
        assertThat(json.get("summary").asText()).startsWith("CRITICAL SMS_PUMPING TRIGGERED: SMS SL carrier 619-01 (one carrier)");
        // no whole phone number anywhere: prefixes are at most 8 characters
        assertThat(json.toString()).doesNotContainPattern("\\+\\d{9,}");
    }

    @Test
    void aKeyCannotHoldAWholeNumberAsAPrefix() {
        assertThatThrownBy(() -> AlertKey.prefix("SMS", "SL", "+23279123456"))
                .hasMessageContaining("never a whole number");
    }
}
