package com.example.eum.analytics.pipeline;

import com.example.eum.analytics.cli.LakeSummary;
import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.GroundTruth;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.RawRecord;
import com.example.eum.analytics.model.WindowMetrics;
import com.example.eum.analytics.sink.LakeSink;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The job, input and totals of the savepoints committed under {@code src/test/resources/savepoints/} (one per
 * release, README there): {@link WriteReleaseSavepoint} writes one with the code of the day, the restore tests
 * restore them with the code of today. Both sides build the job here, so they agree on the configuration, the
 * source and the operator uids that the savepoint's state belongs to.
 */
final class ReleaseSavepoint {
    private ReleaseSavepoint() {}

    /** The generated traffic of the input file (also the ground truth's settings). */
    static final Map<String, String> TRAFFIC = Map.of("rate", "1", "duration", "5m", "drain", "10m", "seed", "8",
            "countries", "US:2,IN:1,BR:1");

    /** The summed columns the totals compare, with how to read them from a lake row and from the ground truth. */
    static final Map<String, ToLongFunction<WindowMetrics>> MEASURED = new LinkedHashMap<>();
    static final Map<String, ToLongFunction<GroundTruth.Counts>> INJECTED = new LinkedHashMap<>();

    static {
        column("messages", w -> w.messages, c -> c.messages);
        column("delivered", w -> w.delivered, c -> c.delivered);
        column("failed", w -> w.failed, c -> c.failed);
        column("pending", w -> w.pending, c -> c.pending);
        column("read", w -> w.read, c -> c.read);
        column("inbound", w -> w.inbound, c -> c.inbound);
        column("feedback_tracked", w -> w.feedbackTracked, c -> c.feedbackTracked);
        column("converted", w -> w.converted, c -> c.converted);
        column("feedback_failed", w -> w.feedbackFailed, c -> c.feedbackFailed);
        column("late_feedback", w -> w.lateFeedback, c -> c.lateFeedback);
        column("protect_block_recommended", w -> w.protectBlockRecommended, c -> c.protectBlockRecommended);
        column("price_micros", w -> w.priceMicros, c -> c.priceMicros);
        column("carrier_fee_micros", w -> w.carrierFeeMicros, c -> c.carrierFeeMicros);
        column("message_parts", w -> w.messageParts, c -> c.parts);
    }

    private static void column(String name, ToLongFunction<WindowMetrics> measured, ToLongFunction<GroundTruth.Counts> injected) {
        MEASURED.put(name, measured);
        INJECTED.put(name, injected);
    }

    /** The job configuration both sides use: defaults, a fixed hash key, 1-minute windows (more windows, more revisions). */
    static JobConfig config() {
        JobConfig cfg = new JobConfig();
        cfg.destinationHashKey = "release-savepoint-hash-key-0123456789abcdef";
        cfg.windowSize = Duration.ofMinutes(1);
        return cfg;
    }

    /** A MiniCluster environment: parallelism 2, 200 ms checkpoints (files commit on checkpoints), no Kryo, no restarts. */
    static StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.getConfig().disableGenericTypes();
        env.enableCheckpointing(200);
        env.setParallelism(2);
        return env;
    }

    /** The whole job (pipeline and the lake's sinks) over lines [from, to) of the input file. */
    static void build(StreamExecutionEnvironment env, Path input, int from, int to, boolean holdOpen, Path lake) {
        DataStream<RawRecord> raw = env.addSource(new SavepointInputSource(input, from, to, holdOpen), "savepoint-input",
                        TypeInformation.of(RawRecord.class))
                .setParallelism(1)
                .uid("savepoint-input");
        LakeSink.attachAll(EngagementPipeline.build(raw, config()), lake.toString());
    }

    /** Per-key totals committed to the lake (latest revision of every window), as {@code "table CHANNEL/key" -> "col=v ..."}. */
    static Map<String, String> measured(Path lake) {
        Map<String, String> out = new TreeMap<>();
        measured(out, lake, "metrics_by_country", "iso_country_code");
        measured(out, lake, "metrics_by_origination", "origination_id");
        return out;
    }

    private static void measured(Map<String, String> out, Path lake, String table, String keyColumn) {
        Map<String, long[]> sums = new TreeMap<>();
        List<ToLongFunction<WindowMetrics>> columns = List.copyOf(MEASURED.values());
        for (WindowMetrics w : LakeSummary.latestWindows(lake, table, keyColumn)) {
            long[] s = sums.computeIfAbsent(table + " " + w.channel + "/" + w.key, k -> new long[columns.size()]);
            for (int i = 0; i < columns.size(); i++) {
                s[i] += columns.get(i).applyAsLong(w);
            }
        }
        sums.forEach((k, s) -> out.put(k, format(s)));
    }

    /** The same totals from the generator's ground truth. */
    static Map<String, String> injected(GroundTruth truth) {
        Map<String, String> out = new TreeMap<>();
        List<ToLongFunction<GroundTruth.Counts>> columns = List.copyOf(INJECTED.values());
        for (Channel ch : Channel.values()) {
            truth.byCountry(ch).forEach((k, c) -> out.put("metrics_by_country " + ch + "/" + k, format(columns, c)));
            truth.byOrigination(ch).forEach((k, c) -> out.put("metrics_by_origination " + ch + "/" + k, format(columns, c)));
        }
        return out;
    }

    static GroundTruth truth() {
        return GroundTruth.of(GeneratorSettings.fromOptions(TRAFFIC));
    }

    private static String format(List<ToLongFunction<GroundTruth.Counts>> columns, GroundTruth.Counts c) {
        long[] s = new long[columns.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = columns.get(i).applyAsLong(c);
        }
        return format(s);
    }

    private static String format(long[] s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (String name : MEASURED.keySet()) {
            b.append(i == 0 ? "" : " ").append(name).append('=').append(s[i++]);
        }
        return b.toString();
    }
}
