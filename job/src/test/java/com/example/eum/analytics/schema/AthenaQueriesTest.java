package com.example.eum.analytics.schema;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every query of schemas/athena/queries, unchanged but for the {@link AthenaToDuckDb} dialect shim, against the
 * Parquet lake of {@link LakeFixture}, through the generated table DDL and views rendered by schemas/athena/render.sh,
 * and checks each answer against numbers worked out by hand from the fixture (the arithmetic is in the comments).
 * Rows are compared as text: {@code |}-separated, decimals without trailing zeros, timestamps as UTC instants.
 */
class AthenaQueriesTest {

    @TempDir
    static Path lake;

    private static AthenaSession session;

    @BeforeAll
    static void createLakeTablesAndViews() throws Exception {
        try (Connection writer = DriverManager.getConnection("jdbc:duckdb:")) {
            LakeFixture.write(writer, lake);
        }
        session = new AthenaSession(lake, LakeFixture.NOW);
    }

    @AfterAll
    static void close() throws SQLException {
        session.close();
    }

    @Test
    void everyQueryFileIsCheckedHere() throws IOException {
        Set<String> files = new TreeSet<>();
        for (Path q : RepoFiles.athenaSqlFiles("queries")) {
            files.add(q.getFileName().toString());
        }
        assertThat(files).containsExactlyInAnyOrder(
                "delivery_rate_by_country_24h.sql",
                "conversion_vs_baseline_by_country.sql",
                "cost_per_origination_daily.sql",
                "top_failure_classes_24h.sql",
                "whatsapp_funnel_24h.sql",
                "sms_pumping_suspects.sql",
                "dead_letters_by_reason_24h.sql",
                "protect_by_country_24h.sql",
                "cost_by_country_daily.sql",
                "latency_by_country_daily.sql",
                "alert_incidents_24h.sql");
    }

    @Test
    void everyQueryDocumentsItselfPrunesPartitionsAndReadsLatestMetrics() throws IOException {
        for (Path q : RepoFiles.athenaSqlFiles("queries")) {
            String sql = Files.readString(q);
            assertThat(sql).as(q.toString())
                    .startsWith("-- Query: ")
                    .contains("-- Answers: ", "-- Reads: ", "-- Parameters", "-- Output: ")
                    .contains("dt >= date_format(", "dt <= date_format(current_timestamp, '%Y-%m-%d')", "current_timestamp");
            assertThat(AthenaToDuckDb.stripLineComments(sql)).as(q + " reads metrics only through the _latest views")
                    .doesNotContainPattern("metrics_by_(country|origination)\\b(?!_latest)");
        }
    }

    @Test
    void latestViewsKeepOnlyTheHighestRevision() throws Exception {
        // 20 country rows, of which 3 superseded (DE 11-14, DE 11-20 09:00, ID 11-19 20:00); 10 origination rows, 2 superseded
        assertThat(rows("SELECT count(*) FROM metrics_by_country")).containsExactly("20");
        assertThat(rows("SELECT count(*) FROM metrics_by_country_latest")).containsExactly("17");
        assertThat(rows("SELECT count(*) FROM metrics_by_origination_latest")).containsExactly("8");
        assertThat(rows("SELECT revision, messages, delivered FROM metrics_by_country_latest "
                + "WHERE iso_country_code = 'DE' AND window_start = TIMESTAMPTZ '2026-11-20 09:00:00+00'"))
                .containsExactly("1|50|42");
    }

    @Test
    void deliveryRateByCountry24h() throws Exception {
        // DE: windows 11-19 18:00 (60 msgs, 50 delivered, 5 failed) + 11-20 09:00 rev 1 (50, 42, 6); 92 / 103 = 0.8932
        // FR 28/30; ID 145+45 / (145+45+5+5) = 0.95; NG 8/10; WhatsApp BR 36/40, ID 480/500
        assertThat(query("delivery_rate_by_country_24h.sql")).containsExactly(
                "SMS|DE|110|92|11|0.9293", // 92 / (92 + 11 - 4 Protect blocks)
                "SMS|FR|30|28|2|0.9333",
                "SMS|ID|200|190|10|0.95",
                "SMS|NG|10|8|2|0.8",
                "WHATSAPP|BR|40|36|4|0.9",
                "WHATSAPP|ID|500|480|20|0.96");
    }

