package com.example.eum.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.eum.analytics.sink.DuckDbLake;
import com.example.eum.analytics.sink.SnsLocalServer;
import com.example.eum.analytics.sink.SubscribedEndpoint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alerts end to end: generated traffic with an injected incident (India delivers 30% from minute 2), written by
 * {@code generate} and run through the whole job by {@code replay} (local MiniCluster, the shared assembly) with
 * {@code Alerts.snsTopicArn} pointing at a topic of a real SNS server; an HTTP endpoint subscribed to the topic (as
 * an on-call system would be) receives the notifications. Checked: the incident pages (CRITICAL DELIVERY_DROP for
 * India, with its attributes, example message ids of the incident's messages, observed vs baseline), what SNS
 * delivered is exactly what the lake's alerts table holds, and no destination phone number of the traffic appears
 * in any notification.
 */
class SnsAlertsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A destination number field, also inside JSON carried as a string (SNS, CloudWatch Logs envelopes). */
    private static final Pattern DESTINATION =
            Pattern.compile("\\\\?\"destinationPhoneNumber\\\\?\"\\s*:\\s*\\\\?\"([^\"\\\\]+)");

    @Test
    void anInjectedIncidentReachesTheSubscribedEndpointAsTheLakeRecordsIt(@TempDir Path dir) throws Exception {
        Path traffic = dir.resolve("traffic.jsonl");
        assertThat(GeneratedReplay.quietly("generate", "--output", traffic.toString(), "--rate", "8", "--duration", "4m",
                "--drain", "30m", "--seed", "11", "--countries", "US:3,IN:2,BR:1,GB:1",
                "--incident", "country=IN,from=2m,delivery=0.3")).isZero();
        Set<String> destinations = new TreeSet<>();
        for (String line : Files.readAllLines(traffic, StandardCharsets.UTF_8)) {
            destinations.addAll(all(DESTINATION, payloadText(line)));
        }
        assertThat(destinations).hasSizeGreaterThan(100);

        Path lake = dir.resolve("lake");
        List<JsonNode> notifications = new ArrayList<>();
        try (SnsLocalServer sns = SnsLocalServer.start(); SubscribedEndpoint onCall = new SubscribedEndpoint();
             AutoCloseable credentials = SnsLocalServer.defaultChainCredentials()) {
            LinkedBlockingQueue<String> received = onCall.collect("/pager");
            String topic = sns.createTopic("eum-alerts-e2e");
            sns.subscribe(topic, onCall.url("/pager"), null);

            assertThat(GeneratedReplay.quietly("replay", "--input", traffic.toString(), "--output", lake.toString(),
                    "--checkpoint-interval", "1s", "--set", "Alerts.snsTopicArn=" + topic,
                    "--set", "Alerts.snsEndpoint=" + sns.endpoint())).isZero();

            int alerts = ((Number) DuckDbLake.query("SELECT count(*) FROM " + DuckDbLake.table(lake.resolve("alerts")))
                    .get(0).get(0)).intValue();
            assertThat(alerts).as("alerts in the lake").isPositive();
            // the replay ended after its publishes were answered; the server delivers to the endpoint right after
            while (notifications.size() < alerts) {
                String body = received.poll(30, TimeUnit.SECONDS);
                assertThat(body).as("notification " + (notifications.size() + 1) + " of " + alerts).isNotNull();
                JsonNode n = JSON.readTree(body);
                assertThat(n.get("TopicArn").asText()).isEqualTo(topic);
                notifications.add(n);
            }
            assertThat(received.poll(2, TimeUnit.SECONDS)).as("nothing beyond the lake's alerts").isNull();
        }

        // SNS delivered exactly the lake's alerts: same messages, same payloads
        Map<String, String> lakePayloads = new HashMap<>();
        for (List<Object> row : DuckDbLake.query("SELECT alert_id, payload FROM " + DuckDbLake.table(lake.resolve("alerts")))) {
            lakePayloads.put((String) row.get(0), (String) row.get(1));
        }
        Map<String, String> snsPayloads = new HashMap<>();
        for (JsonNode n : notifications) {
            String payload = n.get("Message").asText();
            snsPayloads.put(JSON.readTree(payload).get("alert_id").asText(), payload);
        }
        assertThat(snsPayloads).isEqualTo(lakePayloads);

        // the page: India's SMS delivery collapsed
        JsonNode page = notifications.stream().filter(n -> attribute(n, "rule").equals("DELIVERY_DROP")
                        && attribute(n, "severity").equals("CRITICAL") && attribute(n, "status").equals("TRIGGERED")
                        && attribute(n, "country").equals("IN") && attribute(n, "dedup_key").startsWith("DELIVERY_DROP:CARRIER/SMS/IN/"))
                .findFirst().orElseThrow(() -> new AssertionError("no CRITICAL DELIVERY_DROP for an Indian carrier in " + notifications));
        JsonNode payload = JSON.readTree(page.get("Message").asText());
        assertThat(payload.get("dedup_key").asText()).isEqualTo(attribute(page, "dedup_key"));
        assertThat(payload.get("rule").asText()).isEqualTo("DELIVERY_DROP");
        assertThat(payload.get("iso_country_code").asText()).isEqualTo("IN");
        assertThat(payload.get("carrier").asText()).isEqualTo(attribute(page, "dedup_key").split("/")[4]);
        assertThat(payload.get("observed_rate").asDouble()).as("failed share observed")
                .isGreaterThan(payload.get("baseline_rate").asDouble() + 0.2);
        assertThat(payload.get("example_message_ids").size()).isBetween(1, 50);
        // examples are messages of the incident: Indian messages in the events table
        Set<String> indian = new TreeSet<>();
        for (List<Object> row : DuckDbLake.query("SELECT DISTINCT message_id FROM " + DuckDbLake.table(lake.resolve("events"))
                + " WHERE iso_country_code = 'IN'")) {
            indian.add((String) row.get(0));
        }
        payload.get("example_message_ids").forEach(id -> assertThat(indian).contains(id.asText()));

        // no notification (payload, subject or attributes) carries a destination number of the traffic; the
        // business's own numbers (an inbound message's destination) are origination numbers, which alerts name
        for (List<Object> row : DuckDbLake.query("SELECT DISTINCT origination_id FROM " + DuckDbLake.table(lake.resolve("events"))
                + " WHERE origination_id IS NOT NULL")) {
            destinations.remove((String) row.get(0));
        }
        assertThat(destinations).hasSizeGreaterThan(100);
        for (JsonNode n : notifications) {
            String text = n.toString();
            assertThat(destinations).noneMatch(text::contains);
        }
        for (JsonNode n : notifications) {
            assertThat(attribute(n, "country")).as("only the incident's country").isIn("IN", "ALL");
        }
    }

    private static String attribute(JsonNode notification, String name) {
        JsonNode a = notification.get("MessageAttributes").get(name);
        return a == null ? "" : a.get("Value").asText();
    }

    /** A replay line as text: JSON as is, base64 decoded (and gunzipped: CloudWatch Logs batches). */
    private static String payloadText(String line) throws java.io.IOException {
        if (line.startsWith("{")) {
            return line;
        }
        byte[] bytes = java.util.Base64.getDecoder().decode(line.trim());
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Set<String> all(Pattern p, String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
