package com.example.eum.analytics.metrics;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.MetricGroup;

/**
 * Where the job registers its own counters (dead letters, late records, duplicates, ...): the user metric group
 * {@value #GROUP}, the one Amazon Managed Service for Apache Flink exports to CloudWatch (namespace
 * AWS/KinesisAnalytics), so the alarms of deploy/data-plane.yaml have something to watch. Locally the group is only
 * a scope component; reporters such as cli.LiveMetricsReporter see the same metric names.
 */
public final class ExportedMetrics {
    /** The metric group name Managed Flink exports (its documentation and examples spell it in lower case). */
    public static final String GROUP = "kinesisanalytics";

    private ExportedMetrics() {}

    public static MetricGroup of(RuntimeContext context) {
        return context.getMetricGroup().addGroup(GROUP);
    }
}
