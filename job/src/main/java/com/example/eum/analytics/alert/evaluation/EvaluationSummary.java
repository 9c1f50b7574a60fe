package com.example.eum.analytics.alert.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one or more seeds of the evaluation, each the median over the seeds, marked against the issue's
 * targets: pumping median delay at most 10 minutes, a carrier outage at most 15, a 20% relative conversion drop
 * (at 250 or more OTPs an hour) at most 90; at most 1 false critical alert per simulated day; precision at least
 * 90%; nothing critical on a decoy.
 */
public final class EvaluationSummary {
    /** A figure with its target, if it has one. */
    public static final class Figure {
        public final String name;
        public final double value;
        /** The target's bound, NaN when the figure has no target. */
        public final double limit;
        /** True: the value must be at most the limit; false: at least. */
        public final boolean atMost;

        Figure(String name, double value, double limit, boolean atMost) {
            this.name = name;
            this.value = value;
            this.limit = limit;
            this.atMost = atMost;
        }

        public boolean hasTarget() {
            return !Double.isNaN(limit);
        }

        /** Whether the target is met (a figure that could not be measured, NaN, does not meet it). */
        public boolean met() {
            return !Double.isNaN(value) && (atMost ? value <= limit : value >= limit);
        }

        String mark() {
            if (!hasTarget()) {
                return "";
            }
            return String.format(Locale.ROOT, "%s (target %s %s)", met() ? "MET" : "MISSED", atMost ? "<=" : ">=",
                    trim(limit));
        }
    }

    private final List<AlertEvaluation.Report> reports;
    private final List<Long> seeds;

    public EvaluationSummary(List<Long> seeds, List<AlertEvaluation.Report> reports) {
        if (reports.isEmpty() || seeds.size() != reports.size()) {
            throw new IllegalArgumentException("one report per seed, at least one");
        }
        this.seeds = List.copyOf(seeds);
        this.reports = List.copyOf(reports);
    }

    /** Median over the seeds of one figure (NaN values, e.g. no detection, sort last). */
    double median(ToDoubleFunction<AlertEvaluation.Report> figure) {
        double[] v = reports.stream().mapToDouble(figure).toArray();
        Arrays.sort(v); // NaN sorts after every number
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
    }

    /** Per incident class: recall, median delay, p95 delay, with the targets that apply. */
    public Map<Incident.Kind, List<Figure>> perClass() {
        Map<Incident.Kind, List<Figure>> out = new LinkedHashMap<>();
        for (Incident.Kind kind : Incident.Kind.values()) {
            if (kind.decoy() || reports.stream().noneMatch(r -> r.incidents.containsKey(kind))) {
                continue;
            }
            double target = delayTarget(kind);
            List<Figure> f = new ArrayList<>();
            f.add(new Figure("recall", median(r -> r.recall(kind)), Double.NaN, false));
            f.add(new Figure("median delay min", median(r -> r.delayMinutes(kind, 0.5)), target, true));
            f.add(new Figure("p95 delay min", median(r -> r.delayMinutes(kind, 0.95)), Double.NaN, true));
            out.put(kind, f);
        }
        return out;
    }

    /** The delay target of a class in minutes, NaN when it sets none. */
    static double delayTarget(Incident.Kind kind) {
        switch (kind) {
            case PUMPING_FAST:
            case PUMPING_SLOW_NEW_PREFIX:
                return 10;
            case CARRIER_OUTAGE:
                return 15;
            case CONVERSION_DROP_20_PERCENT:
                return 90;
            default:
                return Double.NaN;
        }
    }

    /** False alerts per day, false critical per day, precision, critical alerts on decoys, alerts on decoys. */
    public List<Figure> overall() {
        List<Figure> f = new ArrayList<>();
        f.add(new Figure("false alerts per day", median(r -> (double) r.falseAlerts / r.days), Double.NaN, true));
        f.add(new Figure("false critical per day", median(r -> (double) r.falseCritical / r.days), 1.0, true));
        f.add(new Figure("precision", median(AlertEvaluation.Report::precision), 0.9, false));
        f.add(new Figure("critical alerts on decoys", median(r -> r.decoyCritical), 0, true));
        f.add(new Figure("spend alerts on decoys (true, apart)", median(r -> r.decoyAlerts), Double.NaN, true));
        return f;
    }

