package com.example.eum.analytics.cli;

import com.example.eum.analytics.pipeline.JobProgress;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Flink metric reporter for local runs (MiniCluster, same JVM): keeps every counter and watermark gauge so the
 * CLI can print progress while the job runs and a summary after it ends (values are frozen when a metric is
 * removed at job end). Read through {@link #READER} by an assembled job's {@link JobProgress}, which knows the
 * operators' names. Registered through {@link LiveMetricsReporterFactory}; never used on Managed Flink.
 */
public class LiveMetricsReporter implements MetricReporter {
    /** Live metrics by "operator/metric/subtask". */
    private static final Map<String, Metric> LIVE = new ConcurrentHashMap<>();
    /** Last values of metrics removed at job end, same keys. */
    private static final Map<String, Long> FROZEN = new ConcurrentHashMap<>();

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    /** Forgets everything (one CLI run = one job). */
    public static void reset() {
        LIVE.clear();
        FROZEN.clear();
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        if (metric instanceof Counter || metric instanceof Gauge) {
            LIVE.put(key(metricName, group), metric);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        String key = key(metricName, group);
        Long value = valueOf(metric);
        if (value != null) {
            FROZEN.put(key, value);
        }
        LIVE.remove(key);
    }

    private static String key(String metricName, MetricGroup group) {
        Map<String, String> vars = group.getAllVariables();
        // task-level metrics (a chain's "decode -> ... " task) must not count as the operator's own
        String operator = vars.containsKey("<operator_name>") ? vars.get("<operator_name>")
                : "task:" + vars.getOrDefault("<task_name>", "job");
        return operator + "/" + metricName + "/" + vars.getOrDefault("<subtask_index>", "0");
    }

    private static Long valueOf(Metric metric) {
        if (metric instanceof Counter) {
            return ((Counter) metric).getCount();
        }
        if (metric instanceof Gauge) {
            Object v;
            try {
                v = ((Gauge<?>) metric).getValue();
            } catch (RuntimeException notReadableFromHere) {
                // some of Flink's gauges read task-thread state (the sink committer's pendingCommittables throws
                // "incomplete batch of committables" mid-checkpoint): no value this time, never a failed run
                return null;
            }
            return v instanceof Number ? ((Number) v).longValue() : null;
        }
        return null;
    }

    /** Reads this reporter's metrics for an assembled job's {@link JobProgress}. */
    public static final JobProgress.MetricReader READER = new JobProgress.MetricReader() {
        @Override
        public long sum(String operator, String metric) {
            long total = 0;
            for (Map.Entry<String, Long> e : snapshot().entrySet()) {
                if (matches(e.getKey(), operator, metric)) {
                    total += e.getValue();
                }
            }
            return total;
        }

        @Override
        public Long min(String operator, String metric) {
            Long min = null;
            for (Map.Entry<String, Long> e : snapshot().entrySet()) {
                if (matches(e.getKey(), operator, metric)) {
                    min = min == null ? e.getValue() : Math.min(min, e.getValue());
                }
            }
            return min;
        }
    };

    private static boolean matches(String key, String operator, String metric) {
        String[] parts = key.split("/", 3);
        return parts.length == 3 && parts[0].equals(operator) && parts[1].equals(metric);
    }

    private static Map<String, Long> snapshot() {
        Map<String, Long> values = new java.util.HashMap<>(FROZEN);
        for (Map.Entry<String, Metric> e : LIVE.entrySet()) {
            Long v = valueOf(e.getValue());
            if (v != null) {
                values.put(e.getKey(), v);
            }
        }
        return values;
    }
}
