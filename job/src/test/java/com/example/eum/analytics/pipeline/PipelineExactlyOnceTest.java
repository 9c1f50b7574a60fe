package com.example.eum.analytics.pipeline;

import com.example.eum.analytics.cli.LakeSummary;
import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.decode.DecodeResult;
import com.example.eum.analytics.decode.DecoderSettings;
import com.example.eum.analytics.decode.RecordDecoder;
import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.GeneratorSource;
import com.example.eum.analytics.generator.GroundTruth;
import com.example.eum.analytics.generator.LakeVsTruth;
import com.example.eum.analytics.generator.Progress;
import com.example.eum.analytics.generator.ReplayFileWriter;
import com.example.eum.analytics.model.RawRecord;
import com.example.eum.analytics.sink.FailOnce;
import com.example.eum.analytics.source.ReplayLineFormat;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once for the whole job, not just a sink: generated traffic runs through decode, the message lifecycle
 * (keyed state, timers), both window operators (window state, revisions) and all four Parquet sinks; a task fails
 * mid-stream after a checkpoint and the job restarts from it. Afterwards every table holds exactly what a failure-free
 * run holds: as many event rows as the records decode to, one dead letter per malformed record, and per-key metrics
 * totals equal to the injected traffic.
 */
class PipelineExactlyOnceTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void aTaskFailureMidStreamLosesAndDuplicatesNothingInAnyTable(@TempDir Path dir) throws Exception {
        GeneratorSettings traffic = GeneratorSettings.fromOptions(Map.of("rate", "10", "duration", "4m", "drain", "20m",
                "seed", "31", "countries", "US:2,IN:1,BR:1", "speed", "150"));
        GroundTruth truth = GroundTruth.of(traffic);

        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.getConfig().disableGenericTypes();
        env.enableCheckpointing(200);
        env.setParallelism(2);

        Path marker = dir.resolve("failed-once");
        Path lake = dir.resolve("lake");
        JobConfig cfg = new JobConfig();
        cfg.destinationHashKey = "0123456789abcdef0123456789abcdef-test";
        cfg.windowSize = Duration.ofMinutes(1);
        DataStream<RawRecord> raw = GeneratorSource.create(env, traffic)
                .map(new FailOnce<RawRecord>(marker.toString(), (int) (truth.records / 4))) // per subtask: each of the 2 sees about half
                .returns(TypeInformation.of(RawRecord.class))
                .name("fail-once").uid("fail-once");
        cfg.output = lake.toString();
        EngagementJob.assemble(raw, cfg);
        env.execute("pipeline-exactly-once");

        assertThat(marker).as("the job failed once mid-stream and restarted from a checkpoint").exists();

        // what a failure-free run must hold: every generated record decoded once, by the same decoder
        Path file = dir.resolve("traffic.jsonl");
        ReplayFileWriter.write(traffic, file, new Progress(new PrintStream(new ByteArrayOutputStream()), "file", 60_000));
        RecordDecoder decoder = new RecordDecoder(new DecoderSettings(cfg.destinationHashKey.getBytes(StandardCharsets.UTF_8), false));
        long events = 0;
        long deadLetters = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            DecodeResult r = decoder.decode(ReplayLineFormat.toRecord(line.getBytes(StandardCharsets.UTF_8), "file", 0L));
            events += r.events().size();
            deadLetters += r.deadLetters().size();
        }
        assertThat(deadLetters).isEqualTo(truth.malformed);

        assertThat(LakeSummary.rowCount(lake, "events")).isEqualTo(events);
        assertThat(LakeVsTruth.malformedDeadLetters(lake))
                .isEqualTo(deadLetters);
        assertThat(LakeVsTruth.measured(lake, true)).isEqualTo(LakeVsTruth.injected(truth, true));
        assertThat(LakeVsTruth.measured(lake, false)).isEqualTo(LakeVsTruth.injected(truth, false));
    }
}
