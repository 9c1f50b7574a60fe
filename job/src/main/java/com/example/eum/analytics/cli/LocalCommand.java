package com.example.eum.analytics.cli;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.fees.RateCardFees;
import com.example.eum.analytics.fees.WhatsAppFees;
import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.GeneratorSource;
import com.example.eum.analytics.generator.GroundTruth;
import com.example.eum.analytics.generator.GroundTruthTable;
import com.example.eum.analytics.generator.WhatsAppPriceList;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.RawRecord;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.WindowMetrics;
import com.example.eum.analytics.pipeline.EngagementJob;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code local}: the job on its built-in generator in a local MiniCluster, with live progress, then the per-country
 * table of what the generator injected next to what the job measured (read back from the committed Parquet).
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = {"Run the job locally on the built-in traffic generator (no AWS account needed) and write the lake "
                + "to --output. Prints progress while it runs and, at the end, per country: messages, delivered %%, "
                + "conversion %% and spend, as injected by the generator and as measured by the job."})
public class LocalCommand implements Callable<Integer> {
    /** The example WhatsApp rate card bundled in the jar (prices are examples to replace). */
    static final String EXAMPLE_RATE_CARD = "classpath:/fees/whatsapp-rate-card.example.csv";

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "out", description = "Lake root (created if missing). Default: ./${DEFAULT-VALUE}.")
    Path output;

    @Mixin
    GeneratorOptions traffic;

    @Mixin
    PipelineOptions options;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        GeneratorSettings settings = traffic.settings();
        // short local runs: windows close while it runs; WhatsApp fees from the EXAMPLE card shipped in the jar
        Map<String, String> localDefaults = Map.of(
                "Processing.windowSize", "1m",
                "Fees.whatsappRateCard", EXAMPLE_RATE_CARD,
                "Fees.whatsappAwsFeeUsd", "0.005",
                "Lake.checkpointInterval", "10s");
        JobConfig cfg = options.load(JobConfig.Mode.LOCAL, localDefaults, System.err);
        cfg.output = output.toAbsolutePath().toString();
        // local runs own their output: a new run replaces the previous run's tables (nothing else)
        LakeDirectory.prepare(output, true, "", out);

        StreamExecutionEnvironment env = LocalJobRunner.environment(cfg);
        WhatsAppFees fees = RateCardFees.fromConfig(cfg); // a bad rate card stops here, with its file and line
        // the truth prices what it injected from the same rate card and AWS fee, with its own reading of them
        GroundTruth truth = GroundTruth.of(settings, WhatsAppPriceList.of(cfg.whatsappRateCard, cfg.whatsappAwsFeeUsd));
        DataStream<RawRecord> raw = GeneratorSource.create(env, settings, truth.records);
        EngagementJob job = EngagementJob.assemble(raw, cfg, fees);
        AlertConsoleSink.attach(job.outputs.alerts); // local runs also print each alert as it is raised

        out.println(traffic.describe() + " -> " + output.toAbsolutePath());
        out.println("WhatsApp fees: " + (EXAMPLE_RATE_CARD.equals(cfg.whatsappRateCard)
                ? "the EXAMPLE rate card (schemas/whatsapp-rate-card.example.csv); pass --whatsapp-rate-card with Meta's current prices"
                : cfg.whatsappRateCard) + ", AWS fee $" + cfg.whatsappAwsFeeUsd + " per message");
        out.println("alerts: printed here as they are raised, written to " + output.toAbsolutePath().resolve("alerts")
                + (job.progress.publishesToSns() ? " and published to " + cfg.alertsSnsTopicArn : ""));
        Duration took = LocalJobRunner.run(env, job.progress, "engagement-analytics local", out);

        List<WindowMetrics> windows = LakeSummary.latestWindows(output, "metrics_by_country", "iso_country_code");
        Map<Channel, Map<String, GroundTruth.Counts>> measured = GroundTruth.measured(windows);
        long whatsappFees = windows.stream().mapToLong(w -> w.get(SumColumn.WHATSAPP_FEE_MICROS)).sum();
        out.println();
        out.printf("finished in %.1f s: %,d records, %,d events and %,d dead letters committed, %,d metrics windows%n",
                took.toMillis() / 1000.0, job.progress.recordsRead(LiveMetricsReporter.READER), LakeSummary.rowCount(output, "events"),
                LakeSummary.rowCount(output, "dead_letters"), windows.size());
        out.println();
        out.println("per channel and country: generator injected | job measured (latest revision of every window, from the Parquet)");
        out.print(GroundTruthTable.format(truth, measured));
        long injectedWhatsAppFees = truth.total(Channel.WHATSAPP).get(SumColumn.WHATSAPP_FEE_MICROS);
        out.printf("WhatsApp fees: injected $%,.6f, measured $%,.6f (Meta $%,.6f + AWS $%,.6f)%n", injectedWhatsAppFees / 1e6,
                whatsappFees / 1e6, windows.stream().mapToLong(w -> w.get(SumColumn.WHATSAPP_META_FEE_MICROS)).sum() / 1e6,
                windows.stream().mapToLong(w -> w.get(SumColumn.WHATSAPP_AWS_FEE_MICROS)).sum() / 1e6);
        List<String> differences = differences(truth, measured);
        if (differences.isEmpty()) {
            out.println("check: every channel/country row equals what the generator injected, to the message and the micro-dollar"
                    + " (WhatsApp Meta and AWS fees included)");
        } else {
            out.println("check: " + differences.size() + " rows DIFFER from what the generator injected (a defect; please report):");
            differences.forEach(d -> out.println("  " + d));
        }
        checkDimensions(out, "channel/country/message type/use case", truth::byCountryTypeUseCase,
                GroundTruth.measured(windows, w -> GroundTruth.key(w.key, w.messageType, w.useCase)));
        checkDimensions(out, "channel/country/mcc/mnc/carrier", truth::byCarrier, GroundTruth.measured(
                LakeSummary.latestWindows(output, "metrics_by_carrier", "iso_country_code"),
                w -> GroundTruth.key(w.key, w.mcc, w.mnc, w.carrierName)));
        out.println("dead letters by reason: " + LakeSummary.deadLettersByReason(output));
        printAlerts(out, output, job, cfg);
        out.println("Parquet: " + output.toAbsolutePath()
                + "/{events,dead_letters,metrics_by_country,metrics_by_origination,metrics_by_carrier,alerts}/dt=*/hour=*/");
        return 0;
    }

    /** The alerts the run committed to the lake (one line each), and what SNS accepted when publishing. */
    static void printAlerts(PrintStream out, Path lake, EngagementJob job, JobConfig cfg) {
        List<String> alerts = LakeSummary.alerts(lake);
        out.println("alerts: " + alerts.size() + " in " + lake.toAbsolutePath().resolve("alerts")
                + (alerts.isEmpty() ? "" : " (severity, rule, status, where, window; event time, UTC):"));
        alerts.forEach(a -> out.println("  " + a));
        if (job.progress.publishesToSns()) {
            out.println("  SNS " + cfg.alertsSnsTopicArn + ": " + job.progress.alertsPublished(LiveMetricsReporter.READER)
                    + " published, " + job.progress.alertsNotPublished(LiveMetricsReporter.READER) + " could not be published");
        }
    }

    /** Prints the check of one breakdown: how many keys, and every key whose totals differ. */
    private static void checkDimensions(PrintStream out, String breakdown,
                                        java.util.function.Function<Channel, Map<String, GroundTruth.Counts>> injected,
                                        Map<Channel, Map<String, GroundTruth.Counts>> measured) {
        List<String> differences = differences(injected, measured);
        long keys = java.util.Arrays.stream(Channel.values()).mapToLong(ch -> injected.apply(ch).size()).sum();
        if (differences.isEmpty()) {
            out.println("check: all " + keys + " " + breakdown + " rows equal what the generator injected");
        } else {
            out.println("check: " + differences.size() + " " + breakdown + " rows DIFFER from what the generator injected (a defect; please report):");
            differences.forEach(d -> out.println("  " + d));
        }
    }

    /** Rows whose measured totals differ from the injected ones, each as "channel/country: injected vs measured". */
    static List<String> differences(GroundTruth truth, Map<Channel, Map<String, GroundTruth.Counts>> measured) {
        return differences(truth::byCountry, measured);
    }

    /** The same for any breakdown of the truth ("channel/key: injected vs measured"). */
    static List<String> differences(java.util.function.Function<Channel, Map<String, GroundTruth.Counts>> truth,
                                    Map<Channel, Map<String, GroundTruth.Counts>> measured) {
        List<String> out = new java.util.ArrayList<>();
        for (Channel ch : Channel.values()) {
            Map<String, GroundTruth.Counts> injected = truth.apply(ch);
            Map<String, GroundTruth.Counts> got = measured.getOrDefault(ch, Map.of());
            java.util.Set<String> countries = new java.util.TreeSet<>(injected.keySet());
            countries.addAll(got.keySet());
            for (String c : countries) {
                String want = injected.containsKey(c) ? injected.get(c).fingerprint() : "(none)";
                String have = got.containsKey(c) ? got.get(c).fingerprint() : "(none)";
                if (!want.equals(have)) {
                    out.add(ch + "/" + c + ": injected " + want + " | measured " + have);
                }
            }
        }
        return out;
    }
}
