package com.example.eum.analytics.cli;

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
 * removed at job end). Registered through {@link LiveMetricsReporterFactory}; never used on Managed Flink.
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

    /** Sum over subtasks (and operators whose name starts with {@code operatorPrefix}) of a counter, live or frozen. */
    public static long sum(String operatorPrefix, String metricName) {
        return sum(operator -> operator.startsWith(operatorPrefix), metricName);
    }

    /** Sum over subtasks of a counter of the operator named exactly {@code operator}, live or frozen. */
    public static long sumExact(String operator, String metricName) {
        return sum(operator::equals, metricName);
    }

    private static long sum(java.util.function.Predicate<String> operator, String metricName) {
        long total = 0;
        for (Map.Entry<String, Long> e : snapshot().entrySet()) {
            String[] parts = e.getKey().split("/", 3);
            if (parts.length == 3 && operator.test(parts[0]) && parts[1].equals(metricName)) {
                total += e.getValue();
            }
        }
        return total;
    }

    /** Counters whose name starts with {@code prefix}, summed over operators and subtasks, by metric name. */
    public static Map<String, Long> sumByName(String prefix) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (Map.Entry<String, Long> e : snapshot().entrySet()) {
            String[] parts = e.getKey().split("/", 3);
            if (parts.length == 3 && parts[1].startsWith(prefix)) {
                out.merge(parts[1], e.getValue(), Long::sum);
            }
        }
        return out;
    }

    /** Minimum over subtasks of a gauge (e.g. a watermark); null when absent. */
    public static Long min(String operatorPrefix, String metricName) {
        Long min = null;
        for (Map.Entry<String, Long> e : snapshot().entrySet()) {
            String[] parts = e.getKey().split("/", 3);
            if (parts.length == 3 && parts[0].startsWith(operatorPrefix) && parts[1].equals(metricName)) {
                min = min == null ? e.getValue() : Math.min(min, e.getValue());
            }
        }
        return min;
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
