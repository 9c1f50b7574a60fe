package com.example.eum.analytics.alert;

import com.example.eum.analytics.alert.evaluation.Sampling;

import java.util.List;
import java.util.Random;

/** Seeded per-window traffic for the rule tests: binomial outcomes, Poisson-like volumes. */
final class Traffic {
    static final long WINDOW = 5 * 60_000L;
    /** Monday 2026-11-02 00:00 UTC. */
    static final long MONDAY = 1_793_577_600_000L;

    private final Random random;

    Traffic(long seed) {
        this.random = new Random(seed);
    }

    /** Number of successes in n trials with probability p. */
    long binomial(long n, double p) {
        return Sampling.binomial(random, n, p);
    }

    /** Poisson variate with mean lambda. */
    long poisson(double lambda) {
        return Sampling.poisson(random, lambda);
    }

    static long start(int window) {
        return MONDAY + window * WINDOW;
    }

    /** A window of feedback outcomes at conversion rate p (and as many delivered messages, nothing failed). */
    WindowCounts conversion(AlertKey key, int window, long outcomes, double p) {
        long converted = binomial(outcomes, p);
        return WindowCounts.builder(key, start(window), start(window) + WINDOW).messages(outcomes)
                .delivered(outcomes).converted(converted).feedbackFailed(outcomes - converted)
                .spendMicros(outcomes * 8_000).build();
    }

    /** A window of decided outcomes with failure probability q. */
    WindowCounts delivery(AlertKey key, int window, long outcomes, double q) {
        long failed = binomial(outcomes, q);
        return WindowCounts.builder(key, start(window), start(window) + WINDOW).messages(outcomes)
                .delivered(outcomes - failed).failedFinal(failed).spendMicros(outcomes * 8_000)
                .exampleMessageIds(List.of("msg-" + window + "-a", "msg-" + window + "-b"))
                .build();
    }

    static AlertContext context() {
        AlertSettings settings = new AlertSettings().validated();
        return new AlertContext(settings, new RatePriors(settings), Double.NaN);
    }
}
