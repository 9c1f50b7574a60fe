package com.example.eum.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.GeneratorSource;
import com.example.eum.analytics.generator.GroundTruth;
import com.example.eum.analytics.pipeline.EngagementJob;
import com.example.eum.analytics.pipeline.JobProgress;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The assembled job's typed progress handle, read through the local metric reporter after a run, against
 * independent recounts: records read equal what the generator emitted, rows written equal the rows committed to
 * the lake's Parquet, windows emitted equal the metrics rows (every revision) committed.
 */
class JobProgressTest {
    @Test
    void countersEqualTheGeneratedRecordsAndTheCommittedRows(@TempDir Path dir) throws Exception {
        GeneratorSettings traffic = GeneratorSettings.fromOptions(Map.of("rate", "4", "duration", "2m", "drain", "20m",
                "seed", "5", "countries", "US:2,IN:1"));
        GroundTruth truth = GroundTruth.of(traffic);
        JobConfig cfg = new JobConfig();
        cfg.destinationHashKey = "0123456789abcdef0123456789abcdef-test";
        cfg.windowSize = Duration.ofMinutes(1);
        cfg.checkpointInterval = Duration.ofSeconds(1);
        cfg.parallelism = 2;
        cfg.output = dir.resolve("lake").toString();

        StreamExecutionEnvironment env = LocalJobRunner.environment(cfg);
        EngagementJob job = EngagementJob.assemble(GeneratorSource.create(env, traffic, truth.records), cfg);
        LocalJobRunner.run(env, job.progress, "job-progress-test", new PrintStream(new ByteArrayOutputStream()));

        Path lake = dir.resolve("lake");
        JobProgress.MetricReader m = LiveMetricsReporter.READER;
        assertThat(truth.records).isGreaterThan(300);
        assertThat(job.progress.recordsRead(m)).isEqualTo(truth.records);
        assertThat(job.progress.eventsWritten(m)).isPositive().isEqualTo(LakeSummary.rowCount(lake, "events"));
        assertThat(job.progress.deadLettersWritten(m)).isPositive().isEqualTo(LakeSummary.rowCount(lake, "dead_letters"));
        assertThat(job.progress.windowsEmitted(m)).isPositive().isEqualTo(
                LakeSummary.rowCount(lake, "metrics_by_country") + LakeSummary.rowCount(lake, "metrics_by_origination"));
        assertThat(job.progress.watermark(m)).as("end of input: no watermark to show").isNull();
    }
}
