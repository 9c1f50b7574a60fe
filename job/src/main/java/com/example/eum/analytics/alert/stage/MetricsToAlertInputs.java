package com.example.eum.analytics.alert.stage;

import com.example.eum.analytics.model.WindowMetrics;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** One metrics table's rows as alert inputs ({@link AlertInputs#ofRow}); nothing when alerts are disabled. */
public final class MetricsToAlertInputs implements FlatMapFunction<WindowMetrics, AlertInput> {
    private static final long serialVersionUID = 1L;

    private final AlertInputs.Table table;
    private final boolean enabled;

    public MetricsToAlertInputs(AlertInputs.Table table, boolean enabled) {
        this.table = table;
        this.enabled = enabled;
    }

    @Override
    public void flatMap(WindowMetrics row, Collector<AlertInput> out) {
        if (enabled) {
            AlertInputs.ofRow(table, row).forEach(out::collect);
        }
    }
}
