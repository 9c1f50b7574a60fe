package com.example.eum.analytics.sink;

import com.example.eum.analytics.alert.SampleAlerts;
import com.example.eum.analytics.alert.stage.AlertTypeInfo;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.WindowMetrics;
import com.example.eum.analytics.pipeline.PipelineOutputs;
import com.example.eum.analytics.schema.DuckDbTypes;
import com.example.eum.analytics.schema.Column;
import com.example.eum.analytics.schema.TableSchema;
import com.example.eum.analytics.schema.Tables;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.example.eum.analytics.sink.LakeRows.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes rows of every table through {@link LakeSink#attachAll} in a MiniCluster job with checkpointing, then
 * reads the committed files back with DuckDB: types as an analyst sees them, values, partitions, file names.
 */
class LakeSinkRoundTripTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path lake;

    static final long T_0510 = at("2026-11-23T05:10:00.123Z");
    static final long T_2359 = at("2026-11-23T23:59:59.999Z");
    static final long T_0000 = at("2026-11-24T00:00:00Z");

    @BeforeAll
    static void writeLake() throws Exception {
        StreamExecutionEnvironment env = LakeTestJobs.environment(1);

        List<CanonicalEvent> events = Arrays.asList(
                LakeRows.fullEvent("e1", T_0510), LakeRows.sparseEvent("e2", T_2359), LakeRows.whatsAppFailure("e3", T_0000));
        List<DeadLetter> deadLetters = Arrays.asList(
                LakeRows.deadLetter("malformed_json", T_0510, "{\"eventType\":", false),
                LakeRows.deadLetter("empty", T_0000, null, false));
        PipelineOutputs outputs = new PipelineOutputs(
                env.fromData(events, TypeInformation.of(CanonicalEvent.class)),
                env.fromData(deadLetters, TypeInformation.of(DeadLetter.class)),
                env.fromData(List.of(LakeRows.metrics("US", at("2026-11-23T05:05:00Z"), 0)), TypeInformation.of(WindowMetrics.class)),
                env.fromData(List.of(LakeRows.metrics("+12065550100", at("2026-11-23T05:00:00Z"), 1)), TypeInformation.of(WindowMetrics.class)),
                env.fromData(List.of(carrierRow()), TypeInformation.of(WindowMetrics.class)),
                env.fromData(List.of(SampleAlerts.carrierOutage(at("2026-11-23T05:05:00Z")),
                        SampleAlerts.accountSpendSurge(at("2026-11-23T23:55:00Z"))), new AlertTypeInfo()));
        LakeSink.attachAll(outputs, lake.toString() + "/");
        env.execute("lake-round-trip");
    }

    @Test
    void duckDbSeesTheSchemaTypesOfEveryTable() throws Exception {
        for (TableSchema<?> table : Tables.all()) {
            Map<String, String> expected = new LinkedHashMap<>();
            for (Column<?> c : table.columns()) {
                expected.put(c.name(), DuckDbTypes.describedType(c.type()));
            }
            expected.put("dt", "DATE");
            expected.put("hour", "VARCHAR");
            assertThat(DuckDbLake.describe(lake.resolve(table.name()))).as(table.name()).containsExactlyEntriesOf(expected);
        }
        Map<String, String> events = DuckDbLake.describe(lake.resolve("events"));
        assertThat(events).containsEntry("price_usd", "DECIMAL(18,6)")
                .containsEntry("event_time", "TIMESTAMP WITH TIME ZONE")
                .containsEntry("context", "MAP(VARCHAR, VARCHAR)")
                .containsEntry("is_final", "BOOLEAN")
                .containsEntry("message_parts", "INTEGER");
    }

    @Test
    void eventValuesRoundTrip() throws Exception {
        List<List<Object>> rows = DuckDbLake.query("SELECT event_id, channel, status, failure_class, is_final, epoch_ms(event_time),"
                + " epoch_ms(request_time), price_usd, carrier_fee_usd, message_parts, mnc, billable, error_code,"
                + " CAST(cardinality(context) AS BIGINT), CAST(list_sort(map_keys(context)) AS VARCHAR), context['campaign'], epoch_ms(ingest_time),"
                + " CAST(dt AS VARCHAR), hour FROM " + DuckDbLake.table(lake.resolve("events")) + " ORDER BY event_id");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsExactly("e1", "SMS", "DELIVERED", null, true, T_0510,
                T_0510 - 1_250, new BigDecimal("0.005810"), new BigDecimal("0.003020"), 1, "012", null, null,
                2L, "[campaign, track_conversion]", "spring", T_0510 + 2_000, "2026-11-23", "05");
        assertThat(rows.get(1)).containsExactly("e2", null, "FEEDBACK", null, false, T_2359,
                null, null, null, null, null, null, null, 0L, "[]", null, T_2359 + 10, "2026-11-23", "23");
        assertThat(rows.get(2)).containsExactly("e3", "WHATSAPP", "FAILED", "POLICY", true, T_0000,
                null, null, null, null, null, false, 131049, 1L, "[k]", null, T_0000 + 500, "2026-11-24", "00");
        assertThat(DuckDbLake.count("SELECT count(*) FROM " + DuckDbLake.table(lake.resolve("events"))
                + " WHERE event_id = 'e3' AND map_contains(context, 'k') AND context['k'] IS NULL")).isEqualTo(1);
    }

    @Test
    void deadLetterAndMetricsValuesRoundTrip() throws Exception {
        assertThat(DuckDbLake.query("SELECT reason, detail, payload, payload_base64, payload_bytes, payload_truncated,"
                + " epoch_ms(ingest_time), hour FROM " + DuckDbLake.table(lake.resolve("dead_letters")) + " ORDER BY reason"))
                .containsExactly(
                        Arrays.asList("empty", "field eventTimestamp", null, false, 0, false, T_0000, "00"),
                        Arrays.asList("malformed_json", "field eventTimestamp", "{\"eventType\":", false, 13, false, T_0510, "05"));
        assertThat(DuckDbLake.query("SELECT iso_country_code, channel, revision, messages, delivered, failed_blocked,"
                + " delivery_rate, read_rate, price_usd, latency_p95_ms, epoch_ms(window_end) - epoch_ms(window_start), hour"
                + " FROM " + DuckDbLake.table(lake.resolve("metrics_by_country"))))
                .containsExactly(Arrays.asList("US", "SMS", 0, 10L, 7L, 1L, 7.0 / 9.0, null, new BigDecimal("0.058100"), 4_100L, 300_000L, "05"));
        assertThat(DuckDbLake.query("SELECT origination_id, revision, converted, conversion_rate, carrier_fee_usd"
                + " FROM " + DuckDbLake.table(lake.resolve("metrics_by_origination"))))
                .containsExactly(Arrays.asList("+12065550100", 1, 3L, 0.75, new BigDecimal("0.030200")));
    }

    private static WindowMetrics carrierRow() {
        WindowMetrics m = LakeRows.metrics("BR", at("2026-11-23T05:00:00Z"), 0);
        m.mcc = "724";
        m.mnc = "05";
        m.carrierName = "Claro";
        return m;
    }

    @Test
    void carrierAndDimensionColumnsRoundTrip() throws Exception {
        assertThat(DuckDbLake.query("SELECT iso_country_code, mcc, mnc, carrier_name, messages"
                + " FROM " + DuckDbLake.table(lake.resolve("metrics_by_carrier"))))
                .containsExactly(Arrays.asList("BR", "724", "05", "Claro", 10L));
        assertThat(DuckDbLake.query("SELECT message_type, use_case FROM " + DuckDbLake.table(lake.resolve("metrics_by_country"))))
                .containsExactly(Arrays.asList("", ""));
    }

    @Test
    void alertValuesRoundTrip() throws Exception {
        assertThat(DuckDbLake.query("SELECT rule, status, severity, scope, channel, iso_country_code, carrier, use_case,"
                + " epoch_ms(window_start), epoch_ms(detected_at), observed_rate, baseline_rate, observed_usd, messages,"
                + " affected_messages, excess_cost_usd, example_message_ids, json_extract_string(payload, '$.dedup_key'), hour"
                + " FROM " + DuckDbLake.table(lake.resolve("alerts")) + " ORDER BY detected_at"))
                .containsExactly(
                        Arrays.asList("DELIVERY_DROP", "TRIGGERED", "CRITICAL", "CARRIER", "SMS", "IN", "404-45", null,
                                at("2026-11-23T05:05:00Z"), at("2026-11-23T05:10:00Z"), 0.7, 0.05, null, 100L, 65L,
                                new BigDecimal("0.325000"), "m-1,m-2", "DELIVERY_DROP:CARRIER/SMS/IN/-/404-45/-/-", "05"),
                        Arrays.asList("SPEND_SURGE", "UPDATED", "WARNING", "ACCOUNT", null, null, null, null,
                                at("2026-11-23T23:55:00Z"), at("2026-11-24T00:00:00Z"), null, null, 120.5, 4000L, 3300L,
                                new BigDecimal("100.250000"), "", "SPEND_SURGE:ACCOUNT/-/-/-/-/-/-", "00"));
    }

    @Test
    void onlyCommittedPartFilesInHourPartitions() throws Exception {
        Set<String> files;
        try (Stream<Path> walk = Files.walk(lake)) {
            files = walk.filter(Files::isRegularFile).map(p -> lake.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(files).allMatch(f -> f.matches("[a-z_]+/dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}/part-[^/]+\\.parquet"), "committed part file");
        Set<String> partitions = files.stream().map(f -> f.substring(0, f.lastIndexOf('/'))).collect(Collectors.toCollection(TreeSet::new));
        assertThat(partitions).containsExactly(
                "alerts/dt=2026-11-23/hour=05",
                "alerts/dt=2026-11-24/hour=00",
                "dead_letters/dt=2026-11-23/hour=05",
                "dead_letters/dt=2026-11-24/hour=00",
                "events/dt=2026-11-23/hour=05",
                "events/dt=2026-11-23/hour=23",
                "events/dt=2026-11-24/hour=00",
                "metrics_by_carrier/dt=2026-11-23/hour=05",
                "metrics_by_country/dt=2026-11-23/hour=05",
                "metrics_by_origination/dt=2026-11-23/hour=05");
    }
}
