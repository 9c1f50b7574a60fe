package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.MessageDelta;

/**
 * The running totals of one window and key: the sum of every count and money column ({@link SumColumn}) of the
 * {@link MessageDelta}s that fell into it, plus a {@link LatencySketch} of their delivery latencies. Windows only
 * add deltas up, so this is all a window needs to remember; {@link MetricsRow} turns it into a row.
 *
 * <p>A Flink POJO (public fields, no-arg constructor), kept in window state; {@link #sums} is indexed by
 * {@link SumColumn#ordinal()}.
 */
public class MetricsAccumulator {
    public long[] sums = new long[SumColumn.values().length];
    public LatencySketch latency = new LatencySketch();

    public MetricsAccumulator() {}

    /** Adds one delta; its latency (when {@code latencyMs >= 0}) goes into the sketch. */
    public void add(MessageDelta d) {
        for (SumColumn c : SumColumn.values()) {
            sums[c.ordinal()] += c.of(d);
        }
        if (d.latencyMs >= 0) {
            latency.add(d.latencyMs);
        }
    }

    /** Adds all totals of {@code other} to this accumulator. */
    public void merge(MetricsAccumulator other) {
        for (int i = 0; i < sums.length; i++) {
            sums[i] += other.sums[i];
        }
        latency.merge(other.latency);
    }

    /** The total of one column. */
    public long get(SumColumn column) {
        return sums[column.ordinal()];
    }
}
