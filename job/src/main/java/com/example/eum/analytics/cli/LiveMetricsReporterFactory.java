package com.example.eum.analytics.cli;

import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

import java.util.Properties;

/** Factory for {@link LiveMetricsReporter}, found by Flink through META-INF/services. */
public class LiveMetricsReporterFactory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new LiveMetricsReporter();
    }
}
