package com.example.eum.analytics.source;

import com.example.eum.analytics.pipeline.EngagementJob;
import com.example.eum.analytics.cli.LakeSummary;
import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.GroundTruth;
import com.example.eum.analytics.generator.LakeVsTruth;
import com.example.eum.analytics.generator.KinesisWriter;
import com.example.eum.analytics.generator.Progress;
import com.example.eum.analytics.model.RawRecord;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production path end to end: generated traffic (every envelope, duplicates, disorder, late and malformed records)
 * is put with the AWS SDK into a 3-shard stream of a real Kinesis API server (kinesis-local), as
 * {@code generate --to-kinesis} does; the job reads it with {@link KinesisSources} in a MiniCluster, runs the whole
 * pipeline into Parquet, and is stopped with a drained savepoint. The per-key totals committed to the lake must
 * equal what the generator injected, exactly, although one more record, stamped days after its arrival time, was put
 * into the stream: it is one {@code future_timestamp} dead letter.
 */
class KinesisToLakeEndToEndTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String STREAM = "eum-all-events";

    @Test
    void perCountryTotalsInTheLakeEqualWhatWasPutIntoKinesis(@TempDir Path dir) throws Exception {
        GeneratorSettings traffic = GeneratorSettings.fromOptions(Map.of("rate", "4", "duration", "3m", "drain", "20m",
                "seed", "7", "countries", "US:2,IN:1,BR:1"));
        GroundTruth truth = GroundTruth.of(traffic);

        try (KinesisLocalServer server = KinesisLocalServer.start(); KinesisClient client = server.client()) {
            server.createStream(client, STREAM, 3);
            try (KinesisWriter writer = new KinesisWriter(client, STREAM)) {
                writer.write(traffic, 0, new Progress(new PrintStream(new ByteArrayOutputStream()), "kinesis", 60_000));
                // one delivery receipt of a message of its own, stamped 3 days after its arrival (a client clock gone
                // wrong): it must become a future_timestamp dead letter and move nothing
                long aheadOfArrival = System.currentTimeMillis() + Duration.ofDays(3).toMillis();
                KinesisLocalServer.put(client, STREAM, "clock-gone-wrong", ("{\"eventType\":\"TEXT_DELIVERED\",\"eventVersion\":\"1.0\","
                        + "\"eventTimestamp\":" + aheadOfArrival + ",\"isFinal\":true,\"originationPhoneNumber\":\"+18005550100\","
                        + "\"isoCountryCode\":\"US\",\"messageId\":\"clock-gone-wrong\",\"messageRequestTimestamp\":" + (aheadOfArrival - 1_000)
                        + ",\"messageType\":\"TRANSACTIONAL\",\"messageStatus\":\"DELIVERED\",\"totalMessageParts\":1,"
                        + "\"totalMessagePrice\":0.00581,\"totalCarrierFee\":0.00302}").getBytes(StandardCharsets.UTF_8));
            }

            JobConfig config = new JobConfig();
            config.kinesis.receiptsStream = STREAM; // one stream carrying every family
            server.connect(config);
            config.destinationHashKey = "0123456789abcdef0123456789abcdef-test";
            config.output = dir.resolve("lake").toString();
            config.feedbackTrackedUseCases = "otp-login"; // the generator's OTPs also carry the context flag
            assertThat(config.validate(JobConfig.Mode.KINESIS)).allMatch(w -> w.contains("Lake.output"));

            CollectingSink<RawRecord> seen = new CollectingSink<>();
            KinesisJobRunner.run(config, (env, raw) -> {
                env.getConfig().disableGenericTypes();
                env.enableCheckpointing(500);
                raw.sinkTo(seen).name("count-raw-records").uid("count-raw-records");
                EngagementJob.assemble(raw, config);
                return () -> seen.results().size() >= truth.records + 1;
            }, dir.resolve("savepoints"), null, Duration.ofMinutes(4));

            assertThat(seen.results()).hasSize((int) truth.records + 1);
        }

        Path lake = dir.resolve("lake");
        Map<String, String> measured = LakeVsTruth.measured(lake, true);
        Map<String, String> injected = LakeVsTruth.injected(truth, true);
        assertThat(injected).hasSizeGreaterThanOrEqualTo(6);
        assertThat(measured).isEqualTo(injected);
        assertThat(LakeVsTruth.measured(lake, false)).isEqualTo(LakeVsTruth.injected(truth, false));
        assertThat(LakeSummary.deadLettersByReason(lake)).containsEntry("future_timestamp", 1L);
        assertThat(LakeVsTruth.malformedDeadLetters(lake)).isEqualTo(truth.malformed + 1);
    }
}
