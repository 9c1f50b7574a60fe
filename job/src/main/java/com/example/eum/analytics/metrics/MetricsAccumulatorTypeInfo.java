package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.SerializerTypeInfo;

/** The type of the metrics windows' accumulator state: a {@link MetricsAccumulator} written by {@link MetricsAccumulatorSerializer}. */
public final class MetricsAccumulatorTypeInfo extends SerializerTypeInfo<MetricsAccumulator> {
    private static final long serialVersionUID = 1L;

    public static final MetricsAccumulatorTypeInfo INSTANCE = new MetricsAccumulatorTypeInfo();

    public MetricsAccumulatorTypeInfo() {
        super(MetricsAccumulator.class, MetricsAccumulatorSerializer.INSTANCE, "MetricsAccumulator");
    }
}
