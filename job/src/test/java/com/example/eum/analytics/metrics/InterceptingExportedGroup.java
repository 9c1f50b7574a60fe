package com.example.eum.analytics.metrics;

import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;

/**
 * An operator metric group for harness tests that keeps the metrics registered in the exported group
 * ({@link ExportedMetrics#GROUP}) readable by name, and fails on any other user group.
 */
public class InterceptingExportedGroup extends InterceptingOperatorMetricGroup {
    @Override
    public MetricGroup addGroup(String name) {
        if (!ExportedMetrics.GROUP.equals(name)) {
            throw new AssertionError("operator metrics belong in the exported group " + ExportedMetrics.GROUP + ", not " + name);
        }
        return this;
    }
}
