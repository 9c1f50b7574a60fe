package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.MessageDelta;

/**
 * What the metrics windows add up: one {@link MessageDelta}, or the totals of several deltas of one window key and
 * window that {@link WindowPreAggregator} combined upstream of the window's keyBy. Either way the window adds it to
 * its {@link MetricsAccumulator} with {@link #addTo}, and the result is the same as adding the deltas one by one
 * (sums, the latency sketch's buckets, count and bounds, and the carrier name are all order-independent).
 *
 * <p>Crosses the network only (serialized by {@link PartialTotalsSerializer}), never in state: the windows' state is
 * still the accumulator.
 */
public final class PartialTotals {
    /** The window key ({@link MetricsKey}) of every delta in this. */
    public String key;
    /**
     * The attribution time the window is chosen by and the record's timestamp: the delta's, or for combined totals the
     * latest of the deltas' (all in one window).
     */
    public long attributionTime;
    /** The one delta, or null for combined totals. */
    public MessageDelta delta;
    /** Combined totals, or null for one delta. */
    public MetricsAccumulator totals;
    /** Number of deltas combined in {@link #totals} (1 for one delta). */
    public int deltas;

    public PartialTotals() {}

    /** One delta under its window key. */
    public static PartialTotals of(String key, MessageDelta delta) {
        PartialTotals p = new PartialTotals();
        p.key = key;
        p.attributionTime = delta.attributionTime;
        p.delta = delta;
        p.deltas = 1;
        return p;
    }

    /** The totals of {@code deltas} deltas of one key and window, the latest attributed at {@code attributionTime}. */
    public static PartialTotals combined(String key, long attributionTime, MetricsAccumulator totals, int deltas) {
        PartialTotals p = new PartialTotals();
        p.key = key;
        p.attributionTime = attributionTime;
        p.totals = totals;
        p.deltas = deltas;
        return p;
    }

    /** Adds this to a window's totals. */
    public void addTo(MetricsAccumulator acc) {
        if (delta != null) {
            acc.add(delta);
        } else {
            acc.merge(totals);
        }
    }
}
