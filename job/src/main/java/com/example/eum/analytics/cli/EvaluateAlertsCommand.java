package com.example.eum.analytics.cli;

import com.example.eum.analytics.alert.AlertSettings;
import com.example.eum.analytics.alert.evaluation.AlertEvaluation;
import com.example.eum.analytics.alert.evaluation.EvaluationSummary;
import com.example.eum.analytics.alert.evaluation.StandardScenario;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code evaluate-alerts}: the labelled benchmark of the alert rules ({@link StandardScenario}): simulated days of
 * per-window metrics with seeded incidents and decoys through the rules, then recall and detection delay per
 * incident class, false alerts and precision, each marked against the targets.
 */
@Command(name = "evaluate-alerts", mixinStandardHelpOptions = true,
        description = {"Measure the alert rules on a labelled simulation: per-window metrics of 20 countries (3 to "
                + "4,800 OTPs an hour on average, diurnal and weekly seasonality) as the job's metrics tables give them "
                + "to the alert stage (outcomes when they happen, non-conversions at the 1-hour feedback timeout), with "
                + "seeded incidents (fast and low-and-slow pumping, carrier outage, country delivery drop, conversion "
                + "drops of 20% and 5 points, spend spike) and decoys (marketing blast, viral launch). Prints recall and "
                + "detection delay per class, false alerts per day and precision against the targets.",
                "It simulates the window sums the job produces, not raw records through Flink (a week of records "
                        + "would take hours per core)."})
public class EvaluateAlertsCommand implements Callable<Integer> {
    @Option(names = "--days", defaultValue = "8",
            description = "Simulated days per seed (at least 7; incidents start on the second day). Default: ${DEFAULT-VALUE}.")
    int days;

    @Option(names = "--seed", defaultValue = "1", description = "First seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--seeds", defaultValue = "1",
            description = "Run this many seeds (seed, seed+1, ...) and report each figure's median. Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--per-class", defaultValue = "2",
            description = "Incidents of each class (and of each decoy) per seed. Default: ${DEFAULT-VALUE}.")
    int perClass;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every figure, per seed too, as JSON to FILE.")
    Path json;

    @Option(names = "--verbose", description = "Print every seed's missed incidents and false alerts.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (days < 7) {
            throw new Main.UserError("--days must be at least 7 (the benchmark needs a week of traffic); got " + days);
        }
        if (seeds < 1) {
            throw new Main.UserError("--seeds must be at least 1; got " + seeds);
        }
        if (perClass < 1 || perClass > 10) {
            throw new Main.UserError("--per-class must be between 1 and 10; got " + perClass);
        }
        PrintStream out = System.out;
        List<Long> used = new ArrayList<>();
        List<AlertEvaluation.Report> reports = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
            long s = seed + i;
            long began = System.nanoTime();
            AlertEvaluation.Report r = StandardScenario.run(s, days, perClass, new AlertSettings(),
                    (done, all, triggered) -> {
                        if (done % 2 == 0 || done == all) {
                            out.printf("seed %d: day %d of %d simulated, %d alerts triggered so far%n", s, done, all,
                                    triggered);
                        }
                    });
            out.printf("seed %d done in %.1f s%n", s, (System.nanoTime() - began) / 1e9);
            if (verbose) {
                out.print(r);
            }
            used.add(s);
            reports.add(r);
        }
        EvaluationSummary summary = new EvaluationSummary(used, reports);
        out.println();
        out.print(summary.format());
        if (json != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), summary.toMap());
            out.println("figures written to " + json.toAbsolutePath());
        }
        return 0;
    }
}
