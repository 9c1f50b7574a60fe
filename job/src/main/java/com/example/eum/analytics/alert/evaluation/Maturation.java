package com.example.eum.analytics.alert.evaluation;

import java.util.Random;

/**
 * When the counts of one key's messages reach the windows the alert rules see, as the job attributes them
 * (schemas/lifecycle-rules.md): a message, its Protect recommendation, its spend and its feedback tracking in the
 * window of its request; its delivery outcome in the window of the final receipt's event time (seconds to minutes
 * later, 3% of them hours later, TTL expiries 10 to 60 minutes later); a conversion in the window of its RECEIVED
 * (the receipt plus a log-normal 25 s); a non-conversion at the 1-hour feedback timeout (request + 1 h), or earlier
 * when the application reports FAILED (40% of delivered non-converting messages, 2 to 59 minutes after the request).
 * The delays follow the job's traffic generator ({@code generator.TrafficModel}). A record whose transport is hours
 * late (0.5%) reaches its window only as a later revision, which the alert stage does not observe: it is missing
 * from what the rules see. Each key holds a ring of future windows that its requests fill and its windows drain.
 */
final class Maturation {
    private static final long WINDOW = AlertEvaluation.WINDOW;
    private static final long MINUTE = 60_000L;
    private static final long HOUR = AlertEvaluation.HOUR;
    /** Windows from request to the 1-hour feedback timeout. */
    static final int TIMEOUT_WINDOWS = (int) (HOUR / WINDOW);
    /** Share of final receipts that come hours late (1 h to 72 h, log-uniform). */
    static final double HOURS_LATE_SHARE = 0.03;
    /** Share of failures that are TTL expiries (10 to 60 minutes after the request). */
    static final double TTL_SHARE = 0.08;
    /** Share of delivered, non-converting messages whose application reports FAILED before the timeout. */
    static final double EXPLICIT_FAILED_SHARE = 0.4;
    /** Share of records delivered hours late by the transport (a revision the alert stage does not see). */
    static final double LATE_TRANSPORT_SHARE = 0.005;
    /** Median delay of a final receipt, ms. */
    static final long MEDIAN_RECEIPT_MS = 5_000;
    private static final int RING = (int) (73 * HOUR / WINDOW) + 2;

    /** Probability that the event falls k windows after its request's window, for delay kinds (Monte Carlo). */
    private static final double[] DELIVERY;
    private static final double[] CONVERSION;
    private static final double[] EXPLICIT_FAILED;
    private static final double[] TTL;

