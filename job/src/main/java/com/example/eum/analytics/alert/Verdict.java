package com.example.eum.analytics.alert;

import java.util.List;

/**
 * What one rule concluded about one window of one key: quiet, suspect (evidence building: the baselines do not
 * learn from this window) or firing, with the figures an alert reports.
 */
public final class Verdict {
    /** The rule's view of the window. */
    public enum State { QUIET, SUSPECT, FIRING }

    /** What {@link #observed} and {@link #baseline} measure. */
    public enum Unit {
        /** A proportion (conversion rate, failed share), with a Wilson interval. */
        RATE,
        /** USD per window (spend). */
        USD
    }

    public final AlertRule rule;
    public final State state;
    public final Severity severity;
    public final Unit unit;
    /** Observed value over the evidence (the CUSUM run, or the window); null when not measured. */
    public final Double observed;
    public final Double baseline;
    /** Wilson interval of {@link #observed} (rates only), else null. */
    public final Double intervalLow;
    public final Double intervalHigh;
    /** Trials behind {@link #observed} (outcomes or messages). */
    public final long n;
    /** Messages the incident affected in this evidence (lost conversions, excess failures, excess messages). */
    public final long affectedMessages;
    /** Money beyond the baseline in this window, micro-USD; null when the rule has no cost notion. */
    public final Long excessCostMicros;
    /** Event time the evidence began (the run start), epoch ms. */
    public final long estimatedStart;
    /** The rule's statistic (CUSUM S, robust z, number of pumping signals). */
    public final double statistic;
    /** Human-readable reasons (which signals, which threshold). */
    public final List<String> signals;

    Verdict(AlertRule rule, State state, Severity severity, Unit unit, Double observed, Double baseline,
            Double intervalLow, Double intervalHigh, long n, long affectedMessages, Long excessCostMicros,
            long estimatedStart, double statistic, List<String> signals) {
        this.rule = rule;
        this.state = state;
        this.severity = severity;
        this.unit = unit;
        this.observed = observed;
        this.baseline = baseline;
        this.intervalLow = intervalLow;
        this.intervalHigh = intervalHigh;
        this.n = n;
        this.affectedMessages = affectedMessages;
        this.excessCostMicros = excessCostMicros;
        this.estimatedStart = estimatedStart;
        this.statistic = statistic;
        this.signals = List.copyOf(signals);
    }

    /** A window the rule has nothing to say about. */
    static Verdict quiet(AlertRule rule, long windowStart) {
        return new Verdict(rule, State.QUIET, Severity.INFO, Unit.RATE, null, null, null, null, 0, 0, null,
                windowStart, 0.0, List.of());
    }

    public boolean firing() {
        return state == State.FIRING;
    }

    @Override
    public String toString() {
        return rule + " " + state + " " + severity + " stat=" + statistic + " observed=" + observed + " baseline="
                + baseline + " n=" + n + " " + signals;
    }
}
