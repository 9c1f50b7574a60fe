package com.example.eum.analytics.metrics;

import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Adds what reaches one window and key (single deltas and totals combined upstream, {@link PartialTotals}) into a
 * {@link MetricsAccumulator} (incremental: the window keeps only the totals).
 */
public class DeltaAggregate implements AggregateFunction<PartialTotals, MetricsAccumulator, MetricsAccumulator> {
    private static final long serialVersionUID = 1L;

    @Override
    public MetricsAccumulator createAccumulator() {
        return new MetricsAccumulator();
    }

    @Override
    public MetricsAccumulator add(PartialTotals partial, MetricsAccumulator acc) {
        partial.addTo(acc);
        return acc;
    }

    @Override
    public MetricsAccumulator getResult(MetricsAccumulator acc) {
        return acc;
    }

    @Override
    public MetricsAccumulator merge(MetricsAccumulator a, MetricsAccumulator b) {
        a.merge(b);
        return a;
    }
}
