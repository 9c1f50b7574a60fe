package com.example.eum.analytics.metrics;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.decode.DecodeFunction;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.RawRecord;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.DiscardingSink;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder's counters are registered under the metric group Managed Flink exports to CloudWatch
 * ({@value ExportedMetrics#GROUP}) and count what happened: one good record, two bad ones.
 */
class ExportedMetricsTest {
    /** Metric identifier (scope + name) to the counter, as a real reporter sees it. */
    static final Map<String, Counter> SEEN = new ConcurrentHashMap<>();

    public static class Capture implements MetricReporter, MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new Capture();
        }

        @Override
        public void open(MetricConfig config) {}

        @Override
        public void close() {}

        @Override
        public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
            if (metric instanceof Counter) {
                SEEN.put(group.getMetricIdentifier(name), (Counter) metric);
            }
        }

        @Override
        public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}
    }

    @Test
    void decodeCountersAreInTheExportedGroup() throws Exception {
        Configuration conf = new Configuration();
        conf.setString("metrics.reporter.capture.factory.class", Capture.class.getName());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.getConfig().disableGenericTypes();
        env.setParallelism(1);
        JobConfig cfg = new JobConfig();
        cfg.destinationHashKey = "0123456789abcdef0123456789abcdef-test";
        String good = "{\"messageId\":\"m-1\",\"messageFeedbackStatus\":\"RECEIVED\",\"timestamp\":1748872842000}";
        env.fromData(TypeInformation.of(RawRecord.class),
                        new RawRecord(good.getBytes(StandardCharsets.UTF_8), "t", 1L),
                        new RawRecord("{\"unknown\":1}".getBytes(StandardCharsets.UTF_8), "t", 1L),
                        new RawRecord("not json".getBytes(StandardCharsets.UTF_8), "t", 1L))
                .process(new DecodeFunction(cfg), TypeInformation.of(CanonicalEvent.class)).name("decode")
                .addSink(new DiscardingSink<>());
        env.execute("exported-metrics");

        assertThat(counter("eventsDecoded").getCount()).isEqualTo(1);
        assertThat(counter("deadLetters").getCount()).isEqualTo(2);
        assertThat(counter("deadLetters_unknown_family").getCount()).isEqualTo(1);
        assertThat(counter("deadLetters_malformed_json").getCount()).isEqualTo(1);
    }

    /** The decode operator's counter {@code name} in the exported group (identifier ...decode.<subtask>.kinesisanalytics.name). */
    private static Counter counter(String name) {
        String suffix = "." + ExportedMetrics.GROUP + "." + name;
        return SEEN.entrySet().stream().filter(e -> e.getKey().endsWith(suffix) && e.getKey().contains(".decode.0."))
                .map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no counter ending " + suffix + " in " + SEEN.keySet()));
    }
}
