package com.example.eum.analytics.cli;

import com.example.eum.analytics.sink.DuckDbLake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The performance guard rail (issue 11): the same generated traffic, replayed, gives exactly the table contents the
 * job gave before the optimisations. {@code replay-golden-digests.txt} was written by this test running on main
 * before any of them (commit 2140bfc); each line is a table, its row count and the MD5 of its rows, every column
 * cast to text, sorted, read back with DuckDB. A change to any value of any row of any table fails the test.
 *
 * <p>The destination hash key is fixed for the run (otherwise destination_hash changes per run). Excluded, because they legitimately differ per run: {@code ingest_time} of {@code events} and of the decoder's
 * and guard's {@code dead_letters} (when the job read the record: wall clock), and with it the dead letters'
 * {@code dt}/{@code hour} partition (derived from it; partition directories are not read as columns in any table).
 * The golden file was re-recorded on main (2140bfc) once partition directories stopped being read as columns: the
 * first version read them and failed when the wall-clock hour of the dead letters changed. It was re-recorded on the
 * same commit once more when the events' context map started to be compared as a map (entries sorted), see TABLES.
 * The metrics tables are compared whole, revision included:
 * an in-order replay at parallelism 1 with the default watermark settings re-emits the same windows every run
 * (checked: three runs of main gave the same digests).
 *
 * <p>To re-record after an intended output change: {@code -Dgolden.write=true} (the file is written into
 * src/test/resources; say why in the commit).
 */
class ReplayGoldenDigestTest {
    private static final String GOLDEN = "replay-golden-digests.txt";
    /** Small enough for the suite, large enough for every family, envelope, duplicate, late and malformed record. */
    private static final Map<String, String> TRAFFIC = Map.of("rate", "20", "duration", "3m", "drain", "10m", "seed", "11",
            "countries", "US:40,IN:30,BR:30");

    /** Table to the SQL that selects its comparable columns (wall-clock columns excluded, see the class comment). */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        // context is a MAP: its entries compared as a set (sorted), since the order a map's entries are written in
        // is not part of its value (the job once wrote them in hash order after a serializer round trip between
        // decode and the sink, and now in the envelope's order)
        TABLES.put("events", "* EXCLUDE (ingest_time, context), list_sort(map_entries(context)) AS context");
        TABLES.put("dead_letters", "* EXCLUDE (ingest_time)");
        TABLES.put("metrics_by_country", "*");
        TABLES.put("metrics_by_origination", "*");
        TABLES.put("metrics_by_carrier", "*");
    }

    @TempDir
    Path dir;

    @Test
    void aReplayOfGeneratedTrafficGivesTheSameRowsInEveryTableAsBeforeTheOptimisations() throws Exception {
        Path file = dir.resolve("traffic.jsonl");
        assertThat(GeneratedReplay.quietly("generate", "--output", file.toString(), "--rate", TRAFFIC.get("rate"),
                "--duration", TRAFFIC.get("duration"), "--drain", TRAFFIC.get("drain"), "--seed", TRAFFIC.get("seed"),
                "--countries", TRAFFIC.get("countries"))).isZero();
        Path lake = dir.resolve("lake");
        // a fixed hash key: without one, destination_hash uses a random key per run
        assertThat(GeneratedReplay.quietly("replay", "--input", file.toString(), "--output", lake.toString(),
                "--set", "Privacy.destinationHashKey=golden-digest-key-for-tests-only-not-a-secret")).isZero();

        StringBuilder measured = new StringBuilder();
        for (Map.Entry<String, String> t : TABLES.entrySet()) {
            measured.append(t.getKey()).append(' ').append(digest(lake.resolve(t.getKey()), t.getValue())).append('\n');
        }
        // the dead letters in full (no personal data in them), so a mismatch can be read in the test output
        for (List<Object> row : DuckDbLake.query("SELECT reason, source, detail, payload FROM read_parquet('"
                + lake.resolve("dead_letters").toAbsolutePath() + "/**/*.parquet') ORDER BY ALL")) {
            System.out.println("dead letter: " + row);
        }
        if (Boolean.getBoolean("golden.write")) {
            Files.writeString(Paths.get("src/test/resources").resolve(GOLDEN), measured.toString(), StandardCharsets.UTF_8);
        }
        assertThat(measured.toString()).isEqualTo(golden());
    }

    /** "rows md5": the row count and the MD5 of the rows (each as DuckDB's text of the row struct), sorted. */
    private static String digest(Path table, String columns) throws Exception {
        // hive partitioning off (DuckDB turns it on by itself for key=value directories): dead letters' dt/hour come
        // from ingest_time, the wall clock; the other tables' partitions follow event-time columns that are compared
        String from = "read_parquet('" + table.toAbsolutePath() + "/**/*.parquet', hive_partitioning=false)";
        List<List<Object>> rows = DuckDbLake.query("SELECT count(*), md5(coalesce(string_agg(r, chr(10) ORDER BY r), '')) FROM "
                + "(SELECT CAST(t AS VARCHAR) AS r FROM (SELECT " + columns + " FROM " + from + ") t)");
        return rows.get(0).get(0) + " " + rows.get(0).get(1);
    }

    private static String golden() throws IOException {
        try (InputStream in = ReplayGoldenDigestTest.class.getResourceAsStream("/" + GOLDEN)) {
            assertThat(in).as(GOLDEN + " on the test classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
