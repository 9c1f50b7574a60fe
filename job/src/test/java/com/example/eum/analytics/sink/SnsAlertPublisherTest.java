package com.example.eum.analytics.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.eum.analytics.alert.Alert;
import com.example.eum.analytics.alert.AlertJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SnsLocalServer sns;
    private static SubscribedEndpoint endpoint;
    private static LinkedBlockingQueue<String> all;
    private static LinkedBlockingQueue<String> criticalOnly;
    private static String topicArn;

    @BeforeAll
    static void start() throws Exception {
        sns = SnsLocalServer.start();
        endpoint = new SubscribedEndpoint();
        all = endpoint.collect("/all");
        criticalOnly = endpoint.collect("/critical");
        topicArn = sns.createTopic("eum-alerts");
        sns.subscribe(topicArn, endpoint.url("/all"), null);
        sns.subscribe(topicArn, endpoint.url("/critical"), "{\"severity\":[\"CRITICAL\"]}");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (endpoint != null) {
            endpoint.close();
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

    @Test
    void anAlertArrivesAtTheSubscribedEndpointWithItsAttributesAndPayload() throws Exception {
        Alert alert = TestAlerts.outage();
        try (SnsAlertPublisher publisher = publisher(sns.endpoint())) {
            assertThat(publisher.publish(alert).get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(publisher.published()).isEqualTo(1);
            assertThat(publisher.failed()).isZero();
            assertThat(publisher.inFlight()).isZero();
        }
        String body = all.poll(30, TimeUnit.SECONDS);
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
        String filtered = criticalOnly.poll(30, TimeUnit.SECONDS);
        assertThat(filtered).isNotNull();
        assertThat(JSON.readTree(filtered).get("Message").asText()).isEqualTo(notification.get("Message").asText());
    }

    @Test
    void aDeadEndpointIsCountedAndLoggedWithoutThrowingOrBlocking() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        Alert alert = TestAlerts.outage();
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
        Alert alert = TestAlerts.outage();
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