    static {
        Random r = new Random(20261128L);
        int n = 200_000;
        double[][] hist = new double[4][TIMEOUT_WINDOWS + 2];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble() * WINDOW;
            double receipt = lognormal(r, MEDIAN_RECEIPT_MS, 1.2, 15 * MINUTE);
            double conversion = receipt + lognormal(r, 25_000, 1.0, 45 * MINUTE);
            hist[0][(int) ((u + receipt) / WINDOW)]++;
            hist[1][(int) ((u + conversion) / WINDOW)]++;
            hist[2][(int) ((u + 2 * MINUTE + r.nextDouble() * 57 * MINUTE) / WINDOW)]++;
            hist[3][(int) ((u + 10 * MINUTE + r.nextDouble() * 50 * MINUTE) / WINDOW)]++;
        }
        for (double[] h : hist) {
            for (int k = 0; k < h.length; k++) {
                h[k] /= n;
            }
        }
        DELIVERY = hist[0];
        CONVERSION = hist[1];
        EXPLICIT_FAILED = hist[2];
        TTL = hist[3];
    }

    private final Counts[] ring = new Counts[RING];

    Maturation() {
        for (int i = 0; i < RING; i++) {
            ring[i] = new Counts();
        }
    }

    private static double lognormal(Random r, double median, double sigma, double cap) {
        return Math.max(100, Math.min(cap, median * Math.exp(sigma * r.nextGaussian())));
    }

    private Counts slot(long window) {
        return ring[(int) Math.floorMod(window, (long) RING)];
    }

    /**
     * Requests {@code messages} in window {@code window}: each fails with {@code failure}, a delivered one converts
     * with {@code conversion}, Protect recommends blocking {@code protect} of them, each costs {@code costMicros}.
     */
    void request(long window, long messages, double failure, double conversion, double protect, long costMicros,
            Random random) {
        if (messages == 0) {
            return;
        }
        Counts now = slot(window);
        now.messages += messages;
        now.tracked += messages;
        now.protect += Sampling.binomial(random, messages, protect);
        now.spend += messages * costMicros;
        long failed = Sampling.binomial(random, messages, failure);
        long delivered = messages - failed;
        long deliveredLate = Sampling.binomial(random, delivered, HOURS_LATE_SHARE);
        long failedLate = Sampling.binomial(random, failed, HOURS_LATE_SHARE);
        long ttl = Sampling.binomial(random, failed - failedLate, TTL_SHARE);
        long deliveredPrompt = delivered - deliveredLate;
        long[] d = split(deliveredPrompt, DELIVERY, random);
        long[] f = split(failed - failedLate - ttl, DELIVERY, random);
        long[] t = split(ttl, TTL, random);
        for (int k = 0; k < d.length; k++) {
            slot(window + k).delivered += d[k];
            slot(window + k).failed += f[k] + t[k];
        }
        hoursLate(window, deliveredLate, true, random);
        hoursLate(window, failedLate, false, random);
        long converted = Sampling.binomial(random, deliveredPrompt, conversion);
        long[] c = split(converted, CONVERSION, random);
        long explicit = Sampling.binomial(random, deliveredPrompt - converted, EXPLICIT_FAILED_SHARE);
        long[] e = split(explicit, EXPLICIT_FAILED, random);
        for (int k = 0; k < c.length; k++) {
            slot(window + k).converted += c[k];
            slot(window + k).feedbackFailed += e[k];
        }
        slot(window + TIMEOUT_WINDOWS).feedbackFailed += messages - converted - explicit;
    }

    private void hoursLate(long window, long n, boolean delivered, Random random) {
        for (long i = 0; i < n; i++) {
            double delay = HOUR * Math.exp(random.nextDouble() * Math.log(72)) + random.nextDouble() * WINDOW;
            Counts s = slot(window + (long) (delay / WINDOW));
            if (delivered) {
                s.delivered++;
            } else {
                s.failed++;
            }
        }
    }

    /** What window {@code window} holds when it first closes (taken out of the ring). */
    Counts take(long window, Random random) {
        Counts s = slot(window);
        Counts out = new Counts();
        out.messages = s.messages;
        out.tracked = s.tracked;
        out.protect = s.protect;
        out.spend = s.spend;
        out.delivered = seen(s.delivered, random);
        out.failed = seen(s.failed, random);
        out.converted = seen(s.converted, random);
        out.feedbackFailed = seen(s.feedbackFailed, random);
        s.clear();
        return out;
    }

    private static long seen(long n, Random random) {
        return n - Sampling.binomial(random, n, LATE_TRANSPORT_SHARE);
    }

    /** Multinomial split of n over the offsets of a delay distribution. */
    private static long[] split(long n, double[] p, Random random) {
        long[] out = new long[p.length];
        double left = 1.0;
        long remaining = n;
        for (int k = 0; k < p.length && remaining > 0; k++) {
            if (k == p.length - 1 || left <= p[k]) {
                out[k] = remaining;
                break;
            }
            long x = Sampling.binomial(random, remaining, Math.min(1.0, p[k] / left));
            out[k] = x;
            remaining -= x;
            left -= p[k];
        }
        return out;
    }

    /** Probability that a conversion lands in the window of its request (for tests and docs). */
    static double conversionInRequestWindow() {
        return CONVERSION[0];
    }
}
