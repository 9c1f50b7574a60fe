package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.MessageDelta;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Adds the deltas of one window and key into a {@link MetricsAccumulator} (incremental: the window keeps only the totals). */
public class DeltaAggregate implements AggregateFunction<MessageDelta, MetricsAccumulator, MetricsAccumulator> {
    private static final long serialVersionUID = 1L;

    @Override
    public MetricsAccumulator createAccumulator() {
        return new MetricsAccumulator();
    }

    @Override
    public MetricsAccumulator add(MessageDelta delta, MetricsAccumulator acc) {
        acc.add(delta);
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