    /** Every target, met or not. */
    public List<Figure> targets() {
        List<Figure> all = new ArrayList<>();
        perClass().values().forEach(all::addAll);
        all.addAll(overall());
        all.removeIf(x -> !x.hasTarget());
        return all;
    }

    /** The report printed by the command. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        int days = reports.get(0).days;
        sb.append(String.format(Locale.ROOT, "%d seed%s (%s), %d simulated days each; each figure is the median over "
                + "the seeds%n", seeds.size(), seeds.size() == 1 ? "" : "s", join(seeds), days));
        sb.append(String.format(Locale.ROOT, "%-26s %9s %6s %12s %9s %12s  %s%n", "incident class", "incidents",
                "recall", "median delay", "p95 delay", "found (all)", "target (median delay)"));
        perClass().forEach((kind, f) -> sb.append(String.format(Locale.ROOT,
                "%-26s %9s %6.2f %8s min %5s min %12s  %s%n", kind, incidents(kind), f.get(0).value,
                num(f.get(1).value), num(f.get(2).value), found(kind), f.get(1).mark())));
        for (Figure f : overall()) {
            sb.append(String.format(Locale.ROOT, "%-36s %8s  %s%n", f.name, num(f.value), f.mark()));
        }
        long met = targets().stream().filter(Figure::met).count();
        sb.append(String.format(Locale.ROOT, "targets met: %d of %d%n", met, targets().size()));
        return sb.toString();
    }

    /** The figures as a JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seeds", seeds);
        m.put("days", reports.get(0).days);
        Map<String, Object> classes = new LinkedHashMap<>();
        perClass().forEach((kind, f) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("incidents_per_seed", reports.get(0).incidents.getOrDefault(kind, 0));
            c.put("found_over_all_seeds", found(kind));
            f.forEach(x -> put(c, x));
            classes.put(kind.name(), c);
        });
        m.put("classes", classes);
        Map<String, Object> overall = new LinkedHashMap<>();
        overall().forEach(x -> put(overall, x));
        m.put("overall", overall);
        List<Map<String, Object>> perSeed = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            AlertEvaluation.Report r = reports.get(i);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("seed", seeds.get(i));
            s.put("true_alerts", r.trueAlerts);
            s.put("false_alerts", r.falseAlerts);
            s.put("false_critical", r.falseCritical);
            s.put("decoy_spend_alerts", r.decoyAlerts);
            s.put("decoy_critical", r.decoyCritical);
            s.put("missed", r.missed().stream().map(Incident::toString).toArray());
            s.put("false", r.falseOnes.stream().map(a -> a.severity + " " + a.rule + " " + a.key.id()).toArray());
            perSeed.add(s);
        }
        m.put("per_seed", perSeed);
        return m;
    }

    /** Detected of all incidents of a class over every seed, e.g. {@code 9 of 10}. */
    String found(Incident.Kind kind) {
        int all = 0;
        int found = 0;
        for (AlertEvaluation.Report r : reports) {
            all += r.incidents.getOrDefault(kind, 0);
            found += r.delays.getOrDefault(kind, List.of()).size();
        }
        return found + " of " + all;
    }

    private String incidents(Incident.Kind kind) {
        return String.valueOf(reports.get(0).incidents.getOrDefault(kind, 0));
    }

    /** A figure as {@code name}, and with a target {@code name_target} and {@code name_met}. */
    private static void put(Map<String, Object> m, Figure x) {
        String name = x.name.replace(' ', '_');
        m.put(name, finite(x.value));
        if (x.hasTarget()) {
            m.put(name + "_target", x.limit);
            m.put(name + "_met", x.met());
        }
    }

    private static Object finite(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String trim(double v) {
        return num(v);
    }

    private static String join(List<Long> seeds) {
        StringBuilder sb = new StringBuilder();
        for (Long s : seeds) {
            sb.append(sb.length() == 0 ? "" : ", ").append(s);
        }
        return sb.toString();
    }
}
