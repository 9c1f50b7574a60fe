package com.example.eum.analytics.alert;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A key's baseline for one rate, by empirical Bayes (beta-binomial): a prior rate worth {@code m} pseudo-outcomes,
 * plus the key's own history as exponentially decayed counts {@code s} of {@code n}. The estimate
 * {@code (m p0 + s) / (m + n)} is the prior for a new key and moves to the key's own rate as its history grows.
 */
public final class RateBaseline {
    private double successes;
    private double trials;
    private long lastUpdate = Long.MIN_VALUE;

    /** The estimate of the rate, given the prior rate and its strength in pseudo-outcomes. */
    public double estimate(double priorRate, double priorStrength) {
        return (priorStrength * priorRate + successes) / (priorStrength + trials);
    }

    /** Adds {@code k} of {@code n} at event time {@code time}, decaying older history by the half-life. */
    public void learn(long k, long n, long time, long halfLifeMillis) {
        if (n == 0) {
            return;
        }
        if (lastUpdate != Long.MIN_VALUE && time > lastUpdate) {
            double factor = Math.pow(0.5, (double) (time - lastUpdate) / halfLifeMillis);
            successes *= factor;
            trials *= factor;
        }
        successes += k;
        trials += n;
        lastUpdate = Math.max(lastUpdate, time);
    }

    /** The (decayed) number of outcomes behind the key's own history. */
    public double trials() {
        return trials;
    }

    void write(DataOutput out) throws IOException {
        out.writeDouble(successes);
        out.writeDouble(trials);
        out.writeLong(lastUpdate);
    }

    static RateBaseline read(DataInput in) throws IOException {
        RateBaseline b = new RateBaseline();
        b.successes = in.readDouble();
        b.trials = in.readDouble();
        b.lastUpdate = in.readLong();
        return b;
    }
}
