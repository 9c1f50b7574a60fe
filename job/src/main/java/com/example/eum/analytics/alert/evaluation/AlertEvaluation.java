package com.example.eum.analytics.alert.evaluation;

import com.example.eum.analytics.alert.Alert;
import com.example.eum.analytics.alert.AlertContext;
import com.example.eum.analytics.alert.AlertEngine;
import com.example.eum.analytics.alert.AlertKey;
import com.example.eum.analytics.alert.AlertSettings;
import com.example.eum.analytics.alert.AlertStatus;
import com.example.eum.analytics.alert.KeyState;
import com.example.eum.analytics.alert.RatePriors;
import com.example.eum.analytics.alert.RobustBaseline;
import com.example.eum.analytics.alert.Severity;
import com.example.eum.analytics.alert.WindowCounts;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A labelled evaluation of the alert rules on synthetic per-window series: countries of very different volume with
 * carriers, diurnal and weekly seasonality, binomial outcomes, and labelled incidents and decoys. Every window of
 * every key (country, carrier, pumped prefix, account) goes through {@link AlertEngine} in time order; TRIGGERED
 * alerts are matched to the incidents. Reports, per incident class, recall and detection delay (event time from
 * incident start to TRIGGERED), and overall false alerts per day and precision.
 *
 * <p>Simplifications, until the job's own generator feeds it: feedback outcomes mature in the window of their
 * message (the job's timeout matures non-conversions an hour later), every message is OTP and feedback-tracked.
 */
public final class AlertEvaluation {
    static final long WINDOW = 5 * 60_000L;
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;
    /** Alerts up to this long after an incident's end still count as detecting it (e.g. maturing evidence). */
    static final long GRACE = 2 * HOUR;

    private final AlertSettings settings;
    private final List<CountryProfile> countries;
    private final List<Incident> incidents;
    private final long start;
    private final int days;
    private final Random random;

    public AlertEvaluation(AlertSettings settings, List<CountryProfile> countries, List<Incident> incidents,
            long start, int days, long seed) {
        this.settings = settings.validated();
        this.countries = List.copyOf(countries);
        this.incidents = List.copyOf(incidents);
        this.start = start;
        this.days = days;
        this.random = new Random(seed);
    }

    /** Weekly-average traffic multiplier at a time: a day curve (night 0.3x) and quieter weekends (0.6x). */
    static double season(long time) {
        double hour = (time % DAY) / (double) HOUR;
        double dayCurve = hour >= 6 && hour < 22 ? 0.3 + 1.7 * Math.sin(Math.PI * (hour - 6) / 16) : 0.3;
        long dayOfWeek = Math.floorMod(Math.floorDiv(time, DAY) + 3, 7L); // 0 = Monday
        return dayCurve * (dayOfWeek >= 5 ? 0.6 : 1.15);
    }

    /** Runs the scenario and scores it. */
    public Report run() {
        AlertEngine engine = new AlertEngine();
        RatePriors priors = new RatePriors(settings);
        for (CountryProfile c : countries) {
            priors.set(RatePriors.Kind.CONVERSION, c.code, c.conversion);
            priors.set(RatePriors.Kind.FAILURE, c.code, c.failure);
            priors.set(RatePriors.Kind.PROTECT, c.code, c.protect);
        }
        AlertContext context = new AlertContext(settings, priors, Double.NaN);
        RobustBaseline accountCost = new RobustBaseline(settings.spendHistoryWindows);
        Map<AlertKey, KeyState> states = new HashMap<>();
        List<Alert> alerts = new ArrayList<>();
        for (long t = start; t < start + days * DAY; t += WINDOW) {
            List<WindowCounts> windows = windows(t);
            double norm = accountCost.size() >= settings.spendMinHistoryWindows ? accountCost.median() : Double.NaN;
            AlertContext now = context.withAccountCostPerMessage(norm);
            for (WindowCounts w : windows) {
                alerts.addAll(engine.observe(states.computeIfAbsent(w.key, k -> new KeyState()), w, now));
                if (w.key.scope() == com.example.eum.analytics.alert.Scope.ACCOUNT && w.messages > 0) {
                    accountCost.learn(w.spendMicros / w.messages);
                }
            }
        }
        return score(alerts);
    }

    /** Every key's window starting at {@code t}: carriers, countries, pumped prefixes, the account. */
    private List<WindowCounts> windows(long t) {
        List<WindowCounts> out = new ArrayList<>();
        Counts account = new Counts();
        for (CountryProfile c : countries) {
            Counts country = new Counts();
            for (int i = 0; i < c.carriers.size(); i++) {
                Counts carrier = carrierWindow(c, i, t);
                out.add(carrier.build(AlertKey.carrier("SMS", c.code, c.carriers.get(i)), t));
                country.add(carrier);
            }
            for (Incident inc : incidents) {
                if (inc.kind == Incident.Kind.PUMPING_SLOW_NEW_PREFIX && inc.country.equals(c.code) && inc.activeAt(t)) {
                    Counts pumped = pumped(25, c.costMicros * 8, 0.3);
                    out.add(pumped.build(AlertKey.prefix("SMS", c.code, inc.prefix), t));
                    country.add(pumped);
                }
            }
            out.add(country.build(AlertKey.country("SMS", c.code, "otp"), t));
            account.add(country);
        }
        out.add(account.build(AlertKey.account(), t));
        return out;
    }

    private Counts carrierWindow(CountryProfile c, int carrierIndex, long t) {
        String carrier = c.carriers.get(carrierIndex);
        double volume = c.messagesPerWindow * season(t) * c.shares.get(carrierIndex);
        double conversion = c.conversion;
        double failure = c.failure;
        long cost = c.costMicros;
        double pumpedVolume = 0;
        for (Incident inc : incidents) {
            if (!inc.country.equals(c.code) || !inc.activeAt(t)
                    || (!inc.carrier.isEmpty() && !inc.carrier.equals(carrier))) {
                continue;
            }
            switch (inc.kind) {
                case PUMPING_FAST:
                    pumpedVolume += 8 * c.messagesPerWindow * c.shares.get(carrierIndex);
                    break;
                case CARRIER_OUTAGE:
                    failure = 0.7;
                    break;
                case COUNTRY_DELIVERY_DROP:
                    failure = 0.35;
                    break;
                case CONVERSION_DROP_20_PERCENT:
                    conversion = c.conversion * 0.8;
                    break;
                case CONVERSION_DROP_5_POINTS:
                    conversion = c.conversion - 0.05;
                    break;
                case SPEND_SPIKE:
                    cost = c.costMicros * 8;
                    break;
                case DECOY_MARKETING_BLAST:
                    volume *= 6;
                    break;
                case DECOY_VIRAL_LAUNCH:
                    volume *= 3;
                    break;
                default:
                    break;
            }
        }
        Counts counts = new Counts();
        long messages = poisson(volume);
        long failed = binomial(messages, failure);
        long converted = binomial(messages, conversion);
        counts.messages = messages;
        counts.failed = failed;
        counts.delivered = messages - failed;
        counts.converted = converted;
        counts.feedbackFailed = messages - converted;
        counts.protect = binomial(messages, c.protect);
        counts.spend = messages * cost;
        if (pumpedVolume > 0) {
            counts.add(pumped(poisson(pumpedVolume), c.costMicros * 6, 0.4));
        }
        return counts;
    }

    /** Pumped traffic: delivered (the pumper's numbers answer), never converted, often flagged by Protect. */
    private Counts pumped(long messages, long cost, double protectShare) {
        Counts p = new Counts();
        p.messages = messages;
        p.delivered = messages;
        p.feedbackFailed = messages;
        p.protect = binomial(messages, protectShare);
        p.spend = messages * cost;
        return p;
    }

    private long poisson(double lambda) {
        return Sampling.poisson(random, lambda);
    }

    private long binomial(long n, double p) {
        return Sampling.binomial(random, n, p);
    }

    /** Matches TRIGGERED alerts to incidents and computes the figures. */
    Report score(List<Alert> alerts) {
        Map<Incident.Kind, List<Long>> delays = new EnumMap<>(Incident.Kind.class);
        Map<Incident.Kind, Integer> counts = new EnumMap<>(Incident.Kind.class);
        Map<Incident, Long> firstDetection = new LinkedHashMap<>();
        int trueAlerts = 0;
        int falseAlerts = 0;
        int falseCritical = 0;
        int decoyCritical = 0;
        int decoyAlerts = 0;
        List<Alert> falseOnes = new ArrayList<>();
        for (Incident inc : incidents) {
            counts.merge(inc.kind, 1, Integer::sum);
        }
        for (Alert a : alerts) {
            if (a.status != AlertStatus.TRIGGERED) {
                continue;
            }
            boolean explained = false;
            boolean onDecoy = false;
            for (Incident inc : incidents) {
                if (!overlaps(a, inc)) {
                    continue;
                }
                if (inc.kind.decoy()) {
                    onDecoy = true;
                    continue;
                }
                explained = true;
                if (a.rule == inc.kind.expectedRule) {
                    firstDetection.merge(inc, a.detectedAt, Math::min);
                }
            }
            if (explained) {
                trueAlerts++;
            } else if (onDecoy) {
                decoyAlerts++;
                if (a.severity == Severity.CRITICAL) {
                    decoyCritical++;
                }
            } else {
                falseAlerts++;
                falseOnes.add(a);
                if (a.severity == Severity.CRITICAL) {
                    falseCritical++;
                }
            }
        }
        for (Map.Entry<Incident, Long> e : firstDetection.entrySet()) {
            delays.computeIfAbsent(e.getKey().kind, k -> new ArrayList<>()).add(e.getValue() - e.getKey().start);
        }
        return new Report(days, counts, delays, trueAlerts, falseAlerts, falseCritical, decoyAlerts, decoyCritical,
                falseOnes);
    }

    /**
     * Detected between the incident's start and end + grace, on its country (the account includes every country)
     * and, for a carrier incident, on that carrier or a key above it.
     */
    private static boolean overlaps(Alert a, Incident inc) {
        if (a.key.scope() != com.example.eum.analytics.alert.Scope.ACCOUNT && !a.key.country().equals(inc.country)) {
            return false;
        }
        if (!inc.carrier.isEmpty() && !a.key.carrier().isEmpty() && !a.key.carrier().equals(inc.carrier)) {
            return false;
        }
        return a.detectedAt > inc.start && a.detectedAt <= inc.end + GRACE;
    }

    /** The figures of one run. */
    public static final class Report {
        public final int days;
        public final Map<Incident.Kind, Integer> incidents;
        public final Map<Incident.Kind, List<Long>> delays;
        public final int trueAlerts;
        public final int falseAlerts;
        public final int falseCritical;
        /** Alerts explained by nothing but a decoy (e.g. the spend of a marketing blast), and the critical ones. */
        public final int decoyAlerts;
        public final int decoyCritical;
        public final List<Alert> falseOnes;

        Report(int days, Map<Incident.Kind, Integer> incidents, Map<Incident.Kind, List<Long>> delays, int trueAlerts,
                int falseAlerts, int falseCritical, int decoyAlerts, int decoyCritical, List<Alert> falseOnes) {
            this.days = days;
            this.incidents = incidents;
            this.delays = delays;
            this.trueAlerts = trueAlerts;
            this.falseAlerts = falseAlerts;
            this.falseCritical = falseCritical;
            this.decoyAlerts = decoyAlerts;
            this.decoyCritical = decoyCritical;
            this.falseOnes = List.copyOf(falseOnes);
        }

        /** Detected share of the incidents of a class (0 to 1). */
        public double recall(Incident.Kind kind) {
            int n = incidents.getOrDefault(kind, 0);
            return n == 0 ? Double.NaN : (double) delays.getOrDefault(kind, List.of()).size() / n;
        }

        /** Quantile (0 to 1) of the detection delay of a class, minutes; NaN when nothing was detected. */
        public double delayMinutes(Incident.Kind kind, double quantile) {
            List<Long> d = new ArrayList<>(delays.getOrDefault(kind, List.of()));
            if (d.isEmpty()) {
                return Double.NaN;
            }
            d.sort(Long::compare);
            int i = (int) Math.min(d.size() - 1, Math.ceil(quantile * d.size()) - 1);
            return d.get(Math.max(0, i)) / 60_000.0;
        }

        public double precision() {
            int all = trueAlerts + falseAlerts;
            return all == 0 ? Double.NaN : (double) trueAlerts / all;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%-28s %9s %6s %14s %11s%n", "incident class", "incidents", "recall",
                    "median delay", "p95 delay"));
            for (Incident.Kind kind : incidents.keySet()) {
                if (kind.decoy()) {
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "%-28s %9d %6.2f %10.0f min %7.0f min%n", kind,
                        incidents.get(kind), recall(kind), delayMinutes(kind, 0.5), delayMinutes(kind, 0.95)));
            }
            sb.append(String.format(Locale.ROOT,
                    "over %d days: %d true and %d false TRIGGERED alerts (%.2f false per day, %.2f false critical per"
                            + " day), precision %.2f; alerts on decoys only: %d, of them critical: %d%n",
                    days, trueAlerts, falseAlerts, (double) falseAlerts / days, (double) falseCritical / days,
                    precision(), decoyAlerts, decoyCritical));
            for (Alert a : falseOnes) {
                sb.append("  false: ").append(a).append('\n');
            }
            return sb.toString();
        }
    }
}
