package com.example.eum.analytics.bench;

import com.example.eum.analytics.cli.LakeSummary;
import com.example.eum.analytics.cli.LiveMetricsReporter;
import com.example.eum.analytics.cli.LiveMetricsReporterFactory;
import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.RawRecord;
import com.example.eum.analytics.pipeline.EngagementJob;
import com.example.eum.analytics.source.ReplayFileSource;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobgraph.JobVertexID;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The whole pipeline as {@code replay} runs it (replay file source, decode, watermarks, lifecycle, the metrics
 * windows, the alert stage, the Parquet tables on local disk, exactly-once checkpoints to local files) in a
 * MiniCluster of this JVM, with the given state backend (RocksDB: incremental checkpoints, as Managed Flink
 * configures it) and parallelism. It runs the same input several times in the same cluster, as the micro stages
 * warm up before they measure: the cold run (a fresh JVM's first job: start-up, class loading and most of the JIT's
 * compilation), further warm-up runs (HotSpot's compiler threads still use a third of the second run's CPU and a
 * sixth of the third's, whose other CPU is also still 6 to 8% above the fourth's: code that runs once per job, at
 * submission, deployment, file commits and checkpoints, reaches the compiler's thresholds only over several jobs),
 * then the measured run (a long-running job's steady state). CPU time is the whole process's from a
 * job's submission to its end: every task thread, the checkpoints' asynchronous threads, garbage collection and the
 * JIT. Checkpoint statistics are polled from the measured job's execution graph; the largest completed checkpoint is
 * reported, with the lifecycle task's share of it. Events are counted from the measured run's committed Parquet
 * (footers), so they prove the run wrote the whole input.
 */
final class PipelineRun {
    private static final long POLL_MS = 2_000;
    private static final long PROGRESS_MS = 10_000;

    private final Stage stage;
    private final Path input;
    private final long inputRecords;
    private final Duration checkpointInterval;
    private final int warmups;

    /** @param warmups unmeasured runs before the measured one (at least 1: the first is the cold run) */
    PipelineRun(Stage stage, Path input, long inputRecords, Duration checkpointInterval, int warmups) {
        if (warmups < 1) {
            throw new IllegalArgumentException("a pipeline stage needs at least 1 warm-up run (the cold run), got " + warmups);
        }
        this.stage = stage;
        this.input = input;
        this.inputRecords = inputRecords;
        this.checkpointInterval = checkpointInterval;
        this.warmups = warmups;
    }

    void run(StageResult result, PrintStream progress) throws Exception {
        try (TempDir scratch = new TempDir()) {
            Path work = scratch.path();
            Configuration conf = new Configuration();
            conf.setString("metrics.reporter.live.factory.class", LiveMetricsReporterFactory.class.getName());
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, work.resolve("checkpoints").toUri().toString());
            conf.set(StateBackendOptions.STATE_BACKEND, stage.backend == Stage.Backend.ROCKSDB ? "rocksdb" : "hashmap");
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            // any free port for the MiniCluster's REST endpoint: 8081 may be taken (another run, a local cluster)
            conf.set(RestOptions.BIND_PORT, "0");

            // one file per source subtask (see BenchInput.split); at parallelism 1 the file itself
            Path source = stage.parallelism > 1 ? BenchInput.split(input, stage.parallelism, work.resolve("input")) : input;
            MiniClusterConfiguration cluster = new MiniClusterConfiguration.Builder()
                    .setConfiguration(conf).setNumTaskManagers(1).setNumSlotsPerTaskManager(stage.parallelism).build();
            try (MiniCluster mini = new MiniCluster(cluster)) {
                mini.start();
                // the cold run: a fresh JVM's first job, start-up, class loading and JIT compilation included
                StageResult cold = new StageResult();
                new Run(conf, source, work.resolve("lake-cold")).execute(mini, cold, progress, "cold");
                // further warm-up runs: the JIT's compiler threads keep working well into the second pass
                for (int i = 2; i <= warmups; i++) {
                    StageResult warmup = new StageResult();
                    new Run(conf, source, work.resolve("lake-warmup-" + i)).execute(mini, warmup, progress, "warm-up " + i);
                    TempDir.delete(work.resolve("lake-warmup-" + i));
                }
                // the measured run: the same input again in the same cluster, as a long-running job's steady state
                Run measured = new Run(conf, source, work.resolve("lake"));
                measured.execute(mini, result, progress, "measured");
                result.coldCpuNanos = cold.cpuNanos;
                result.coldWallNanos = cold.wallNanos;
                if (cold.records != result.records) {
                    throw new IllegalStateException("the cold run read " + cold.records + " records, the measured run "
                            + result.records + ": the input changed between them");
                }
            }
            result.passes = 1;
            result.events = LakeSummary.rowCount(work.resolve("lake"), "events");
            result.peakHeapBytes = CpuAndHeap.peakHeapBytes();
        }
    }

    /** One job over the whole input: assembled as replay assembles it, writing its lake under {@code lake}. */
    private final class Run {
        final JobGraph job;
        final EngagementJob assembled;
        final Set<JobVertexID> lifecycle = new HashSet<>();

        Run(Configuration conf, Path source, Path lake) {
            JobConfig cfg = BenchInput.config(checkpointInterval, stage.parallelism);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(stage.parallelism);
            env.getConfig().disableGenericTypes();
            env.enableCheckpointing(checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
            DataStream<RawRecord> raw = env
                    .fromSource(ReplayFileSource.of(new org.apache.flink.core.fs.Path(source.toAbsolutePath().toUri())),
                            WatermarkStrategy.noWatermarks(), "replay-files", TypeInformation.of(RawRecord.class))
                    .uid("replay-files");
            cfg.output = lake.toString();
            assembled = EngagementJob.assemble(raw, cfg);
            job = env.getStreamGraph().getJobGraph();
            for (JobVertex v : job.getVertices()) {
                if (v.getName().contains("message-lifecycle")) {
                    lifecycle.add(v.getID());
                }
            }
        }

        /** Runs the job to its end; CPU time is the whole process's from submission to the job's end. */
        void execute(MiniCluster mini, StageResult result, PrintStream progress, String which) throws Exception {
            LiveMetricsReporter.reset();
            CpuAndHeap.JitCpu jitBefore = CpuAndHeap.jitCpu();
            long cpuBefore = CpuAndHeap.processCpuNanos();
            long began = System.nanoTime();
            JobID id = mini.submitJob(job).get().getJobID();
            CompletableFuture<JobResult> done = mini.requestJobResult(id);
            long lastProgress = began;
            while (true) {
                try {
                    done.get(POLL_MS, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException running) {
                    recordCheckpoints(mini, id, lifecycle, result);
                    long now = System.nanoTime();
                    if (now - lastProgress >= PROGRESS_MS * 1_000_000L) {
                        lastProgress = now;
                        progress.printf("  %s (%s run): [%3ds] records %,d of %,d, %.1f CPU-s, %d checkpoints%n", stage.cliName(),
                                which, (now - began) / 1_000_000_000L, assembled.progress.recordsRead(LiveMetricsReporter.READER),
                                inputRecords, (CpuAndHeap.processCpuNanos() - cpuBefore) / 1e9, result.checkpoints);
                    }
                }
            }
            result.cpuNanos = CpuAndHeap.processCpuNanos() - cpuBefore;
            result.wallNanos = System.nanoTime() - began;
            CpuAndHeap.JitCpu jitAfter = CpuAndHeap.jitCpu();
            result.jitCpuNanos = jitAfter == null ? -1 : jitAfter.since(jitBefore);
            JobResult outcome = done.get();
            if (!outcome.isSuccess()) {
                throw new IllegalStateException("the pipeline failed: " + outcome.getSerializedThrowable()
                        .map(t -> t.getFullStringifiedStackTrace()).orElse("no cause reported"));
            }
            recordCheckpoints(mini, id, lifecycle, result);
            result.records = assembled.progress.recordsRead(LiveMetricsReporter.READER);
        }
    }

    /** Keeps the largest completed checkpoint seen so far (the history holds the last few only, hence the polling). */
    private static void recordCheckpoints(MiniCluster mini, JobID id, Set<JobVertexID> lifecycle, StageResult result) throws Exception {
        CheckpointStatsSnapshot stats = mini.getArchivedExecutionGraph(id).get().getCheckpointStatsSnapshot();
        if (stats == null) {
            return;
        }
        result.checkpoints = (int) Math.max(result.checkpoints, stats.getCounts().getNumberOfCompletedCheckpoints());
        for (AbstractCheckpointStats c : stats.getHistory().getCheckpoints()) {
            if (c instanceof CompletedCheckpointStats && c.getStateSize() > result.checkpointBytes) {
                result.checkpointBytes = c.getStateSize();
                result.checkpointedBytes = c.getCheckpointedSize();
                long lifecycleBytes = 0;
                for (JobVertexID v : lifecycle) {
                    TaskStateStats task = c.getTaskStateStats(v);
                    lifecycleBytes += task == null ? 0 : task.getStateSize();
                }
                result.lifecycleStateBytes = lifecycleBytes;
            }
        }
    }
}
