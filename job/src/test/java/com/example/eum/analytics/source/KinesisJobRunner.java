package com.example.eum.analytics.source;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.RawRecord;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointConfigOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs a job that starts with {@link KinesisSources} in the test MiniCluster until its downstream says it is done,
 * then stops it with a drained canonical savepoint (which also fires the last windows and commits files). The part
 * after the source is pluggable: a test passes a {@link Downstream} that attaches operators and sinks to the raw
 * stream (a collector here; decode, lifecycle and Parquet sinks in the full-pipeline test).
 */
public final class KinesisJobRunner {

    /** Attaches everything after the source; returns a check that says when the run has produced enough. */
    public interface Downstream {
        BooleanSupplier attach(StreamExecutionEnvironment env, DataStream<RawRecord> raw) throws Exception;
    }

    private KinesisJobRunner() {}

    /**
     * Builds and runs the job, waits until {@code downstream}'s check is true (failing after {@code timeout} or when
     * the job fails), then stops with a savepoint under {@code savepointDir} and returns the savepoint path.
     *
     * @param restoreFrom a savepoint to start from, or null
     */
    public static String run(JobConfig config, Downstream downstream, Path savepointDir, String restoreFrom,
                             Duration timeout) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        if (restoreFrom != null) {
            conf.set(SavepointConfigOptions.SAVEPOINT_PATH, restoreFrom);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.getConfig().disableGenericTypes();
        env.setParallelism(2);
        BooleanSupplier done = downstream.attach(env, KinesisSources.create(env, config));
        JobClient client = env.executeAsync("kinesis-source-e2e");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            JobStatus status = client.getJobStatus().get(10, TimeUnit.SECONDS);
            if (status.isGloballyTerminalState()) {
                client.getJobExecutionResult().get(10, TimeUnit.SECONDS); // surfaces the failure cause
                throw new AssertionError("job ended (" + status + ") before the downstream was done");
            }
            if (System.nanoTime() > deadline) {
                client.cancel().get(30, TimeUnit.SECONDS);
                throw new AssertionError("downstream not done within " + timeout);
            }
            Thread.sleep(200);
        }
        return client.stopWithSavepoint(true, savepointDir.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(120, TimeUnit.SECONDS);
    }
}