    @Test
    void conversionAgainstSevenDayBaseline() throws Exception {
        // DE 24 h: converted 25+25 of 105 = 0.4762; baseline 11-14 rev 1 (320 of 420) + 11-19 11:55 (200 of 280) = 520/700
        //   = 0.7429 (the 11-12 08:00 window is before the baseline); change -26.67 pp
        // ID 80/200 = 0.4 vs 560/700 = 0.8: -40 pp; FR 21/30 = 0.7 vs 50/70: -1.43 pp; NG 1/10 vs 7/7: -90 pp
        // WhatsApp ID: 0/100 with no baseline: change null, listed last
        assertThat(query("conversion_vs_baseline_by_country.sql")).containsExactly(
                "SMS|NG|10|0.1|7|1.0|-90.0",
                "SMS|ID|200|0.4|700|0.8|-40.0",
                "SMS|DE|105|0.4762|700|0.7429|-26.67",
                "SMS|FR|30|0.7|70|0.7143|-1.43",
                "WHATSAPP|ID|100|0.0|0|null|null");
    }

    @Test
    void costPerOriginationPerDay() throws Exception {
        // range starts 2026-11-13 00:00 (inclusive), ends before now (the ACME window at 12:00 is out)
        // 11-19 +15550100001: 10:00 (10 msgs, 0.0645 + 0.003) + 15:00 rev 1 (6, 0.0387 + 0.0018) = 16, 0.108 -> 0.00675 each
        // 11-20 ACME rev 1: 0.30 + 0.06 = 0.36 for 3 messages
        assertThat(query("cost_per_origination_daily.sql")).containsExactly(
                "2026-11-13|SMS|+15550100001|2|0.0129|0.0006|0|0.0135|0.00675",
                "2026-11-19|SMS|+15550100001|16|0.1032|0.0048|0|0.108|0.00675",
                "2026-11-19|WHATSAPP|+15550109999|20|0|0|0.5125|0.5125|0.025625",
                "2026-11-20|SMS|+15550100001|4|0.0258|0.0012|0|0.027|0.00675",
                "2026-11-20|SMS|ACME|3|0.3|0.06|0|0.36|0.12");
    }

    @Test
    void protectBlocksAndRecommendationsByCountry() throws Exception {
        // last 24 h: DE 11-19 18:00 (60 msgs; blocked 3, recommended 2 monitor + 3 filter) + 11-20 09:00 rev 1
        // (50; blocked 1, recommended 4 monitor; rev 0's 9 superseded); the 11:55 window is before the period.
        // DE: 110 msgs, blocked 4 = 3.64 %, recommended 9 (6 monitor, 3 filter) = 8.18 %.
        // ID: 11-19 20:00 rev 1 (150) + 11-20 03:00 (50, 5 monitor) = 200 msgs, recommended 5 = 2.5 %. Others: no Protect.
        assertThat(query("protect_by_country_24h.sql")).containsExactly(
                "SMS|DE|110|4|3.64|9|6|3|8.18",
                "SMS|ID|200|0|0.0|5|5|0|2.5");
    }

