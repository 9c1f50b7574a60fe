package com.example.eum.analytics.cli;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.pipeline.JobProgress;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

/**
 * Runs a pipeline in a local MiniCluster (same JVM) and prints a progress line every few seconds from the job's
 * own Flink metrics (through the assembled job's {@link JobProgress}): records in, events/s, dead letters, windows emitted,
 * alerts raised, watermark.
 */
final class LocalJobRunner {
    private static final long PROGRESS_EVERY_MS = 3000;

    private LocalJobRunner() {}

    /** A local environment: checkpointing (files commit on checkpoints), no Kryo, fail fast, live metrics. */
    static StreamExecutionEnvironment environment(JobConfig cfg) {
        Configuration conf = new Configuration();
        conf.setString("metrics.reporter.live.factory.class", LiveMetricsReporterFactory.class.getName());
        // checkpoints on local disk: the default in-memory storage caps state at 5 MB, and a busy run's per-message
        // state is far larger (about 25 MB at 150k messages in flight)
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir().toUri().toString());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        int parallelism = cfg.parallelism > 0 ? cfg.parallelism : Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        env.getConfig().disableGenericTypes();
        env.enableCheckpointing(cfg.checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        LiveMetricsReporter.reset();
        return env;
    }

    private static Path checkpointDir() {
        try {
            Path dir = Files.createTempDirectory("engagement-analytics-checkpoints-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a checkpoint directory under " + System.getProperty("java.io.tmpdir"), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp directory is harmless
        }
    }

    /**
     * Runs to completion, printing progress to {@code out}; returns the elapsed wall time.
     *
     * <p>It waits on the job's result future only. A local environment runs each job in its own MiniCluster, which
     * starts shutting down as soon as that future completes; asking the cluster anything else (e.g. the job status)
     * after the job finished races with that shutdown and fails with "MiniCluster is not yet running or has already
     * been shut down" (the more likely the busier the machine).
     */
    static Duration run(StreamExecutionEnvironment env, JobProgress progress, String jobName, PrintStream out) throws Exception {
        long started = System.currentTimeMillis();
        JobClient client = env.executeAsync(jobName);
        long lastRecords = 0;
        long lastAt = started;
        while (true) {
            try {
                JobExecutionResult result = client.getJobExecutionResult().get(PROGRESS_EVERY_MS, TimeUnit.MILLISECONDS);
                return Duration.ofMillis(result.getNetRuntime());
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                long now = System.currentTimeMillis();
                long records = progress.recordsRead(LiveMetricsReporter.READER);
                double perSecond = (records - lastRecords) * 1000.0 / Math.max(1, now - lastAt);
                lastRecords = records;
                lastAt = now;
                out.println(progressLine(progress, now - started, records, perSecond));
            } catch (ExecutionException failed) {
                throw unwrap(failed);
            }
        }
    }

    private static String progressLine(JobProgress progress, long elapsedMs, long records, double perSecond) {
        JobProgress.MetricReader m = LiveMetricsReporter.READER;
        long events = progress.eventsWritten(m);
        long deadLetters = progress.deadLettersWritten(m);
        long windows = progress.windowsEmitted(m);
        Long watermark = progress.watermark(m);
        String wm = watermark == null ? "-" : Instant.ofEpochMilli(watermark).toString();
        return String.format("[%4ds] records %,d (%,.0f/s)  events %,d  dead letters %,d  windows emitted %,d  alerts %,d  watermark %s",
                elapsedMs / 1000, records, perSecond, events, deadLetters, windows, progress.alertsRaised(m), wm);
    }

    /** The root cause of a failed job: what the user needs to read, not Flink's wrappers around it. */
    private static Exception unwrap(ExecutionException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof Exception ? (Exception) t : new RuntimeException(t.toString(), t);
    }
}
