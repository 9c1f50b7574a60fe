package com.example.eum.analytics.cli;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.RawRecord;
import com.example.eum.analytics.pipeline.EngagementJob;
import com.example.eum.analytics.source.ReplayFileSource;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code replay --input PATH --output DIR}: archived raw records through the same pipeline, to Parquet. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay archived raw records (one Kinesis payload per line: JSON, or base64 of binary; plain or .gz) "
                + "through the job in a local MiniCluster and write the lake's Parquet tables under --output.",
                "Exit code 0 also when some input was bad (it becomes dead letters); 2 for a usage error; 1 for an I/O or job failure."})
public class ReplayCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "PATH", description = "A file, or a directory of files (plain or .gz).")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Lake root: tables go to DIR/<table>/dt=YYYY-MM-DD/hour=HH/.")
    Path output;

    @Option(names = "--overwrite", description = "Replace the lake tables already in --output (only the tables' directories are deleted).")
    boolean overwrite;

    @Mixin
    PipelineOptions options;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (!Files.exists(input)) {
            throw new Main.UserError("--input " + input + " does not exist; give a file or a directory of replay files");
        }
        if (!Files.isReadable(input)) {
            throw new Main.UserError("--input " + input + " is not readable; check its permissions");
        }
        JobConfig cfg = options.load(JobConfig.Mode.REPLAY, Map.of("Lake.checkpointInterval", "10s"), System.err);
        cfg.output = output.toAbsolutePath().toString();
        LakeDirectory.prepare(output, overwrite, "--overwrite", out);

        StreamExecutionEnvironment env = LocalJobRunner.environment(cfg);
        DataStream<RawRecord> raw = env
                .fromSource(ReplayFileSource.of(new org.apache.flink.core.fs.Path(input.toAbsolutePath().toUri())), WatermarkStrategy.noWatermarks(), "replay-files", TypeInformation.of(RawRecord.class))
                .uid("replay-files");
        EngagementJob job = EngagementJob.assemble(raw, cfg);

        out.println("replaying " + input + " -> " + output);
        Duration took = LocalJobRunner.run(env, job.progress, "engagement-analytics replay", out);
        printSummary(out, job, cfg, took);
        return 0;
    }

    private void printSummary(PrintStream out, EngagementJob job, JobConfig cfg, Duration took) {
        long records = job.progress.recordsRead(LiveMetricsReporter.READER);
        long events = LakeSummary.rowCount(output, "events");
        Map<String, Long> deadLetters = LakeSummary.deadLettersByReason(output);
        long deadTotal = deadLetters.values().stream().mapToLong(Long::longValue).sum();
        out.println();
        out.printf("replay finished in %.1f s%n", took.toMillis() / 1000.0);
        out.printf("  records read            %,12d%n", records);
        out.printf("  events written          %,12d%n", events);
        out.printf("  dead letters            %,12d%n", deadTotal);
        for (Map.Entry<String, Long> e : deadLetters.entrySet()) {
            out.printf("    %-22s%,12d%n", e.getKey(), e.getValue());
        }
        out.printf("  metrics_by_country rows %,12d%n", LakeSummary.rowCount(output, "metrics_by_country"));
        out.printf("  metrics_by_origination  %,12d%n", LakeSummary.rowCount(output, "metrics_by_origination"));
        out.printf("  metrics_by_carrier      %,12d%n", LakeSummary.rowCount(output, "metrics_by_carrier"));
        out.println("  Parquet: " + output.toAbsolutePath()
                + "/{events,dead_letters,metrics_by_country,metrics_by_origination,metrics_by_carrier,alerts}/dt=*/hour=*/");
        LocalCommand.printAlerts(out, output, job, cfg);
    }
}
