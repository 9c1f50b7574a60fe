package com.example.eum.analytics.alert.evaluation;

import java.util.Random;

/** Seeded Poisson and binomial variates for synthetic traffic (normal approximations for large means). */
public final class Sampling {
    private Sampling() {}

    /** Poisson variate with mean {@code lambda} (normal approximation above 50). */
    public static long poisson(Random random, double lambda) {
        if (lambda > 50) {
            return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        }
        double l = Math.exp(-lambda);
        double p = 1.0;
        long k = 0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** Successes in {@code n} trials of probability {@code p} (exact up to 200 trials, normal beyond). */
    public static long binomial(Random random, long n, double p) {
        if (n > 200) {
            double mean = n * p;
            double sd = Math.sqrt(n * p * (1 - p));
            return Math.min(n, Math.max(0, Math.round(mean + sd * random.nextGaussian())));
        }
        long k = 0;
        for (long i = 0; i < n; i++) {
            if (random.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }
}
