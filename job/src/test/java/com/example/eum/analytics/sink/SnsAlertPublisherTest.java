package com.example.eum.analytics.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.eum.analytics.alert.Alert;
import com.example.eum.analytics.alert.AlertContext;
import com.example.eum.analytics.alert.AlertEngine;
import com.example.eum.analytics.alert.AlertJson;
import com.example.eum.analytics.alert.AlertKey;
import com.example.eum.analytics.alert.AlertSettings;
import com.example.eum.analytics.alert.KeyState;
import com.example.eum.analytics.alert.RatePriors;
import com.example.eum.analytics.alert.WindowCounts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The publisher against a real SNS API server through the real AWS SDK: a topic with two HTTP subscriptions (one
 * with a filter policy on severity) to a small HTTP endpoint in the test, which receives the notifications.
 */
class SnsAlertPublisherTest {
    private static final long WINDOW = 300_000L;
    private static final long MONDAY = 1_793_577_600_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SnsLocalServer sns;
    private static HttpServer endpoint;
    private static final LinkedBlockingQueue<String> ALL = new LinkedBlockingQueue<>();
    private static final LinkedBlockingQueue<String> CRITICAL_ONLY = new LinkedBlockingQueue<>();
    private static String topicArn;

    @BeforeAll
    static void start() throws Exception {
        sns = SnsLocalServer.start();
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/all", exchange -> receive(exchange, ALL));
        endpoint.createContext("/critical", exchange -> receive(exchange, CRITICAL_ONLY));
        endpoint.start();
        String base = "http://127.0.0.1:" + endpoint.getAddress().getPort();
        topicArn = sns.createTopic("eum-alerts");
        sns.subscribe(topicArn, base + "/all", null);
        sns.subscribe(topicArn, base + "/critical", "{\"severity\":[\"CRITICAL\"]}");
    }

    private static void receive(com.sun.net.httpserver.HttpExchange exchange, LinkedBlockingQueue<String> into)
            throws IOException {
        into.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (endpoint != null) {
            endpoint.stop(0);
        }
        if (sns != null) {
            sns.close();
        }
    }

    private static SnsAlertPublisher.Settings settings(String endpointUrl) {
        SnsAlertPublisher.Settings s = new SnsAlertPublisher.Settings();
        s.topicArn = topicArn;
        s.region = SnsLocalServer.REGION;
        s.endpoint = endpointUrl;
        s.initialBackoff = Duration.ofMillis(100);
        s.attemptTimeout = Duration.ofSeconds(5);
        return s;
    }

    private static SnsAlertPublisher publisher(String endpointUrl) {
        return SnsAlertPublisher.create(settings(endpointUrl), StaticCredentialsProvider.create(
                AwsBasicCredentials.create(SnsLocalServer.ACCESS_KEY, SnsLocalServer.SECRET_KEY)));
    }

    /** A carrier outage in Brazil: a CRITICAL DELIVERY_DROP with example message ids. */
    private static Alert outage() {
        AlertSettings settings = new AlertSettings();
        AlertContext context = new AlertContext(settings, new RatePriors(settings), Double.NaN);
        AlertEngine engine = new AlertEngine();
        KeyState state = new KeyState();
        AlertKey key = AlertKey.carrier("SMS", "BR", "724-05");
        for (int w = 0; w < 50; w++) {
            engine.observe(state, WindowCounts.builder(key, MONDAY + w * WINDOW, MONDAY + (w + 1) * WINDOW)
                    .messages(100).delivered(95).failedFinal(5).spendMicros(100 * 12_000).build(), context);
        }
        List<Alert> alerts = engine.observe(state, WindowCounts.builder(key, MONDAY + 50 * WINDOW,
                MONDAY + 51 * WINDOW).messages(100).delivered(20).failedFinal(80).spendMicros(100 * 12_000)
                .exampleMessageIds(List.of("5d4c1b0e-8a1f-4a7e-9a52-4c1f0d2b6a01", "5d4c1b0e-8a1f-4a7e-9a52-4c1f0d2b6a02"))
                .contributors(Map.of("+5511", 60L, "+5521", 40L)).build(), context);
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }

    @Test
    void anAlertArrivesAtTheSubscribedEndpointWithItsAttributesAndPayload() throws Exception {
        Alert alert = outage();
        try (SnsAlertPublisher publisher = publisher(sns.endpoint())) {
            assertThat(publisher.publish(alert).get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(publisher.published()).isEqualTo(1);
            assertThat(publisher.failed()).isZero();
            assertThat(publisher.inFlight()).isZero();
        }
        String body = ALL.poll(30, TimeUnit.SECONDS);
        assertThat(body).as("notification at the HTTP endpoint").isNotNull();
        JsonNode notification = JSON.readTree(body);
        assertThat(notification.get("Type").asText()).isEqualTo("Notification");
        assertThat(notification.get("TopicArn").asText()).isEqualTo(topicArn);
        assertThat(notification.get("Subject").asText())
                .isEqualTo(SnsAlertPublisher.subject(AlertJson.summary(alert)))
                .startsWith("CRITICAL DELIVERY_DROP TRIGGERED: SMS BR carrier 724-05 (one carrier)").hasSizeLessThanOrEqualTo(100);
        JsonNode attributes = notification.get("MessageAttributes");
        assertThat(attributes.get("rule").get("Value").asText()).isEqualTo("DELIVERY_DROP");
        assertThat(attributes.get("severity").get("Value").asText()).isEqualTo("CRITICAL");
        assertThat(attributes.get("status").get("Value").asText()).isEqualTo("TRIGGERED");
        assertThat(attributes.get("country").get("Value").asText()).isEqualTo("BR");
        assertThat(attributes.get("dedup_key").get("Value").asText()).isEqualTo("DELIVERY_DROP:CARRIER/SMS/BR/-/724-05/-/-");
        assertThat(attributes.get("rule").get("Type").asText()).isEqualTo("String");

        JsonNode payload = JSON.readTree(notification.get("Message").asText());
        assertThat(payload).isEqualTo(JSON.readTree(AlertJson.render(alert)));
        assertThat(payload.get("carrier").asText()).isEqualTo("724-05");
        assertThat(payload.get("observed_rate").asDouble()).isEqualTo(0.8);
        assertThat(payload.get("example_message_ids")).hasSize(2);
        assertThat(payload.get("top_contributors").get(0).get("name").asText()).isEqualTo("+5511");

        // the filter policy {"severity":["CRITICAL"]} lets it through too
        String filtered = CRITICAL_ONLY.poll(30, TimeUnit.SECONDS);
        assertThat(filtered).isNotNull();
        assertThat(JSON.readTree(filtered).get("Message").asText()).isEqualTo(notification.get("Message").asText());
    }

    @Test
    void aDeadEndpointIsCountedAndLoggedWithoutThrowingOrBlocking() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        Alert alert = outage();
        try (SnsAlertPublisher publisher = publisher("http://127.0.0.1:" + deadPort)) {
            CompletableFuture<Boolean> result = publisher.publish(alert);
            // publish returned while its retries (100, 200, 400 ms of backoff) are still to come
            assertThat(result).isNotDone();
            assertThat(result.get(60, TimeUnit.SECONDS)).isFalse();
            assertThat(publisher.failed()).isEqualTo(1);
            assertThat(publisher.retried()).isEqualTo(3); // 4 attempts
            assertThat(publisher.published()).isZero();
            assertThat(publisher.inFlight()).isZero();
        }
    }

    @Test
    void beyondTheInFlightLimitAlertsAreDroppedAndCountedNotQueued() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        SnsAlertPublisher.Settings s = settings("http://127.0.0.1:" + deadPort);
        s.maxInFlight = 2;
        s.initialBackoff = Duration.ofSeconds(2);
        Alert alert = outage();
        SnsAlertPublisher publisher = SnsAlertPublisher.create(s, StaticCredentialsProvider.create(
                AwsBasicCredentials.create(SnsLocalServer.ACCESS_KEY, SnsLocalServer.SECRET_KEY)));
        CompletableFuture<Boolean> first = publisher.publish(alert);
        CompletableFuture<Boolean> second = publisher.publish(alert);
        CompletableFuture<Boolean> third = publisher.publish(alert);
        assertThat(third.get(1, TimeUnit.SECONDS)).isFalse();
        assertThat(publisher.dropped()).isEqualTo(1);
        // closing abandons the pending retries: both complete false and count as failed
        publisher.close();
        assertThat(first.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(second.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(publisher.failed()).isEqualTo(2);
        assertThat(publisher.inFlight()).isZero();
    }
}
