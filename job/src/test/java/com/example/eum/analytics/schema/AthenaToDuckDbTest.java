package com.example.eum.analytics.schema;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AthenaToDuckDbTest {
    private final AthenaToDuckDb shim = new AthenaToDuckDb(Instant.parse("2026-03-01T00:30:00Z"));

    @Test
    void pinsCurrentTimestamp() {
        assertThat(shim.translate("SELECT CURRENT_TIMESTAMP, current_timestamp"))
                .isEqualTo("SELECT TIMESTAMPTZ '2026-03-01 00:30:00.000+00', TIMESTAMPTZ '2026-03-01 00:30:00.000+00'");
    }

    @Test
    void rewritesNestedDateAddAndDateFormat() {
        assertThat(shim.translate("SELECT date_format(date_add('day', -1, date_add('hour', 2 * 3, x)), '%Y-%m-%d')"))
                .isEqualTo("SELECT strftime(((x + (2 * 3) * INTERVAL '1' HOUR) + (-1) * INTERVAL '1' DAY), '%Y-%m-%d')");
    }

    @Test
    void leavesStringsAndCommentsAlone() {
        assertThat(shim.translate("SELECT 'date_add(' AS s -- current_date here is only a comment\nFROM t"))
                .isEqualTo("SELECT 'date_add(' AS s \nFROM t");
    }

    @Test
    void refusesWhatItCannotTranslateFaithfully() {
        assertThatThrownBy(() -> shim.translate("SELECT now()")).hasMessageContaining("'now(' cannot be pinned");
        assertThatThrownBy(() -> shim.translate("SELECT current_date")).hasMessageContaining("cannot be pinned");
        assertThatThrownBy(() -> shim.translate("SELECT date_format(x, '%Y-%m-%d %H:%i')"))
                .hasMessageContaining("specifier %i means something else");
        assertThatThrownBy(() -> shim.translate("SELECT date_add('quarter', 1, x)")).hasMessageContaining("unit not supported");
    }

    @Test
    void translationsComputeWhatAthenaWould() throws Exception {
        // 2026-03-01 00:30 minus 1 day is in February (2026 is no leap year); minus 1 hour is the previous day
        String sql = shim.translate("SELECT date_format(date_add('day', -1, current_timestamp), '%Y-%m-%d') AS d,"
                + " date_format(date_add('hour', -1, current_timestamp), '%Y-%m-%d %H') AS h,"
                + " date_trunc('day', date_add('day', -7, current_timestamp)) AS w");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (String setup : AthenaToDuckDb.SESSION_SETUP) {
                s.execute(setup);
            }
            try (ResultSet rs = s.executeQuery(sql)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("d")).isEqualTo("2026-02-28");
                assertThat(rs.getString("h")).isEqualTo("2026-02-28 23");
                assertThat(rs.getObject("w", java.time.OffsetDateTime.class).toInstant()).isEqualTo(Instant.parse("2026-02-22T00:00:00Z"));
            }
        }
    }

    @Test
    void externalTableBecomesAViewOverTheLocationSelectingTheDdlColumns() {
        String ddl = AthenaDdl.createTable(AthenaDdlTest.SAMPLE).replace("${database}", "main").replace("${lake_root}", "/data/lake");
        assertThat(shim.translate(ddl)).isEqualTo("CREATE OR REPLACE VIEW \"sample\" AS SELECT \"id\", \"at\", \"price_usd\", "
                + "\"dt\", \"hour\" FROM read_parquet('/data/lake/sample/**/*.parquet', hive_partitioning = true, "
                + "union_by_name = true, hive_types = {'dt': 'VARCHAR', 'hour': 'VARCHAR'})");
    }

    @Test
    void refusesDdlItCannotRead() {
        assertThatThrownBy(() -> AthenaToDuckDb.parseExternalTable("CREATE TABLE x (a int)"))
                .hasMessageContaining("not a CREATE EXTERNAL TABLE");
    }

    @Test
    void aTableWithoutFilesIsTypedAndEmpty() throws Exception {
        // as Athena: a table with nothing written yet (alerts on a quiet day) answers no rows, with the DDL's types
        String ddl = "CREATE EXTERNAL TABLE IF NOT EXISTS `main`.`alerts` (\n  `rule` string COMMENT 'r',\n  `observed_rate` double COMMENT 'o',\n"
                + "  `excess_cost_usd` decimal(18,6) COMMENT 'e',\n  `detected_at` timestamp COMMENT 'd',\n  `latency_histogram` map<int,bigint> COMMENT 'l'\n)\n"
                + "PARTITIONED BY (\n  `dt` string COMMENT 'day',\n  `hour` string COMMENT 'hour'\n)\nSTORED AS PARQUET\nLOCATION '/data/lake/alerts/'";
        String view = shim.emptyTable(ddl);
        assertThat(view).contains("WHERE false").doesNotContain("read_parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute(view);
            try (ResultSet rs = s.executeQuery("SELECT count(*) AS n, sum(excess_cost_usd) AS usd FROM alerts WHERE rule = 'SMS_PUMPING'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("n")).isZero();
            }
            try (ResultSet rs = s.executeQuery("SELECT data_type FROM information_schema.columns WHERE table_name = 'alerts' ORDER BY ordinal_position")) {
                java.util.List<String> types = new java.util.ArrayList<>();
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
                assertThat(types).containsExactly("VARCHAR", "DOUBLE", "DECIMAL(18,6)", "TIMESTAMP", "MAP(INTEGER, BIGINT)", "VARCHAR", "VARCHAR");
            }
        }
    }
}
