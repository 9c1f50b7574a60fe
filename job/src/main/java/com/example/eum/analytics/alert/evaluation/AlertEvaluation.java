package com.example.eum.analytics.alert.evaluation;

import com.example.eum.analytics.alert.Alert;
import com.example.eum.analytics.alert.AlertContext;
import com.example.eum.analytics.alert.AlertEngine;
import com.example.eum.analytics.alert.AlertKey;
import com.example.eum.analytics.alert.AlertRule;
import com.example.eum.analytics.alert.AlertSettings;
import com.example.eum.analytics.alert.AlertStatus;
import com.example.eum.analytics.alert.KeyState;
import com.example.eum.analytics.alert.RatePriors;
import com.example.eum.analytics.alert.RobustBaseline;
import com.example.eum.analytics.alert.Scope;
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
 * every key (carrier, country, pumped prefix, account) goes through {@link AlertEngine} in time order; TRIGGERED
 * alerts are matched to the incidents. Reports, per incident class, recall and detection delay (event time from
 * incident start to TRIGGERED), and overall false alerts per day and precision.
 *
 * <p>The windows hold what the job's metrics tables give the alert stage when a window first closes
 * ({@link Maturation}): outcomes, conversions and timeouts in the windows of their event times, not of their
 * requests. It is a simulation of those window sums, not a replay of raw records through the job. Every message is
 * an OTP with feedback tracked.
 */
public final class AlertEvaluation {
    static final long WINDOW = 5 * 60_000L;
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;
    /** Alerts up to this long after an incident's end still count as detecting it (e.g. maturing evidence). */
    static final long GRACE = 2 * HOUR;
    /** Fast pumping adds this multiple of the carrier's weekly-average volume per window (at least 30 messages). */
    static final double FAST_PUMPING_FACTOR = 6;
    static final double FAST_PUMPING_MIN_MESSAGES = 30;
    /** Low-and-slow pumping sends this many messages per window on average (72 an hour) to a new prefix. */
    static final double SLOW_PUMPING_MESSAGES = 6;

    /** Told once per simulated day. */
    public interface Progress {
        void day(int done, int days, int triggeredSoFar);
    }

    private final AlertSettings settings;
    private final List<CountryProfile> countries;
    private final List<Incident> incidents;
    private final long start;
    private final int days;
    private final Random random;
    private final Map<String, Maturation> maturing = new HashMap<>();

    public AlertEvaluation(AlertSettings settings, List<CountryProfile> countries, List<Incident> incidents,
            long start, int days, long seed) {
        this.settings = settings.validated();
        this.countries = List.copyOf(countries);
        this.incidents = List.copyOf(incidents);
        this.start = start;
        this.days = days;
        this.random = new Random(seed);
    }

    /** Weekly-average traffic multiplier at a time: a day curve (night 0.3x, 2x mid-afternoon) and quieter weekends. */
    public static double season(long time) {
        double hour = (time % DAY) / (double) HOUR;
        double dayCurve = hour >= 6 && hour < 22 ? 0.3 + 1.7 * Math.sin(Math.PI * (hour - 6) / 16) : 0.3;
        long dayOfWeek = Math.floorMod(Math.floorDiv(time, DAY) + 3, 7L); // 0 = Monday
        return dayCurve * (dayOfWeek >= 5 ? 0.6 : 1.15);
    }

    /**
     * The share of a country's tracked messages that convert within the windows the rules see: delivered (not hours
     * late) times converting. The priors the pipeline would learn from country-level keys.
     */
    static double conversionPrior(CountryProfile c) {
        return c.conversion * (1 - c.failure) * (1 - Maturation.HOURS_LATE_SHARE);
    }

    public Report run() {
        return run((done, all, alerts) -> { });
    }

    /** Runs the scenario and scores it. */
    public Report run(Progress progress) {
        AlertEngine engine = new AlertEngine();
        RatePriors priors = new RatePriors(settings);
        for (CountryProfile c : countries) {
            priors.set(RatePriors.Kind.CONVERSION, c.code, conversionPrior(c));
            priors.set(RatePriors.Kind.FAILURE, c.code, c.failure);
            priors.set(RatePriors.Kind.PROTECT, c.code, c.protect);
        }
        AlertContext context = new AlertContext(settings, priors, Double.NaN);
        RobustBaseline accountCost = new RobustBaseline(settings.spendHistoryWindows);
        Map<AlertKey, KeyState> states = new HashMap<>();
        List<Alert> alerts = new ArrayList<>();
        int triggered = 0;
        long windowsPerDay = DAY / WINDOW;
        long first = Math.floorDiv(start, WINDOW);
        for (long i = first; i < first + days * windowsPerDay; i++) {
            long t = i * WINDOW;
            double norm = accountCost.size() >= settings.spendMinHistoryWindows ? accountCost.median() : Double.NaN;
            AlertContext now = context.withAccountCostPerMessage(norm);
            for (WindowCounts w : windows(i)) {
                for (Alert a : engine.observe(states.computeIfAbsent(w.key, k -> new KeyState()), w, now)) {
                    alerts.add(a);
                    triggered += a.status == AlertStatus.TRIGGERED ? 1 : 0;
                }
                if (w.key.scope() == Scope.ACCOUNT && w.messages > 0) {
                    accountCost.learn(w.spendMicros / w.messages);
                }
            }
            if ((i - first + 1) % windowsPerDay == 0) {
                progress.day((int) ((i - first + 1) / windowsPerDay), days, triggered);
            }
        }
        return score(alerts);
    }

