package com.example.eum.analytics.source;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.config.KinesisSettings;
import com.example.eum.analytics.decode.Samples;
import com.example.eum.analytics.model.RawRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end against a real Kinesis API server (kinesis-local): the sample records of every family and envelope are
 * put on three streams (receipts with 3 shards, whatsapp given by ARN, feedback), the job reads them with
 * {@link KinesisSources} in a MiniCluster, and every record must arrive with its exact bytes (the CloudWatch Logs
 * batch as gzip), its stream name as source and its arrival time; a restart from the savepoint reads only new records;
 * enhanced fan-out (over the server's plain http port) reads the same records.
 */
class KinesisSourceEndToEndTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String RECEIPTS = "eum-receipts";
    private static final String WHATSAPP = "eum-whatsapp";
    private static final String FEEDBACK = "eum-feedback";

    private static KinesisLocalServer server;
    private static KinesisClient client;
    private static final List<Expected> expected = new ArrayList<>();
    private static long putStart;
    private static long putEnd;

    /** One record put on a stream. */
    private static final class Expected {
        final String file;
        final String stream;
        final byte[] data;

        Expected(String file, String stream, byte[] data) {
            this.file = file;
            this.stream = stream;
            this.data = data;
        }

        String key() {
            return stream + "|" + Base64.getEncoder().encodeToString(data);
        }
    }

    @BeforeAll
    static void startKinesisAndPutSamples() throws Exception {
        server = KinesisLocalServer.start();
        client = server.client();
        server.createStream(client, RECEIPTS, 3);
        server.createStream(client, WHATSAPP, 1);
        server.createStream(client, FEEDBACK, 1);
        Path samples = Samples.dir();
        List<Path> files;
        try (Stream<Path> s = Files.list(samples)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            byte[] bytes = Files.readAllBytes(f);
            if (name.equals("envelope_cwlogs_subscription_decoded.json")) {
                // a CloudWatch Logs subscription writes the batch gzip-compressed, as binary record data
                expected.add(new Expected(name, RECEIPTS, gzip(bytes)));
            } else if (name.equals("envelope_cwlogs_subscription_lambda_awslogs.json")) {
                continue; // the Lambda delivery shape of the same batch; Kinesis never carries it
            } else if (name.startsWith("wa_") || name.startsWith("envelope_sns_wa_")) {
                expected.add(new Expected(name, WHATSAPP, bytes));
            } else if (name.startsWith("feedback_")) {
                expected.add(new Expected(name, FEEDBACK, bytes));
            } else {
                expected.add(new Expected(name, RECEIPTS, bytes));
            }
        }
        // 8 SMS + MMS + voice + SNS + EventBridge + CloudWatch Logs; 6 WhatsApp + SNS-wrapped WhatsApp; 2 feedback
        assertThat(expected).hasSize(22);
        putStart = System.currentTimeMillis();
        for (Expected e : expected) {
            KinesisLocalServer.put(client, e.stream, e.file, e.data);
        }
        putEnd = System.currentTimeMillis();
    }

    @AfterAll
    static void stopKinesis() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The configuration the Kinesis job would get, pointed at the local server. */
    static JobConfig config(KinesisLocalServer server) {
        JobConfig config = new JobConfig();
        config.kinesis.receiptsStream = RECEIPTS;
        config.kinesis.whatsappStream = KinesisLocalServer.streamArn(WHATSAPP);
        config.kinesis.feedbackStream = FEEDBACK;
        server.connect(config);
        config.destinationHashKey = "0123456789abcdef0123456789abcdef-test";
        config.output = "s3://unused/lake";
        config.feedbackTrackAll = true; // a production-like configuration: no start-up warning about feedback tracking
        return config;
    }

    @Test
    void everyRecordArrivesWithItsBytesStreamAndArrivalTimeAndARestoreReadsOnlyNewRecords(@TempDir Path dir)
            throws Exception {
        JobConfig config = config(server);
        assertThat(config.validate(JobConfig.Mode.KINESIS)).isEmpty();

        CollectingSink<RawRecord> sink = new CollectingSink<>();
        String savepoint = KinesisJobRunner.run(config, collectInto(sink, expected.size()),
                dir.resolve("savepoints"), null, Duration.ofMinutes(3));

        List<RawRecord> got = new ArrayList<>(sink.results());
        assertThat(got).hasSize(expected.size());
        assertThat(got.stream().map(r -> r.source + "|" + Base64.getEncoder().encodeToString(r.payload)))
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(Expected::key).collect(Collectors.toList()));
        assertThat(got).allSatisfy(r -> {
            assertThat(r.ingestTime).isBetween(putStart - 2_000, putEnd + 2_000);
            assertThat(r.transportError).isNull();
        });
        RawRecord cwl = got.stream().filter(r -> r.payload.length > 1 && (r.payload[0] & 0xff) == 0x1f
                && (r.payload[1] & 0xff) == 0x8b).findFirst().orElseThrow();
        assertThat(cwl.source).isEqualTo(RECEIPTS);
        assertThat(gunzip(cwl.payload)).isEqualTo(Files.readAllBytes(
                Samples.dir().resolve("envelope_cwlogs_subscription_decoded.json")));
        assertThat(Paths.get(java.net.URI.create(savepoint)).resolve("_metadata")).isRegularFile();

        // restart from the savepoint: the shard positions are restored by source uid, so only the new record arrives
        byte[] fresh = "{\"MessageId\":\"after-restore\",\"MessageFeedbackStatus\":\"RECEIVED\",\"timestamp\":1748872900000}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        KinesisLocalServer.put(client, FEEDBACK, "after-restore", fresh);
        CollectingSink<RawRecord> secondSink = new CollectingSink<>();
        long[] doneAt = {0};
        KinesisJobRunner.run(config, (env, raw) -> {
            java.util.function.BooleanSupplier one = collectInto(secondSink, 1).attach(env, raw);
            // after the first record, keep reading a further 3 s so that re-read old records would show up
            return () -> {
                if (!one.getAsBoolean()) {
                    return false;
                }
                if (doneAt[0] == 0) {
                    doneAt[0] = System.nanoTime();
                }
                return System.nanoTime() - doneAt[0] > Duration.ofSeconds(3).toNanos();
            };
        }, dir.resolve("savepoints2"), savepoint, Duration.ofMinutes(3));
        List<RawRecord> second = new ArrayList<>(secondSink.results());
        assertThat(second).hasSize(1);
        assertThat(second.get(0).payload).isEqualTo(fresh);
        assertThat(second.get(0).source).isEqualTo(FEEDBACK);
    }

    @Test
    void enhancedFanOutReadsTheSameRecords(@TempDir Path dir) throws Exception {
        JobConfig config = config(server);
        config.kinesis.consumerType = KinesisSettings.ConsumerType.EFO;
        config.kinesis.efoConsumerName = "eum-analytics-test";
        assertThat(config.validate(JobConfig.Mode.KINESIS)).isEmpty();

        CollectingSink<RawRecord> sink = new CollectingSink<>();
        List<String> consumersWhileRunning = new ArrayList<>();
        KinesisJobRunner.run(config, (env, raw) -> {
            java.util.function.BooleanSupplier all = collectInto(sink, expected.size()).attach(env, raw);
            return () -> {
                if (!all.getAsBoolean()) {
                    return false;
                }
                client.listStreamConsumers(b -> b.streamARN(KinesisLocalServer.streamArn(RECEIPTS))).consumers()
                        .forEach(c -> consumersWhileRunning.add(c.consumerName()));
                return true;
            };
        }, dir.resolve("savepoints"), null, Duration.ofMinutes(3));

        // every record arrived through the enhanced fan-out consumer the connector registered (and, being lazily
        // registered, deregisters again when the job stops)
        assertThat(sink.results().stream().map(r -> r.source + "|" + Base64.getEncoder().encodeToString(r.payload)))
                .containsAll(expected.stream().map(Expected::key).collect(Collectors.toList()));
        assertThat(consumersWhileRunning).containsExactly("eum-analytics-test");
    }

    /** A downstream that collects the raw records into {@code sink}; done when it holds {@code n}. */
    static KinesisJobRunner.Downstream collectInto(CollectingSink<RawRecord> sink, int n) {
        return (env, raw) -> {
            raw.sinkTo(sink).name("collect-raw-records").uid("collect-raw-records");
            return () -> sink.results().size() >= n;
        };
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] data) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }
}
