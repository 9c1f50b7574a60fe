package com.example.eum.analytics.alert;

import java.util.List;

/**
 * The shared shape of CONVERSION_DROP and DELIVERY_DROP: a {@link BernoulliCusum} for a rise of a "bad event"
 * probability (not converting; failing for good) from the key's baseline {@code q0} to a design alternative
 * {@code q1}, fed with every window's counts so that evidence accumulates across windows. Fires when S reaches the
 * threshold h with at least a minimum run of trials; an open incident stays firing while S is above
 * {@code clearFraction × h}.
 */
abstract class RateShiftRule implements Rule {
    private static final double MIN_RATE = 1e-4;

    /** Bad events in the window (failures, non-conversions). */
    abstract long events(WindowCounts w, KeyState state, AlertSettings settings);

    /** Trials in the window (outcomes). */
    abstract long trials(WindowCounts w, KeyState state, AlertSettings settings);

    /** The baseline probability of a bad event for this key. */
    abstract double baselineEventRate(KeyState state, AlertContext context, AlertKey key);

    /** The design alternative for a baseline {@code q0}. */
    abstract double alternative(double q0, AlertSettings settings);

    abstract double threshold(AlertSettings settings);

    abstract int minRunTrials(AlertSettings settings);

    abstract BernoulliCusum cusum(KeyState state);

    /** The key's own history of this rate (what the baseline shrinks the prior toward). */
    abstract RateBaseline history(KeyState state);

    /** The rate reported to people: the bad-event rate, or its complement (conversion). */
    abstract double reported(double eventRate);

    abstract Severity severity(double observedEventRate, double q0, AlertSettings settings);

    /** Money lost beyond the baseline for this many excess bad events in the window, or null. */
    abstract Long excessCostMicros(double excessEvents, WindowCounts w);

    @Override
    public Verdict step(WindowCounts w, KeyState state, AlertContext context, boolean open) {
        AlertSettings settings = context.settings;
        double q0 = clamp(baselineEventRate(state, context, w.key));
        double q1 = Math.min(1 - MIN_RATE / 10, Math.max(alternative(q0, settings), q0 + MIN_RATE));
        double h = threshold(settings);
        BernoulliCusum cusum = cusum(state);
        long events = events(w, state, settings);
        long trials = trials(w, state, settings);
        double s = cusum.update(events, trials, q0, q1, w.windowStart, h * settings.cusumCapFactor);
        if (s <= 0) {
            return Verdict.quiet(id(), w.windowStart);
        }
        long runTrials = cusum.runTrials();
        long runEvents = cusum.runEvents();
        double observed = (double) runEvents / runTrials;
        // severity: the run's rate, or the latest window's when that is worse and the window alone has enough
        // outcomes (a run dragged back by a slight drift before an outage would otherwise dilute the outage)
        Severity severity = severity(observed, q0, settings);
        if (trials >= minRunTrials(settings)) {
            severity = severity.max(severity((double) events / trials, q0, settings));
        }
        // a young key (little history of its own: its baseline is still mostly the prior, which may not be its
        // normal) fires only on a critical departure, and keeps learning from everything below that
        boolean young = history(state).trials() < settings.warmupOutcomes;
        boolean firing = open ? s >= settings.cusumClearFraction * h
                : s >= h && runTrials >= minRunTrials(settings) && (!young || severity == Severity.CRITICAL);
        Verdict.State verdictState = firing ? Verdict.State.FIRING
                : s >= settings.cusumSuspectFraction * h && !young ? Verdict.State.SUSPECT : Verdict.State.QUIET;
        double excessEvents = Math.max(0.0, runEvents - runTrials * q0);
        double windowExcess = Math.max(0.0, events - trials * q0);
        double low = reported(Wilson.lower(runEvents, runTrials, settings.wilsonZ));
        double high = reported(Wilson.upper(runEvents, runTrials, settings.wilsonZ));
        return new Verdict(id(), verdictState, severity, Verdict.Unit.RATE,
                reported(observed), reported(q0), Math.min(low, high), Math.max(low, high), runTrials,
                Math.round(excessEvents), excessCostMicros(windowExcess, w), cusum.runStart(), s,
                List.of(String.format(java.util.Locale.ROOT, "CUSUM S=%.2f of h=%.1f over %d outcomes since the run began",
                        s, h, runTrials)));
    }

    private static double clamp(double q) {
        return Math.min(1 - MIN_RATE, Math.max(MIN_RATE, q));
    }

    /** Cost per message of the window, micro-USD; 0 when the window has no messages. */
    static double costPerMessage(WindowCounts w) {
        return w.messages == 0 ? 0.0 : (double) w.spendMicros / w.messages;
    }
}
