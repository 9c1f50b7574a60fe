package com.example.eum.analytics.generator;

import com.example.eum.analytics.decode.Samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated payloads use exactly the field names of the documented sample records (test resources samples/). */
class PayloadShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<JsonNode> sms = new ArrayList<>();
    static final List<JsonNode> sns = new ArrayList<>();
    static final List<JsonNode> eventBridge = new ArrayList<>();
    static final List<JsonNode> cloudWatch = new ArrayList<>();
    static final List<JsonNode> social = new ArrayList<>();
    static final List<JsonNode> feedback = new ArrayList<>();

    @BeforeAll
    static void generate() throws Exception {
        RecordSequence seq = new RecordSequence(new TrafficModel(TrafficGeneratorTest.settings(20, Duration.ofMinutes(2), Duration.ofMinutes(10), 1)));
        while (seq.hasNext()) {
            byte[] p = seq.next().payload;
            JsonNode o;
            if ((p[0] & 0xFF) == 0x1f) {
                o = JSON.readTree(new GZIPInputStream(new ByteArrayInputStream(p)));
                cloudWatch.add(o);
                continue;
            }
            try {
                o = JSON.readTree(p);
            } catch (Exception malformed) {
                continue;
            }
            if (o.has("Type")) {
                sns.add(o);
                o = JSON.readTree(o.get("Message").asText());
            }
            if (o.has("detail-type")) {
                eventBridge.add(o);
            } else if (o.has("whatsAppWebhookEntry")) {
                social.add(o);
            } else if (o.has("MessageFeedbackStatus")) {
                feedback.add(o);
            } else if (o.has("messageId")) {
                sms.add(o);
            }
        }
    }

    static JsonNode sample(String name) throws Exception {
        return JSON.readTree(Samples.dir().resolve(name).toFile());
    }

    static Set<String> keys(JsonNode o) {
        Set<String> k = new TreeSet<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
            k.add(it.next());
        }
        return k;
    }

    @Test
    void smsEventsUseTheDocumentedFields() throws Exception {
        Set<String> documented = keys(sample("sms_text_delivered.json"));
        documented.addAll(keys(sample("sms_text_protect_blocked.json")));
        assertThat(sms).hasSizeGreaterThan(1000).allSatisfy(e -> assertThat(documented).containsAll(keys(e)));
        assertThat(sms.stream().filter(e -> e.get("eventType").asText().startsWith("TEXT_") && e.has("isoCountryCode")
                && !e.has("protectConfiguration")).findFirst().map(PayloadShapeTest::keys)).contains(keys(sample("sms_text_delivered.json")));
        assertThat(sms).allSatisfy(e -> {
            assertThat(e.get("eventTimestamp").isIntegralNumber()).isTrue();
            assertThat(e.get("totalMessagePrice").isNumber()).isTrue();
            assertThat(e.get("mcc") == null || e.get("mcc").isTextual()).isTrue();
            assertThat(e.get("messageStatus").asText()).isEqualTo(e.get("eventType").asText().replaceFirst("^(TEXT|MEDIA)_", ""));
        });
        assertThat(keys(sample("sms_text_protect_blocked.json").get("protectConfiguration")))
                .isEqualTo(keys(sms.stream().filter(e -> e.has("protectConfiguration")).findFirst().orElseThrow().get("protectConfiguration")));
    }

    @Test
    void envelopesUseTheDocumentedFields() throws Exception {
        assertThat(sns).isNotEmpty().allSatisfy(o -> assertThat(keys(o)).isEqualTo(keys(sample("envelope_sns_sms_text_delivered.json"))));
        JsonNode eb = sample("envelope_eventbridge_sms_text_delivered.json");
        Set<String> detail = keys(eb.get("detail"));
        detail.add("protectConfiguration"); // DOMAIN.md 1.5: EventBridge examples carry it when protect applies
        assertThat(eventBridge).isNotEmpty().allSatisfy(o -> {
            assertThat(keys(o)).isEqualTo(keys(eb));
            assertThat(detail).containsAll(keys(o.get("detail")));
            assertThat(o.get("detail").has("destinationPhoneNumber")).isFalse();
            assertThat(o.get("detail").has("context")).isFalse();
        });
        JsonNode cw = sample("envelope_cwlogs_subscription_decoded.json");
        assertThat(cloudWatch).isNotEmpty().allSatisfy(o -> {
            assertThat(keys(o)).isEqualTo(keys(cw));
            assertThat(keys(o.get("logEvents").get(0))).isEqualTo(keys(cw.get("logEvents").get(0)));
            assertThat(o.get("logEvents").get(0).get("id").asText()).hasSize(cw.get("logEvents").get(0).get("id").asText().length());
        });
        assertThat(feedback).isNotEmpty().allSatisfy(o -> assertThat(keys(o)).isEqualTo(keys(sample("feedback_received.json"))));
    }

    @Test
    void whatsAppEventsUseTheDocumentedFields() throws Exception {
        JsonNode header = sample("wa_status_delivered.json");
        JsonNode statusSample = JSON.readTree(header.get("whatsAppWebhookEntry").asText()).at("/changes/0/value/statuses/0");
        JsonNode failedSample = JSON.readTree(sample("wa_status_failed.json").get("whatsAppWebhookEntry").asText())
                .at("/changes/0/value/statuses/0");
        JsonNode pmpSample = JSON.readTree(sample("wa_status_sent_pmp_no_conversation.json").get("whatsAppWebhookEntry").asText())
                .at("/changes/0/value/statuses/0/pricing");
        JsonNode inboundSample = JSON.readTree(sample("wa_inbound_text.json").get("whatsAppWebhookEntry").asText()).at("/changes/0/value");
        Set<String> statusKeys = keys(statusSample);
        statusKeys.addAll(keys(failedSample));
        assertThat(social).hasSizeGreaterThan(100).allSatisfy(o -> {
            assertThat(keys(o)).isEqualTo(keys(header));
            assertThat(keys(o.get("context"))).isEqualTo(keys(header.get("context")));
            JsonNode entry = JSON.readTree(o.get("whatsAppWebhookEntry").asText());
            assertThat(entry.at("/changes/0/field").asText()).isEqualTo("messages");
            JsonNode value = entry.at("/changes/0/value");
            if (value.has("statuses")) {
                JsonNode st = value.at("/statuses/0");
                assertThat(statusKeys).containsAll(keys(st));
                assertThat(st.get("timestamp").isTextual()).isTrue();
                if (st.has("pricing")) {
                    assertThat(keys(st.get("pricing"))).isEqualTo(keys(pmpSample));
                }
                if (st.has("errors")) {
                    assertThat(keys(st.at("/errors/0"))).isEqualTo(keys(failedSample.at("/errors/0")));
                }
            } else {
                assertThat(keys(value)).isEqualTo(keys(inboundSample));
                assertThat(keys(value.at("/messages/0"))).isEqualTo(keys(inboundSample.at("/messages/0")));
            }
        });
        assertThat(new String(JSON.writeValueAsBytes(social.get(0)), StandardCharsets.UTF_8)).contains("whatsAppWebhookEntry");
    }
}