    @Test
    void costByCountryDailyPutsEveryChannelsSpendInOneColumn() throws Exception {
        // range 2026-11-13 00:00 to now (11-20 12:00); country windows of the fixture by day (latest revisions):
        // 11-19 SMS DE: 11:55 (280) + 18:00 (60, price 0.387, carrier 0.018) = 340 msgs, spend 0.405, 0.001191 each
        // 11-19 WHATSAPP ID: 500 msgs, Meta 10 + AWS 2.5 = 12.5, 0.025 each; 11-20 WHATSAPP BR: 40, 1.0 + 0.2 = 1.2, 0.03
        assertThat(query("cost_by_country_daily.sql")).containsExactly(
                "2026-11-13|SMS|NG|7|0|0|0|0|0|0.0",
                "2026-11-14|SMS|DE|420|0|0|0|0|0|0.0",
                "2026-11-15|SMS|ID|350|0|0|0|0|0|0.0",
                "2026-11-16|SMS|FR|70|0|0|0|0|0|0.0",
                "2026-11-18|SMS|ID|350|0|0|0|0|0|0.0",
                "2026-11-19|SMS|DE|340|0.387|0.018|0|0|0.405|0.001191",
                "2026-11-19|SMS|ID|150|0|0|0|0|0|0.0",
                "2026-11-19|WHATSAPP|ID|500|0|0|10|2.5|12.5|0.025",
                "2026-11-20|SMS|DE|50|0|0|0|0|0|0.0",
                "2026-11-20|SMS|FR|30|0|0|0|0|0|0.0",
                "2026-11-20|SMS|ID|50|0|0|0|0|0|0.0",
                "2026-11-20|SMS|NG|10|0|0|0|0|0|0.0",
                "2026-11-20|WHATSAPP|BR|40|0|0|1|0.2|1.2|0.03");
    }

    @Test
    void dailyLatencyPercentilesFromTheSketchesMatchTheExactPercentilesOfAllSamplesWithin1Percent() throws Exception {
        // 11-19 SMS DE: both windows' samples together; SMS ID: revision 1 only (revision 0 is superseded)
        long[] de = java.util.stream.LongStream.concat(java.util.Arrays.stream(LakeFixture.LATENCIES_DE_1155),
                java.util.Arrays.stream(LakeFixture.LATENCIES_DE_1800)).toArray();
        long[] id = LakeFixture.LATENCIES_ID_2000;
        List<String> rows = query("latency_by_country_daily.sql");
        assertThat(rows).hasSize(2);
        assertPercentiles(rows.get(0), "2026-11-19|SMS|DE", de);
        assertPercentiles(rows.get(1), "2026-11-19|SMS|ID", id);
        // the exact nearest-rank values, computed by hand from the 9 DE samples: p50 = 1,200 (5th), p95 = 76,000 (9th)
        assertThat(nearestRank(de, 0.5)).isEqualTo(1_200);
        assertThat(nearestRank(de, 0.95)).isEqualTo(76_000);
    }

    private static void assertPercentiles(String row, String key, long[] samples) {
        String[] cells = row.split("\\|");
        assertThat(cells[0] + "|" + cells[1] + "|" + cells[2]).isEqualTo(key);
        assertThat(Long.parseLong(cells[3])).isEqualTo(samples.length);
        assertThat((double) Long.parseLong(cells[4])).as(key + " p50").isCloseTo(nearestRank(samples, 0.5),
                org.assertj.core.data.Percentage.withPercentage(1));
        assertThat((double) Long.parseLong(cells[5])).as(key + " p95").isCloseTo(nearestRank(samples, 0.95),
                org.assertj.core.data.Percentage.withPercentage(1));
    }

    /** The value at rank ceil(q * n) of the sorted samples: an independent computation, no sketch involved. */
    private static long nearestRank(long[] samples, double q) {
        long[] sorted = samples.clone();
        java.util.Arrays.sort(sorted);
        return sorted[(int) Math.max(1, Math.ceil(q * sorted.length)) - 1];
    }

