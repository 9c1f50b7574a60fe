package com.example.eum.analytics.pipeline;

import com.example.eum.analytics.cli.LakeSummary;
import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.GroundTruth;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.RawRecord;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.WindowMetrics;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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

    /** The summed columns the totals compare (labelled by their lower-case constant name in expected-totals.txt). */
    static final List<SumColumn> COMPARED = List.of(SumColumn.MESSAGES, SumColumn.DELIVERED, SumColumn.FAILED,
            SumColumn.PENDING, SumColumn.READ, SumColumn.INBOUND, SumColumn.FEEDBACK_TRACKED, SumColumn.CONVERTED,
            SumColumn.FEEDBACK_FAILED, SumColumn.LATE_FEEDBACK, SumColumn.PROTECT_BLOCK_RECOMMENDED, SumColumn.PRICE_MICROS,
            SumColumn.CARRIER_FEE_MICROS, SumColumn.MESSAGE_PARTS);

    /** The job configuration both sides use: defaults, a fixed hash key, 1-minute windows (more windows, more revisions). */
    static JobConfig config() {
        JobConfig cfg = new JobConfig();
        cfg.destinationHashKey = "release-savepoint-hash-key-0123456789abcdef";
        cfg.windowSize = Duration.ofMinutes(1);
        return cfg;
    }

    /** A MiniCluster environment: parallelism 2, 200 ms checkpoints (files commit on checkpoints), no Kryo, no restarts. */
    static StreamExecutionEnvironment environment() {
        return environment("hashmap");
    }

    /** The same with a state backend: {@code hashmap} (MiniCluster default) or {@code rocksdb} (Managed Flink's). */
    static StreamExecutionEnvironment environment(String stateBackend) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.setString("state.backend.type", stateBackend);
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
        JobConfig cfg = config();
        cfg.output = lake.toString();
        EngagementJob.assemble(raw, cfg);
    }

    /**
     * Per-key totals committed to the lake (latest revision of every window), as {@code "table CHANNEL/key" -> "col=v ..."}:
     * metrics_by_country and metrics_by_origination by their key, metrics_by_carrier by {@code country/mcc/mnc/carrier_name}
     * (the ground truth's key). A release's expected totals name the tables it had; {@link #ofTables} restricts these to them.
     */
    static Map<String, String> measured(Path lake) {
        Map<String, String> out = new TreeMap<>();
        measured(out, lake, "metrics_by_country", "iso_country_code");
        measured(out, lake, "metrics_by_origination", "origination_id");
        measured(out, lake, "metrics_by_carrier", "iso_country_code");
        return out;
    }

    private static void measured(Map<String, String> out, Path lake, String table, String keyColumn) {
        Map<String, GroundTruth.Counts> sums = new TreeMap<>();
        boolean byCarrier = "metrics_by_carrier".equals(table);
        for (WindowMetrics w : LakeSummary.latestWindows(lake, table, keyColumn)) {
            String key = byCarrier ? GroundTruth.key(w.key, w.mcc, w.mnc, w.carrierName) : w.key;
            GroundTruth.Counts c = sums.computeIfAbsent(table + " " + w.channel + "/" + key, k -> new GroundTruth.Counts());
            c.add(w);
        }
        sums.forEach((k, c) -> out.put(k, format(c)));
    }

    /** The same totals from the generator's ground truth. */
    static Map<String, String> injected(GroundTruth truth) {
        Map<String, String> out = new TreeMap<>();
        for (Channel ch : Channel.values()) {
            truth.byCountry(ch).forEach((k, c) -> out.put("metrics_by_country " + ch + "/" + k, format(c)));
            truth.byOrigination(ch).forEach((k, c) -> out.put("metrics_by_origination " + ch + "/" + k, format(c)));
            truth.byCarrier(ch).forEach((k, c) -> out.put("metrics_by_carrier " + ch + "/" + k, format(c)));
        }
        return out;
    }

    /** The entries of {@code totals} whose table (the key's first word) is one of {@code tables}. */
    static Map<String, String> ofTables(Map<String, String> totals, java.util.Set<String> tables) {
        Map<String, String> out = new TreeMap<>();
        totals.forEach((k, v) -> {
            if (tables.contains(k.substring(0, k.indexOf(' ')))) {
                out.put(k, v);
            }
        });
        return out;
    }

    static GroundTruth truth() {
        return GroundTruth.of(GeneratorSettings.fromOptions(TRAFFIC));
    }

    /**
     * The compared columns of one key. {@code pending} is pending + outcome_unknown: release 1 had no outcome_unknown,
     * so what its truth calls pending is today's pending + outcome_unknown (today's truth has pending 0 at the end).
     */
    private static String format(GroundTruth.Counts c) {
        StringBuilder b = new StringBuilder();
        for (SumColumn col : COMPARED) {
            long v = c.get(col) + (col == SumColumn.PENDING ? c.get(SumColumn.OUTCOME_UNKNOWN) : 0);
            b.append(b.length() == 0 ? "" : " ").append(col.name().toLowerCase(Locale.ROOT)).append('=').append(v);
        }
        return b.toString();
    }
}
