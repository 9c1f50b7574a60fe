package com.example.eum.analytics.cli;

import com.example.eum.analytics.sink.DuckDbLake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerts table end to end: generated traffic with an injected delivery drop in IN, written by {@code generate},
 * replayed by {@code replay}, read back from the lake by DuckDB: a DELIVERY_DROP on IN with a time range around the
 * incident's start; the same traffic without the incident raises nothing critical while it flows.
 *
 * <p>After the traffic stops (50 minutes in), the feedback timeouts of its last hour still mature (a non-conversion
 * counts at request time + 1 h) with no conversions beside them, which CONVERSION_DROP reads as a collapse; the
 * assertions about false alerts cover what is detected while traffic flows (schemas/alerts.md, "In the job").
 */
class ReplayAlertsTest {
    /** The generator's default start. */
    private static final Instant START = Instant.parse("2025-06-02T14:00:00Z");
    private static final String INCIDENT_FROM = "30m";
    private static final Instant INCIDENT_START = START.plusSeconds(30 * 60);
    /** The end of the last window with traffic: 50 minutes of traffic, then only its late outcomes. */
    private static final long TRAFFIC_END = START.plusSeconds(50 * 60).toEpochMilli();

    private static Path replay(Path dir, String incident) throws Exception {
        Path file = dir.resolve("traffic.jsonl");
        List<String> args = new ArrayList<>(List.of("generate", "--output", file.toString(), "--rate", "8",
                "--duration", "50m", "--drain", "70m", "--seed", "7", "--countries", "US:40,IN:30,BR:30"));
        if (incident != null) {
            args.addAll(List.of("--incident", incident));
        }
        assertThat(GeneratedReplay.quietly(args.toArray(new String[0]))).isZero();
        Path lake = dir.resolve("lake");
        assertThat(GeneratedReplay.quietly("replay", "--input", file.toString(), "--output", lake.toString(),
                "--checkpoint-interval", "1s")).isZero();
        return lake;
    }

    private static List<List<Object>> alerts(Path lake, String where) throws Exception {
        if (LakeSummary.committedFiles(lake.resolve("alerts")).isEmpty()) {
            return List.of(); // nothing raised: the sink writes no file
        }
        return DuckDbLake.query("SELECT rule, status, severity, scope, iso_country_code, carrier, use_case,"
                + " epoch_ms(estimated_start), epoch_ms(detected_at), observed_rate, baseline_rate, messages,"
                + " affected_messages, example_message_ids, dedup_key FROM " + DuckDbLake.table(lake.resolve("alerts"))
                + " WHERE " + where + " ORDER BY detected_at, dedup_key");
    }

    @Test
    void anInjectedDeliveryDropInIndiaIsAnAlertInTheLakeAroundItsStart(@TempDir Path dir) throws Exception {
        Path lake = replay(dir, "country=IN,from=" + INCIDENT_FROM + ",delivery=0.3");
        List<List<Object>> drops = alerts(lake, "rule = 'DELIVERY_DROP' AND status = 'TRIGGERED' AND iso_country_code = 'IN'");
        assertThat(drops).as("DELIVERY_DROP on IN").isNotEmpty();
        long incidentStart = INCIDENT_START.toEpochMilli();
        for (List<Object> d : drops) {
            long estimatedStart = (Long) d.get(7);
            long detectedAt = (Long) d.get(8);
            assertThat(d.get(2)).as("severity of " + d).isEqualTo("CRITICAL");
            // the first window of evidence is the incident's window (5-minute windows), detection within 15 minutes
            assertThat(estimatedStart).as("estimated start of " + d).isBetween(incidentStart - 300_000, incidentStart + 300_000);
            assertThat(detectedAt).as("detected at of " + d).isBetween(incidentStart + 300_000, incidentStart + 15 * 60_000);
            // CRITICAL means an outage: the failed share 20 points or more above the key's baseline
            assertThat((Double) d.get(9) - (Double) d.get(10)).as("failed share above baseline").isGreaterThanOrEqualTo(0.2);
            assertThat((Double) d.get(10)).as("baseline failed share").isLessThan(0.15);
            String[] examples = ((String) d.get(13)).split(",");
            assertThat(examples).as("example message ids").hasSizeBetween(10, 50);
        }
        assertThat(drops).extracting(d -> d.get(3)).as("scopes").contains("COUNTRY", "CARRIER");
        // nothing critical on the undisturbed countries and their carriers while traffic flows
        assertThat(alerts(lake, "severity = 'CRITICAL' AND scope IN ('COUNTRY', 'CARRIER') AND iso_country_code <> 'IN'"
                + " AND epoch_ms(detected_at) <= " + TRAFFIC_END)).isEmpty();
    }

    @Test
    void theSameTrafficWithoutTheIncidentRaisesNothingCritical(@TempDir Path dir) throws Exception {
        Path lake = replay(dir, null);
        assertThat(alerts(lake, "severity = 'CRITICAL' AND epoch_ms(detected_at) <= " + TRAFFIC_END)).isEmpty();
        assertThat(alerts(lake, "rule = 'DELIVERY_DROP' AND scope IN ('COUNTRY', 'CARRIER')")).isEmpty();
    }
}
