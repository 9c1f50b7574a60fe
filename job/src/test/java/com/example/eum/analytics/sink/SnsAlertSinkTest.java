package com.example.eum.analytics.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.eum.analytics.alert.Alert;
import com.example.eum.analytics.alert.AlertJson;
import com.example.eum.analytics.alert.AlertKey;
import com.example.eum.analytics.alert.stage.AlertTypeInfo;
import com.example.eum.analytics.cli.LiveMetricsReporter;
import com.example.eum.analytics.cli.LiveMetricsReporterFactory;
import com.example.eum.analytics.config.JobConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@code alerts-to-sns} operator in a Flink job (MiniCluster): real alerts raised by the alert engine, through
 * the sink configured the way the job is ({@code Alerts.*} properties), to a real SNS server whose topic has an HTTP
 * subscription; and the same job against an SNS endpoint that is down, which must finish normally with the failed
 * publishes counted in the sink's Flink metric.
 */
class SnsAlertSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WRITER = SnsAlertSink.NAME + ": Writer";

    private static SnsLocalServer sns;
    private static SubscribedEndpoint endpoint;
    private static LinkedBlockingQueue<String> received;
    private static String topicArn;
    private static AutoCloseable credentials;

    @BeforeAll
    static void start() throws Exception {
        sns = SnsLocalServer.start();
        endpoint = new SubscribedEndpoint();
        received = endpoint.collect("/on-call");
        topicArn = sns.createTopic("eum-alerts-sink");
        sns.subscribe(topicArn, endpoint.url("/on-call"), null);
        credentials = SnsLocalServer.defaultChainCredentials();
    }

    @AfterAll
    static void stop() throws Exception {
        if (credentials != null) {
            credentials.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
        if (sns != null) {
            sns.close();
        }
    }

    private static List<Alert> alerts() {
        return List.of(TestAlerts.outage(),
                TestAlerts.deliveryDrop(AlertKey.country("SMS", "IN", "otp"), "0c1e5a77-3b7d-4f0e-8d0e-7d9b2f1a4c0",
                        Map.of("404-45", 70L, "404-10", 30L)));
    }

    /** Runs the alerts through the sink the configuration gives; returns the sink's failed-publish counter. */
    private static long run(List<Alert> alerts, JobConfig cfg) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.setString("metrics.reporter.live.factory.class", LiveMetricsReporterFactory.class.getName());
        LiveMetricsReporter.reset();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.getConfig().disableGenericTypes();
        DataStream<Alert> stream = env.fromData(alerts, new AlertTypeInfo()).name("alerts").uid("alerts");
        Optional<DataStreamSink<Alert>> sink = SnsAlertSink.attach(stream, cfg);
        assertThat(sink).as("a topic is configured: the sink is attached").isPresent();
        assertThat(sink.get().getTransformation().getUid()).isEqualTo("alerts-to-sns");
        env.execute("sns-alert-sink-test");
        assertThat(LiveMetricsReporter.READER.sum(WRITER, SnsAlertSink.PUBLISHED)
                + LiveMetricsReporter.READER.sum(WRITER, SnsAlertSink.FAILED)).as("every alert counted").isEqualTo(alerts.size());
        return LiveMetricsReporter.READER.sum(WRITER, SnsAlertSink.FAILED);
    }

    private static JobConfig config(String snsEndpoint) {
        JobConfig cfg = new JobConfig();
        cfg.alertsSnsTopicArn = topicArn;
        cfg.alertsSnsEndpoint = snsEndpoint;
        assertThat(cfg.validate(JobConfig.Mode.LOCAL)).isEmpty();
        return cfg;
    }

    @Test
    void everyAlertOfTheStreamReachesTheSubscriberWithItsAttributesAndPayload() throws Exception {
        List<Alert> alerts = alerts();
        assertThat(run(alerts, config(sns.endpoint()))).as("failed publishes").isZero();

        Map<String, JsonNode> byDedupKey = new HashMap<>();
        for (int i = 0; i < alerts.size(); i++) {
            String body = received.poll(30, TimeUnit.SECONDS);
            assertThat(body).as("notification " + (i + 1) + " at the subscribed endpoint").isNotNull();
            JsonNode n = JSON.readTree(body);
            byDedupKey.put(n.get("MessageAttributes").get("dedup_key").get("Value").asText(), n);
        }
        assertThat(byDedupKey).containsOnlyKeys("DELIVERY_DROP:CARRIER/SMS/BR/-/724-05/-/-", alerts.get(1).dedupKey);
        for (Alert alert : alerts) {
            JsonNode n = byDedupKey.get(alert.dedupKey);
            assertThat(n.get("TopicArn").asText()).isEqualTo(topicArn);
            JsonNode attributes = n.get("MessageAttributes");
            assertThat(attributes.get("rule").get("Value").asText()).isEqualTo("DELIVERY_DROP");
            assertThat(attributes.get("severity").get("Value").asText()).isEqualTo(alert.severity.name());
            assertThat(attributes.get("country").get("Value").asText()).isEqualTo(alert.key.country());
            JsonNode payload = JSON.readTree(n.get("Message").asText());
            assertThat(payload).isEqualTo(JSON.readTree(AlertJson.render(alert)));
            assertThat(payload.get("example_message_ids")).hasSize(2);
        }
        JsonNode india = byDedupKey.get(alerts.get(1).dedupKey);
        assertThat(india.get("MessageAttributes").get("country").get("Value").asText()).isEqualTo("IN");
        assertThat(JSON.readTree(india.get("Message").asText()).get("example_message_ids").get(0).asText())
                .isEqualTo("0c1e5a77-3b7d-4f0e-8d0e-7d9b2f1a4c01");
    }

    @Test
    void anSnsEndpointThatIsDownNeitherFailsNorStallsTheJobAndEveryLostAlertIsCounted() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        // the job finishes (execute returns normally) once each alert's 4 attempts are given up
        assertThat(run(alerts(), config("http://127.0.0.1:" + deadPort))).as("failed publishes").isEqualTo(2);
    }

    @Test
    void withoutATopicNothingIsAttached() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Alert> stream = env.fromData(alerts(), new AlertTypeInfo());
        assertThat(SnsAlertSink.attach(stream, new JobConfig())).isEmpty();
    }
}
