package com.example.eum.analytics.bench;

import com.example.eum.analytics.cli.DurationOption;
import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.Progress;
import com.example.eum.analytics.generator.ReplayFileWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bench}: how many input records the job processes per CPU-second, stage by stage and end to end, against
 * the JSON parse floor, on the heap and the RocksDB state backends, and at parallelism 1 and 2. Every stage run is
 * a fresh JVM ({@link StageFork}); {@code --repeat N} runs all stages N times (interleaved) and reports medians.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the job on one traffic file: parse floor (Jackson streaming), decoder, lifecycle (heap and "
                + "RocksDB) and Parquet writer alone (warm-up, then measured passes), and the whole replay pipeline at "
                + "parallelism 1 (heap, RocksDB with incremental checkpoints) and 2. Prints records per CPU-second "
                + "(CPU time, not wall time), each as a ratio to the parse floor, peak heap, checkpoint size and state "
                + "bytes per in-flight message, the scaling from 1 to 2, and the KPUs that implies.",
                "Each stage runs in its own JVM; pass JAVA_OPTS to bin/engagement-analytics for the heap (default -Xmx4g)."})
public class BenchCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Replay file to measure (one payload per line, plain or .gz). Default: generate one with the options below.")
    Path input;

    @Option(names = "--rate", paramLabel = "MSGS_PER_S", defaultValue = "500", description = "Generated messages per second of event time. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "4m", converter = DurationOption.class,
            description = "Generated span of message requests. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--drain", paramLabel = "DURATION", defaultValue = "10m", converter = DurationOption.class,
            description = "Receipts and feedback keep arriving this long after the last request. Default: ${DEFAULT-VALUE}.")
    Duration drain;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Generator seed (same seed, same traffic). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "Run every stage N times and report medians. Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(names = "--warmups", paramLabel = "N", defaultValue = "3", description = "Unmeasured warm-up passes of each micro stage. Default: ${DEFAULT-VALUE}.")
    int warmups;

    @Option(names = "--pipeline-warmups", paramLabel = "N", defaultValue = "3",
            description = "Unmeasured runs of each pipeline stage before the measured one, the first being the cold run "
                    + "(HotSpot still compiles through the third: the fourth run is the first whose CPU does not drop "
                    + "in the next). Default: ${DEFAULT-VALUE}.")
    int pipelineWarmups;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "5", description = "Measured passes of each micro stage (median kept). Default: ${DEFAULT-VALUE}.")
    int iterations;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "10s", converter = DurationOption.class,
            description = "Checkpoint interval of the pipeline runs (replay's default). Default: ${DEFAULT-VALUE}.")
    Duration checkpointInterval;

    @Option(names = "--stages", paramLabel = "STAGE", split = ",",
            description = "Only these stages: floor, decoder, lifecycle-heap, lifecycle-rocksdb, writer, pipeline-heap, "
                    + "pipeline-rocksdb, pipeline-heap-p2. Default: all.")
    List<String> stages;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures (medians and every run) as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        List<Stage> selected = selectedStages();
        if (repeat < 1 || iterations < 1 || warmups < 0 || pipelineWarmups < 1) {
            throw usage("--repeat, --iterations and --pipeline-warmups must be at least 1 and --warmups at least 0");
        }
        if (checkpointInterval.getSeconds() < 1) {
            throw usage("--checkpoint-interval must be at least 1s");
        }
        try (TempDir scratch = new TempDir()) {
            Path traffic = input != null ? checkedInput() : generate(scratch.path().resolve("traffic.jsonl"), out);
            long records = BenchInput.records(traffic).size();
            if (records == 0) {
                throw usage("--input " + input + " holds no records; give a replay file with one payload per line");
            }
            double loadBefore = loadAverage();
            Instant began = Instant.now();
            out.printf("bench: %,d records from %s; %d stage(s) x %d repeat(s), each in a fresh JVM; load average %.1f on %d cores%n",
                    records, input != null ? traffic : "generated traffic", selected.size(), repeat, loadBefore,
                    Runtime.getRuntime().availableProcessors());
            BenchReport report = new BenchReport(records);
            for (int r = 1; r <= repeat; r++) {
                for (Stage s : selected) {
                    out.printf("[repeat %d/%d] %s%n", r, repeat, s.label);
                    report.add(StageFork.run(s, traffic, records, s.kind == Stage.Kind.PIPELINE ? pipelineWarmups : warmups,
                            iterations, checkpointInterval, out));
                }
            }
            double loadAfter = loadAverage();
            report.print(out);
            out.printf("measured %s to %s, load average %.1f before and %.1f after, %d cores%n", began, Instant.now(), loadBefore,
                    loadAfter, Runtime.getRuntime().availableProcessors());
            if (json != null) {
                Map<String, Object> context = new LinkedHashMap<>();
                context.put("input", input != null ? traffic.toString() : "generated: rate " + rate + "/s, duration " + duration
                        + ", drain " + drain + ", seed " + seed);
                context.put("startedAt", began.toString());
                context.put("loadAverageBefore", loadBefore);
                context.put("loadAverageAfter", loadAfter);
                context.put("cores", Runtime.getRuntime().availableProcessors());
                report.writeJson(json, context);
                out.println("figures written to " + json.toAbsolutePath());
            }
        }
        return 0;
    }

    private List<Stage> selectedStages() {
        if (stages == null || stages.isEmpty()) {
            return Arrays.asList(Stage.values());
        }
        List<Stage> out = new ArrayList<>();
        for (String name : stages) {
            try {
                out.add(Stage.fromCliName(name));
            } catch (IllegalArgumentException e) {
                throw usage("--stages: " + e.getMessage());
            }
        }
        return out;
    }

    private Path checkedInput() {
        if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
            throw usage("--input " + input + " is not a readable file; give a replay file (e.g. from 'generate --output FILE')");
        }
        return input;
    }

    private Path generate(Path file, PrintStream out) throws Exception {
        GeneratorSettings settings = new GeneratorSettings();
        settings.rate = rate;
        settings.duration = duration;
        settings.drain = drain;
        settings.seed = seed;
        if (!(rate > 0) || duration.isZero() || duration.isNegative() || drain.isNegative()) {
            throw usage("--rate and --duration must be positive and --drain not negative");
        }
        out.printf("generating %s of traffic at %.0f messages/s (+%s of receipts), seed %d%n", duration, rate, drain, seed);
        ReplayFileWriter.write(settings, file, new Progress(out, "traffic", 5000));
        return file;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
