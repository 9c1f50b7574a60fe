package com.example.eum.analytics.cli;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.pipeline.EngagementJob;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code kinesis}: the production Kinesis job, run in a local MiniCluster (against real streams or an emulator),
 * configured exactly as on Managed Flink (--config with the same property groups). Runs until stopped (Ctrl-C).
 */
@Command(name = "kinesis", mixinStandardHelpOptions = true,
        description = {"Run the Kinesis job locally: read the configured streams (Source.* properties), write the lake to "
                + "Lake.output. Configure it with --config (the Managed Flink property-groups JSON) and --set; see "
                + "deploy/PROPERTIES.md. Runs until stopped; files commit at each checkpoint."})
public class KinesisCommand implements Callable<Integer> {
    @Mixin
    PipelineOptions options;

    @Override
    public Integer call() throws Exception {
        JobConfig cfg = options.load(JobConfig.Mode.KINESIS, Map.of("Lake.checkpointInterval", "30s"), System.err);
        StreamExecutionEnvironment env = LocalJobRunner.environment(cfg);
        EngagementJob job = ManagedFlinkMain.build(env, cfg);
        System.out.println("reading " + cfg.kinesis.streams() + " -> " + cfg.output + " (Ctrl-C stops; committed files stay)");
        LocalJobRunner.run(env, job.progress, "engagement-analytics kinesis", System.out);
        return 0;
    }
}
