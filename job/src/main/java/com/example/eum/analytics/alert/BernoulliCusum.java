package com.example.eum.analytics.alert;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One-sided Bernoulli CUSUM for a rise of an event probability from {@code q0} (baseline) to {@code q1}: after a
 * window with {@code e} events in {@code n} trials, {@code S = max(0, S + e ln(q1/q0) + (n-e) ln((1-q1)/(1-q0)))}.
 * S accumulates evidence across windows, so small keys gather it over hours and large keys within one window; it
 * crosses the threshold h after about {@code h / KL(q1||q0)} trials of a real shift, and under the baseline it
 * drifts down and stays near 0 (false alarms about once per {@code e^h / KL(q0||q1)} trials).
 *
 * <p>The run is the stretch since S last left 0: its start estimates when the shift began, and its counts give
 * the observed rate. S is capped, so recovery is seen after a bounded number of normal trials.
 */
public final class BernoulliCusum {
    private double statistic;
    private long runStart = Long.MIN_VALUE;
    private long runEvents;
    private long runTrials;

    /**
     * Adds one window. {@code q1} must be above {@code q0}; both strictly between 0 and 1.
     *
     * @return the statistic after the window
     */
    public double update(long events, long trials, double q0, double q1, long windowStart, double cap) {
        if (trials == 0) {
            return statistic;
        }
        if (!(q0 > 0 && q1 > q0 && q1 < 1)) {
            throw new IllegalArgumentException("need 0 < q0 < q1 < 1: q0=" + q0 + " q1=" + q1);
        }
        double llr = events * Math.log(q1 / q0) + (trials - events) * Math.log((1 - q1) / (1 - q0));
        double next = Math.min(cap, Math.max(0.0, statistic + llr));
        if (next <= 0) {
            reset();
            return 0.0;
        }
        if (statistic <= 0) {
            runStart = windowStart;
            runEvents = 0;
            runTrials = 0;
        }
        statistic = next;
        runEvents += events;
        runTrials += trials;
        return statistic;
    }

    public void reset() {
        statistic = 0.0;
        runStart = Long.MIN_VALUE;
        runEvents = 0;
        runTrials = 0;
    }

    public double statistic() {
        return statistic;
    }

    /** Start of the window where the current run began; {@link Long#MIN_VALUE} when S is 0. */
    public long runStart() {
        return runStart;
    }

    public long runEvents() {
        return runEvents;
    }

    public long runTrials() {
        return runTrials;
    }

    void write(DataOutput out) throws IOException {
        out.writeDouble(statistic);
        out.writeLong(runStart);
        out.writeLong(runEvents);
        out.writeLong(runTrials);
    }

    static BernoulliCusum read(DataInput in) throws IOException {
        BernoulliCusum c = new BernoulliCusum();
        c.statistic = in.readDouble();
        c.runStart = in.readLong();
        c.runEvents = in.readLong();
        c.runTrials = in.readLong();
        return c;
    }
}
