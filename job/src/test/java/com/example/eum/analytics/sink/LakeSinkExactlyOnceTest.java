package com.example.eum.analytics.sink;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.schema.Tables;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static com.example.eum.analytics.sink.LakeRows.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events table is exactly-once across a task failure (restart from the last checkpoint) and across
 * stop-with-savepoint and resume: every generated event is in the lake once, none missing, none twice.
 */
class LakeSinkExactlyOnceTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final long START = at("2026-11-23T05:00:00Z");
    /** One event per second of event time: 6,000 events span 05:00 to 06:40, three hour partitions. */
    static final int EVENTS = 6_000;

    @TempDir
    Path dir;

    @Test
    void taskFailureMidStreamNeitherLosesNorDuplicatesRows() throws Exception {
        Path lake = dir.resolve("lake");
        Path marker = dir.resolve("failed-once");
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = LakeTestJobs.environment(conf, 2);
        buildJob(env, lake.toString(), 3_000, new FailOnce<>(marker.toString(), 1_500));

        env.execute("lake-exactly-once-failure");

        assertThat(marker).as("the map failed once, so the job restarted from a checkpoint").exists();
        long failedAt = Files.getLastModifiedTime(marker).toMillis();
        try (Stream<Path> files = Files.walk(lake.resolve("events"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".parquet")).map(p -> p.toFile().lastModified()))
                    .as("files written before the failure were committed and kept").anyMatch(t -> t < failedAt);
        }
        assertEveryEventExactlyOnce(lake);
    }

    @Test
    void stopWithSavepointAndResumeNeitherLosesNorDuplicatesRows() throws Exception {
        Path lake = dir.resolve("lake");
        StreamExecutionEnvironment first = LakeTestJobs.environment(2);
        buildJob(first, lake.toString(), 1_000, new FailOnce<>(dir.resolve("never").toString(), Integer.MAX_VALUE));
        JobClient client = first.executeAsync("lake-before-savepoint");
        waitForCommittedFile(lake.resolve("events"));
        String savepoint = client.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get();

        long afterFirstRun = DuckDbLake.count("SELECT count(*) FROM " + DuckDbLake.table(lake.resolve("events")));
        assertThat(afterFirstRun).as("stopped mid-stream").isBetween(1L, EVENTS - 1L);
        assertThat(DuckDbLake.count("SELECT count(DISTINCT event_id) FROM " + DuckDbLake.table(lake.resolve("events"))))
                .isEqualTo(afterFirstRun);

        StreamExecutionEnvironment second = LakeTestJobs.environment(2);
        buildJob(second, lake.toString(), 1_000, new FailOnce<>(dir.resolve("never").toString(), Integer.MAX_VALUE));
        StreamGraph resumed = second.getStreamGraph();
        resumed.setJobName("lake-after-savepoint");
        resumed.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint));
        second.execute(resumed);

        assertEveryEventExactlyOnce(lake);
    }

    /** Rate-limited generator so that checkpoints complete while the stream is running. */
    private static void buildJob(StreamExecutionEnvironment env, String lake, int eventsPerSecond, FailOnce<CanonicalEvent> failure) {
        DataGeneratorSource<CanonicalEvent> source = new DataGeneratorSource<>(new EventGenerator(), EVENTS,
                RateLimiterStrategy.perSecond(eventsPerSecond), TypeInformation.of(CanonicalEvent.class));
        LakeSink.attach(env.fromSource(source, WatermarkStrategy.noWatermarks(), "generator").uid("generator")
                        .map(failure).returns(TypeInformation.of(CanonicalEvent.class)).name("fail-once").uid("fail-once"),
                Tables.EVENTS, lake);
    }

    private static void assertEveryEventExactlyOnce(Path lake) throws Exception {
        String table = DuckDbLake.table(lake.resolve("events"));
        assertThat(DuckDbLake.query("SELECT count(*), count(DISTINCT event_id), min(seq), max(seq), sum(seq) FROM"
                + " (SELECT event_id, CAST(substr(event_id, 4) AS BIGINT) AS seq FROM " + table + ")").get(0))
                .containsExactly((long) EVENTS, (long) EVENTS, 0L, EVENTS - 1L,
                        java.math.BigInteger.valueOf((long) EVENTS * (EVENTS - 1) / 2));
        assertThat(DuckDbLake.query("SELECT CAST(dt AS VARCHAR) || '/' || hour, count(*) FROM " + table + " GROUP BY 1 ORDER BY 1"))
                .containsExactly(List.of("2026-11-23/05", 3_600L), List.of("2026-11-23/06", 2_400L));
    }

    private static void waitForCommittedFile(Path table) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(table)) {
                try (Stream<Path> files = Files.walk(table)) {
                    if (files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"))) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no committed file under " + table);
    }

    /** Event i: id {@code ev-i}, event time START + i seconds. */
    static final class EventGenerator implements GeneratorFunction<Long, CanonicalEvent> {
        @Override
        public CanonicalEvent map(Long index) {
            return LakeRows.fullEvent(String.format("ev-%06d", index), START + index * 1_000);
        }
    }
}
