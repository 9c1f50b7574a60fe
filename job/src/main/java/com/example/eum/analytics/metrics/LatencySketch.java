package com.example.eum.analytics.metrics;

import java.util.Arrays;

/**
 * A mergeable quantile sketch for delivery latencies (ms): log-spaced buckets in the style of DDSketch, so
 * {@link #quantile(double)} is within 1% of the true nearest-rank quantile, and exact when all values are equal.
 *
 * <p>Why this shape: window state lives up to 72 h per key and window, so the sketch must stay small. Buckets are
 * stored sparsely as two sorted parallel arrays ({@link #indices}, {@link #counts}) sized exactly to the number of
 * distinct buckets: a window with three distinct latencies holds three entries. Values are {@code long} ms, so the
 * bucket index is bounded: at most {@link #MAX_BUCKETS} entries whatever the input (about 1,570, 19 KB, for latencies up to
 * 72 h). Values {@code <= 0} (clock skew between request and receipt) are counted as 0 in {@link #zeroCount}.
 *
 * <p>Accuracy: buckets have relative width {@link #BUCKET_ACCURACY} (0.5%), half the promised 1%, which leaves room
 * to round the estimate to whole milliseconds: below 100 ms a bucket holds at most one integer, which the rounding
 * returns exactly; from 100 ms on, 0.5% relative error plus 0.5 ms rounding is at most 1%. Estimates are clamped to
 * [{@link #min}, {@link #max}], which makes a sketch of identical values exact.
 *
 * <p>A Flink POJO (public fields, no-arg constructor): it is part of the window accumulator state.
 */
public class LatencySketch {
    /** Relative accuracy of one bucket's representative value. */
    public static final double BUCKET_ACCURACY = 0.005;
    private static final double GAMMA = (1 + BUCKET_ACCURACY) / (1 - BUCKET_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);
    /** Upper bound on {@link #size()}: the number of buckets that can hold values in [1, Long.MAX_VALUE]. */
    public static final int MAX_BUCKETS = bucketIndex(Long.MAX_VALUE) + 1;

    /** Bucket indices, strictly increasing; bucket i holds values in (gamma^(i-1), gamma^i]. */
    public int[] indices = new int[0];
    /** Number of values in the bucket at the same position of {@link #indices}. */
    public long[] counts = new long[0];
    /** Number of values {@code <= 0}. */
    public long zeroCount;
    /** Total number of values added. */
    public long count;
    /** Smallest value added (after clamping to 0); meaningless while {@link #count} is 0. */
    public long min = Long.MAX_VALUE;
    /** Largest value added (after clamping to 0); meaningless while {@link #count} is 0. */
    public long max = Long.MIN_VALUE;

    public LatencySketch() {}

    /** Adds one latency sample in ms. */
    public void add(long valueMs) {
        add(valueMs, 1);
    }

    /**
     * Adds {@code n} samples of one value; a negative {@code n} takes back samples added before (a delivery that moved
     * to an earlier success). A bucket whose count returns to 0 is removed; {@link #min} and {@link #max} only widen,
     * so after a take-back they are bounds rather than the exact extremes (estimates stay within the bucket accuracy).
     */
    public void add(long valueMs, long n) {
        long v = Math.max(0, valueMs);
        count += n;
        if (n > 0) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (v == 0) {
            zeroCount += n;
            return;
        }
        int index = bucketIndex(v);
        int pos = Arrays.binarySearch(indices, index);
        if (pos >= 0) {
            counts[pos] += n;
            if (counts[pos] == 0) {
                removeAt(pos);
            }
            return;
        }
        int insertAt = -pos - 1;
        int[] newIndices = new int[indices.length + 1];
        long[] newCounts = new long[counts.length + 1];
        System.arraycopy(indices, 0, newIndices, 0, insertAt);
        System.arraycopy(counts, 0, newCounts, 0, insertAt);
        newIndices[insertAt] = index;
        newCounts[insertAt] = n;
        System.arraycopy(indices, insertAt, newIndices, insertAt + 1, indices.length - insertAt);
        System.arraycopy(counts, insertAt, newCounts, insertAt + 1, counts.length - insertAt);
        indices = newIndices;
        counts = newCounts;
    }