    /** Every key's window {@code i} as it first closes: carriers, countries, pumped prefixes, the account. */
    private List<WindowCounts> windows(long i) {
        long t = i * WINDOW;
        List<WindowCounts> out = new ArrayList<>();
        Counts account = new Counts();
        for (CountryProfile c : countries) {
            Counts country = new Counts();
            for (int k = 0; k < c.carriers.size(); k++) {
                Counts carrier = carrierWindow(c, k, i);
                out.add(carrier.build(AlertKey.carrier("SMS", c.code, c.carriers.get(k)), t));
                country.add(carrier);
            }
            for (Incident inc : incidents) {
                if (inc.kind != Incident.Kind.PUMPING_SLOW_NEW_PREFIX || !inc.country.equals(c.code)
                        || t < inc.start || t >= inc.end + GRACE) {
                    continue;
                }
                Maturation m = maturing.computeIfAbsent("prefix/" + inc.prefix, x -> new Maturation());
                if (inc.activeAt(t)) {
                    m.request(i, Sampling.poisson(random, SLOW_PUMPING_MESSAGES), 0.0, 0.0, 0.3, c.costMicros * 8,
                            random);
                }
                Counts pumped = m.take(i, random);
                if (pumped.messages + pumped.delivered + pumped.feedbackFailed > 0) {
                    out.add(pumped.build(AlertKey.prefix("SMS", c.code, inc.prefix), t));
                }
                country.add(pumped);
            }
            out.add(country.build(AlertKey.country("SMS", c.code, "otp"), t));
            account.add(country);
        }
        out.add(account.build(AlertKey.account(), t));
        return out;
    }

    private Counts carrierWindow(CountryProfile c, int carrierIndex, long i) {
        long t = i * WINDOW;
        String carrier = c.carriers.get(carrierIndex);
        double share = c.shares.get(carrierIndex);
        double volume = c.messagesPerWindow * season(t) * share;
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
                    pumpedVolume += Math.max(FAST_PUMPING_FACTOR * c.messagesPerWindow * share,
                            FAST_PUMPING_MIN_MESSAGES);
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
        Maturation m = maturing.computeIfAbsent(c.code + "/" + carrier, x -> new Maturation());
        m.request(i, Sampling.poisson(random, volume), failure, conversion, c.protect, cost, random);
        if (pumpedVolume > 0) {
            // pumped traffic: delivered (the pumper's numbers answer), never converted, often flagged by Protect
            m.request(i, Sampling.poisson(random, pumpedVolume), 0.0, 0.0, 0.4, c.costMicros * 6, random);
        }
        return m.take(i, random);
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
            } else if (onDecoy && a.rule == AlertRule.SPEND_SURGE) {
                // a blast or a launch does spend more: a spend alert on it is true, counted apart
                decoyAlerts++;
                if (a.severity == Severity.CRITICAL) {
                    decoyCritical++;
                }
            } else {
                falseAlerts++;
                falseOnes.add(a);
                if (a.severity == Severity.CRITICAL) {
                    falseCritical++;
                    if (onDecoy) {
                        decoyCritical++;
                    }
                }
            }
        }
        for (Map.Entry<Incident, Long> e : firstDetection.entrySet()) {
            delays.computeIfAbsent(e.getKey().kind, k -> new ArrayList<>()).add(e.getValue() - e.getKey().start);
        }
        List<Incident> missed = new ArrayList<>();
        for (Incident inc : incidents) {
            if (!inc.kind.decoy() && !firstDetection.containsKey(inc)) {
                missed.add(inc);
            }
        }
        return new Report(days, counts, delays, trueAlerts, falseAlerts, falseCritical, decoyAlerts, decoyCritical,
                falseOnes, missed, alerts);
    }

    /**
     * Detected between the incident's start and end + grace, on its country (the account includes every country)
     * and, for a carrier incident, on that carrier or a key above it.
     */
    private static boolean overlaps(Alert a, Incident inc) {
        if (a.key.scope() != Scope.ACCOUNT && !a.key.country().equals(inc.country)) {
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
        private final List<Incident> missed;
        /** Every alert of the run (TRIGGERED, UPDATED, RESOLVED), in order. */
        public final List<Alert> alerts;

        Report(int days, Map<Incident.Kind, Integer> incidents, Map<Incident.Kind, List<Long>> delays, int trueAlerts,
                int falseAlerts, int falseCritical, int decoyAlerts, int decoyCritical, List<Alert> falseOnes,
                List<Incident> missed, List<Alert> alerts) {
            this.days = days;
            this.incidents = incidents;
            this.delays = delays;
            this.trueAlerts = trueAlerts;
            this.falseAlerts = falseAlerts;
            this.falseCritical = falseCritical;
            this.decoyAlerts = decoyAlerts;
            this.decoyCritical = decoyCritical;
            this.falseOnes = List.copyOf(falseOnes);
            this.missed = List.copyOf(missed);
            this.alerts = List.copyOf(alerts);
        }

        /** The incidents (not decoys) no alert of their rule detected. */
        public List<Incident> missed() {
            return missed;
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
            for (Incident inc : missed) {
                sb.append("  missed: ").append(inc).append('\n');
            }
            for (Alert a : falseOnes) {
                sb.append("  false: ").append(a).append('\n');
            }
            return sb.toString();
        }
    }
}