    @Test
    void topFailureClassesByCountryAndCarrier() throws Exception {
        // ID Telkomsel BLOCKED m5 m6 m7 (m9 is before the period); DE Telekom BLOCKED m1 (twice delivered) m2 (m10 not final);
        // m3's first final is UNREACHABLE (its later EXPIRED is ignored); DE has 4 failed messages, ID 4, BR 1 (WhatsApp w5)
        assertThat(query("top_failure_classes_24h.sql")).containsExactly(
                "BLOCKED|ID|Telkomsel|3|75.0",
                "BLOCKED|DE|Telekom|2|50.0",
                "POLICY|BR|unknown|1|100.0",
                "UNREACHABLE|DE|Telekom|1|25.0",
                "INVALID|DE|Vodafone|1|25.0",
                "UNREACHABLE|ID|Indosat|1|25.0");
    }

    @Test
    void whatsappFunnel() throws Exception {
        // BR cohort w1..w5 (w6 first seen 30 h ago, w9 inbound, w10 after now): sent 5 (w4 by its delivery),
        // delivered w1 w2 w4 = 3, read w1 w4 = 2, failed w5; IN: w7 (read) and w8 (delivered)
        assertThat(query("whatsapp_funnel_24h.sql")).containsExactly(
                "BR|5|5|3|2|1|0.6|0.6667",
                "IN|2|2|2|1|0|1.0|0.5");
    }

    @Test
    void smsPumpingSuspectsWithDefaultThresholds() throws Exception {
        // ID: 200 vs 700/7 = 100 a day (x2.0), conversion 0.4 vs 0.8 (x0.5). DE x1.1 (volume steady), FR x3.0 but
        // conversion x0.98, NG only 10 messages; WhatsApp ID ignored (channel SMS)
        assertThat(query("sms_pumping_suspects.sql")).containsExactly("ID|200|100.0|2.0|0.4|0.8|0.5");
    }

    @Test
    void smsPumpingSuspectsWithLowerVolumeFloor() throws Exception {
        String sql = Files.readString(RepoFiles.root().resolve("schemas/athena/queries/sms_pumping_suspects.sql"));
        assertThat(sql).contains("20 AS min_messages_24h");
        // NG: 10 vs 7/7 = 1 a day (x10), conversion 0.1 vs 1.0
        assertThat(run(sql.replace("20 AS min_messages_24h", "5 AS min_messages_24h"))).containsExactly(
                "NG|10|1.0|10.0|0.1|1.0|0.1",
                "ID|200|100.0|2.0|0.4|0.8|0.5");
    }

    @Test
    void deadLettersByReason24h() throws Exception {
        assertThat(query("dead_letters_by_reason_24h.sql")).containsExactly(
                "malformed_json|3|2|600|0|2026-11-19T13:00:00Z|2026-11-20T11:59:59Z",
                "late|2|1|1200|0|2026-11-19T20:00:00Z|2026-11-20T06:00:00Z",
                "unknown_family|1|1|20000|1|2026-11-20T10:00:00Z|2026-11-20T10:00:00Z");
    }

    @Test
    void alertIncidentsOfTheLastDayAreOneRowEachLoudestFirstWithTheirLastStatus() throws Exception {
        // rule|severity|scope|channel|country|carrier|origination|use case|estimated start|first|last|last status|messages|affected|excess|incident
        assertThat(query("alert_incidents_24h.sql")).containsExactly(
                "DELIVERY_DROP|CRITICAL|CARRIER|SMS|IN|404-45|null|null|2026-11-20T08:00:00Z|2026-11-20T08:05:00Z|2026-11-20T10:30:00Z|RESOLVED|3|1100|5.5|in-outage",
                "CONVERSION_DROP|CRITICAL|COUNTRY|SMS|BR|null|null|otp|2026-11-20T10:55:00Z|2026-11-20T11:00:00Z|2026-11-20T11:30:00Z|UPDATED|2|95|null|br-conversion");
    }

    // ---- helpers ----

    private static List<String> query(String file) throws Exception {
        return session.query(file);
    }

    private static List<String> run(String athenaSql) throws SQLException {
        return session.run(athenaSql);
    }

    private static List<String> rows(String duckDbSql) throws SQLException {
        return session.rows(duckDbSql);
    }
}
