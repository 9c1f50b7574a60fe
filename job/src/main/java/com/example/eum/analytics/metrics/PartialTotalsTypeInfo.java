package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.SerializerTypeInfo;

/** The type of the metrics windows' input: a {@link PartialTotals} written by {@link PartialTotalsSerializer}. */
public final class PartialTotalsTypeInfo extends SerializerTypeInfo<PartialTotals> {
    private static final long serialVersionUID = 1L;

    public static final PartialTotalsTypeInfo INSTANCE = new PartialTotalsTypeInfo();

    public PartialTotalsTypeInfo() {
        super(PartialTotals.class, PartialTotalsSerializer.INSTANCE, "PartialTotals");
    }
}
