package com.example.eum.analytics.cli;

import com.example.eum.analytics.generator.GroundTruth;
import com.example.eum.analytics.generator.LakeVsTruth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay (no trustworthy arrival time) of shuffled generated traffic plus three records whose clocks are wrong: a
 * delivery receipt of a message of its own stamped 5 days ahead of the traffic (the very first line of the file, the
 * worst place), one 6 hours ahead, one 40 days behind. None of them may move event time: every other record counts,
 * per-key totals of both metrics tables equal what the generator injected (the truth without those records), the
 * events table holds none of them, and each is one dead letter with its reason.
 */
class ReplayTimestampOutliersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneRecordDaysOrHoursAheadOrFarBehindMovesNothingAndCountsNowhere(@TempDir Path dir) throws Exception {
        Map<String, String> traffic = Map.of("rate", "6", "duration", "5m", "drain", "30m", "seed", "31", "countries", "US:2,IN:1,BR:1");
        List<String> lines = GeneratedReplay.shuffledLines(dir, traffic, 11);
        String receipt = lines.stream().filter(l -> l.startsWith("{\"eventType\":\"TEXT_DELIVERED\"")).findFirst().orElseThrow();
        lines.add(0, shifted(receipt, "outlier-days-ahead", Duration.ofDays(5)));
        lines.add(lines.size() / 2, shifted(receipt, "outlier-hours-ahead", Duration.ofHours(6)));
        lines.add(lines.size() / 3, shifted(receipt, "outlier-far-behind", Duration.ofDays(-40)));
        Path lake = GeneratedReplay.replay(dir, "with-outliers.jsonl", lines);
        GroundTruth truth = GeneratedReplay.assertTotalsEqualTheTruth(lake, traffic);

        assertThat(query(lake, "events", "SELECT count(*) FROM t WHERE message_id LIKE 'outlier-%'")).containsExactly("0");
        assertThat(query(lake, "dead_letters", "SELECT reason || ' ' || regexp_extract(payload, 'outlier-[a-z-]+') FROM t "
                + "WHERE payload LIKE '%outlier-%' ORDER BY 1"))
                .containsExactly("future_timestamp outlier-days-ahead", "future_timestamp outlier-hours-ahead", "late outlier-far-behind");
        // the rest of the traffic lost nothing: the only other dead letters are the generator's malformed records
        assertThat(LakeVsTruth.malformedDeadLetters(lake)).isEqualTo(truth.malformed + 3);
    }

    /** The receipt as another message whose every timestamp is off by {@code by} (a wrong clock, a unit slip). */
    private static String shifted(String line, String messageId, Duration by) throws Exception {
        ObjectNode o = (ObjectNode) JSON.readTree(line);
        o.put("messageId", messageId);
        o.put("eventTimestamp", o.get("eventTimestamp").asLong() + by.toMillis());
        o.put("messageRequestTimestamp", o.get("messageRequestTimestamp").asLong() + by.toMillis());
        return JSON.writeValueAsString(o);
    }

    private static List<String> query(Path lake, String table, String sql) throws Exception {
        String files = LakeSummary.committedFiles(lake.resolve(table)).stream().map(p -> "'" + p + "'").collect(Collectors.joining(","));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("CREATE VIEW t AS SELECT * FROM read_parquet([" + files + "])");
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }
}