    private void removeAt(int pos) {
        int[] newIndices = new int[indices.length - 1];
        long[] newCounts = new long[counts.length - 1];
        System.arraycopy(indices, 0, newIndices, 0, pos);
        System.arraycopy(counts, 0, newCounts, 0, pos);
        System.arraycopy(indices, pos + 1, newIndices, pos, indices.length - pos - 1);
        System.arraycopy(counts, pos + 1, newCounts, pos, counts.length - pos - 1);
        indices = newIndices;
        counts = newCounts;
    }

    /**
     * Adds all values of {@code other} to this sketch (a sorted merge of the bucket arrays): the same sketch as adding
     * other's samples and take-backs one by one, so totals combined upstream of a window equal the deltas added there
     * (also when other's samples and take-backs cancel out: its bounds still widen these, as the samples would have).
     */
    public void merge(LatencySketch other) {
        if (other.count == 0 && other.zeroCount == 0 && other.indices.length == 0
                && other.min == Long.MAX_VALUE && other.max == Long.MIN_VALUE) {
            return; // nothing was ever added to other
        }
        int[] mergedIndices = new int[indices.length + other.indices.length];
        long[] mergedCounts = new long[mergedIndices.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < indices.length || j < other.indices.length) {
            if (j == other.indices.length || (i < indices.length && indices[i] < other.indices[j])) {
                mergedIndices[k] = indices[i];
                mergedCounts[k++] = counts[i++];
            } else if (i == indices.length || other.indices[j] < indices[i]) {
                mergedIndices[k] = other.indices[j];
                mergedCounts[k++] = other.counts[j++];
            } else {
                long sum = counts[i] + other.counts[j++];
                if (sum != 0) {
                    mergedIndices[k] = indices[i];
                    mergedCounts[k++] = sum;
                }
                i++;
            }
        }
        indices = Arrays.copyOf(mergedIndices, k);
        counts = Arrays.copyOf(mergedCounts, k);
        zeroCount += other.zeroCount;
        count += other.count;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    /**
     * The nearest-rank quantile (the value at rank ceil(q * count) in sorted order), within 1% relative error,
     * in whole ms; null when the sketch is empty.
     */
    public Long quantile(double q) {
        if (q < 0 || q > 1 || Double.isNaN(q)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
        }
        if (count == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = zeroCount;
        if (seen >= rank) {
            return 0L;
        }
        for (int p = 0; p < indices.length; p++) {
            seen += counts[p];
            if (seen >= rank) {
                long estimate = Math.round(2 * Math.pow(GAMMA, indices[p]) / (GAMMA + 1));
                return Math.min(max, Math.max(min, estimate));
            }
        }
        return max;
    }

    /** Key of {@link #histogram()} for values {@code <= 0} (bucket indices of values >= 1 ms are >= 0). */
    public static final int ZERO_BUCKET = -1;

    /**
     * The sketch as bucket index to count: bucket i >= 0 holds values in (gamma^(i-1), gamma^i] ms with
     * gamma = (1 + {@value #BUCKET_ACCURACY}) / (1 - {@value #BUCKET_ACCURACY}), represented by 2 gamma^i / (gamma + 1);
     * {@link #ZERO_BUCKET} holds values <= 0. Summing these maps over windows and taking the bucket at rank
     * ceil(q * total) gives a quantile of the union within 1% (schemas/athena/queries/latency_by_country_daily.sql).
     */
    public java.util.SortedMap<Integer, Long> histogram() {
        java.util.SortedMap<Integer, Long> h = new java.util.TreeMap<>();
        if (zeroCount != 0) {
            h.put(ZERO_BUCKET, zeroCount);
        }
        for (int p = 0; p < indices.length; p++) {
            h.put(indices[p], counts[p]);
        }
        return h;
    }

    /** Number of stored (non-empty) buckets; at most {@link #MAX_BUCKETS}. */
    public int size() {
        return indices.length;
    }

    private static int bucketIndex(long value) {
        return (int) Math.ceil(Math.log(value) / LOG_GAMMA);
    }
}
