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
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Parquet files built from {@link Tables} have exactly the columns and types the Athena DDL declares. Today the files
 * are DuckDB's (see {@link LakeFixture}); the same {@link ParquetDdlConformance} check is meant for the job's output.
 */
class ParquetDdlConformanceTest {
    @TempDir
    static Path lake;

    private static Connection duckdb;

    @BeforeAll
    static void writeLake() throws SQLException {
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        LakeFixture.write(duckdb, lake);
    }

    @AfterAll
    static void close() throws SQLException {
        duckdb.close();
    }

    @Test
    void everyFileOfEveryTableMatchesItsDdl() throws Exception {
        for (TableSchema<?> t : Tables.all()) {
            List<Path> files = parquetFiles(lake.resolve(t.name()));
            assertThat(files).as(t.name()).isNotEmpty();
            for (Path f : files) {
                assertThat(f.getParent().getFileName().toString()).matches("hour=\\d\\d");
                assertThat(f.getParent().getParent().getFileName().toString()).matches("dt=\\d{4}-\\d\\d-\\d\\d");
                ParquetDdlConformance.assertMatches(duckdb, f, AthenaDdl.createTable(t));
            }
        }
    }

    @Test
    void reportsWrongTypesMissingAndExtraColumnsAndPartitionColumnsInTheFile(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.parquet");
        try (Statement s = duckdb.createStatement()) {
            s.execute("COPY (SELECT 'malformed_json' AS reason, CAST(1.5 AS DOUBLE) AS payload_bytes, 'x' AS extra, "
                    + "'2026-11-20' AS dt, TIMESTAMP '2026-11-20 10:00:00' AS ingest_time) TO '" + bad + "' (FORMAT PARQUET)");
        }
        List<String> problems = ParquetDdlConformance.mismatches(duckdb, bad, AthenaDdl.createTable(Tables.DEAD_LETTERS));
        assertThat(problems).contains(
                "column detail (string) is missing from the file",
                "column payload_bytes is double in the file, int in the DDL",
                "column extra is in the file but not in the DDL (Athena would never read it)",
                "partition column dt must come from the path, not from the file");
        assertThat(problems).anyMatch(p -> p.startsWith("timestamp column ingest_time is not adjusted to UTC"));
        assertThatThrownBy(() -> ParquetDdlConformance.assertMatches(duckdb, bad, AthenaDdl.createTable(Tables.DEAD_LETTERS)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("does not match the DDL of its table");
    }

    @Test
    void reportsAColumnOrderThatDiffersFromTheDdl(@TempDir Path dir) throws Exception {
        Path swapped = dir.resolve("swapped.parquet");
        try (Statement s = duckdb.createStatement()) {
            s.execute(DuckDbTypes.createTable(Tables.DEAD_LETTERS, "swap"));
            s.execute("COPY (SELECT detail, reason, source, ingest_time, payload, payload_base64, payload_bytes, payload_truncated "
                    + "FROM swap) TO '" + swapped + "' (FORMAT PARQUET)");
        }
        assertThat(ParquetDdlConformance.mismatches(duckdb, swapped, AthenaDdl.createTable(Tables.DEAD_LETTERS)))
                .singleElement().asString().startsWith("column order differs");
    }

    private static List<Path> parquetFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".parquet")).sorted().collect(Collectors.toList());
        }
    }
}
