package com.example.eum.analytics.alert;

/** Wilson score interval of a binomial proportion: honest at small n and near 0 or 1, unlike the normal interval. */
public final class Wilson {
    private Wilson() {}

    /** Lower bound of the interval for {@code k} successes in {@code n} trials; 0 when n is 0. */
    public static double lower(long k, long n, double z) {
        return n == 0 ? 0.0 : bound(k, n, z, -1);
    }

    /** Upper bound of the interval for {@code k} successes in {@code n} trials; 1 when n is 0. */
    public static double upper(long k, long n, double z) {
        return n == 0 ? 1.0 : bound(k, n, z, +1);
    }

    private static double bound(long k, long n, double z, int sign) {
        double p = (double) k / n;
        double z2 = z * z;
        double centre = p + z2 / (2.0 * n);
        double spread = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        double b = (centre + sign * spread) / (1 + z2 / n);
        return Math.min(1.0, Math.max(0.0, b));
    }
}
