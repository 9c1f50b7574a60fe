package com.example.eum.analytics.schema;

import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.ColumnDefinition;
import io.trino.sql.tree.CreateTable;
import io.trino.sql.tree.Property;
import io.trino.sql.tree.TableElement;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The translation trino-check.sh uses to create the lake tables in a real Trino: from the rendered Athena DDL to a
 * Trino Hive-connector {@code CREATE TABLE} with the same columns and types. Runs without a Trino server; the
 * statements are parsed with Trino's own parser.
 */
class AthenaDdlToTrinoTest {
    private final SqlParser trino = new SqlParser();

    @Test
    void deadLettersBecomeAnExternalPartitionedParquetTable() throws Exception {
        assertThat(translate("dead_letters.sql")).isEqualTo("CREATE TABLE \"replay\".\"dead_letters\" (\n"
                + "  \"reason\" varchar,\n"
                + "  \"detail\" varchar,\n"
                + "  \"source\" varchar,\n"
                + "  \"ingest_time\" timestamp,\n"
                + "  \"payload\" varchar,\n"
                + "  \"payload_base64\" boolean,\n"
                + "  \"payload_bytes\" integer,\n"
                + "  \"payload_truncated\" boolean,\n"
                + "  \"dt\" varchar,\n"
                + "  \"hour\" varchar\n"
                + ")\n"
                + "WITH (format = 'PARQUET', external_location = 'local:///lake/dead_letters', "
                + "partitioned_by = ARRAY['dt', 'hour'])");
    }

    @Test
    void everyTableParsesAsTrinoWithTheColumnsOfTables() throws Exception {
        for (TableSchema<?> t : Tables.all()) {
            CreateTable create = (CreateTable) trino.createStatement(translate(t.name() + ".sql"));
            List<String> columns = new ArrayList<>();
            for (TableElement e : create.getElements()) {
                ColumnDefinition c = (ColumnDefinition) e;
                columns.add(c.getName() + " " + withoutSpaces(c.getType().toString().toLowerCase(Locale.ROOT)));
            }
            List<String> expected = new ArrayList<>();
            for (Column<?> c : t.columns()) {
                // DESCRIBE shows timestamp(3): the connector's default precision for a declared timestamp
                expected.add(c.name() + " " + withoutSpaces(AthenaDdlToTrino.describedType(c.type()))
                        .replace("timestamp(3)", "timestamp"));
            }
            expected.add("dt varchar");
            expected.add("hour varchar");
            assertThat(columns).as(t.name()).isEqualTo(expected);
            List<String> properties = new ArrayList<>();
            for (Property p : create.getProperties()) {
                properties.add(p.getName().getValue());
            }
            assertThat(properties).containsExactly("format", "external_location", "partitioned_by");
        }
    }

    @Test
    void hiveTypesMapToTrinoTypes() {
        assertThat(AthenaDdlToTrino.trinoType("string")).isEqualTo("varchar");
        assertThat(AthenaDdlToTrino.trinoType("int")).isEqualTo("integer");
        assertThat(AthenaDdlToTrino.trinoType("decimal(18,6)")).isEqualTo("decimal(18,6)");
        assertThat(AthenaDdlToTrino.trinoType("map<string,string>")).isEqualTo("map(varchar, varchar)");
        assertThat(AthenaDdlToTrino.trinoType("map<string,array<int>>")).isEqualTo("map(varchar, array(integer))");
        assertThatThrownBy(() -> AthenaDdlToTrino.trinoType("struct<a:int>")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nowIsPinnedForTrinoWithoutTouchingOtherText() {
        assertThat(TrinoLakeCheck.pinNow("-- current_timestamp in a comment\nSELECT CURRENT_TIMESTAMP, 'x' FROM t;\n"))
                .isEqualTo("SELECT TIMESTAMP '2026-11-20 12:00:00.000 UTC', 'x' FROM t");
    }

    /** The parser prints {@code decimal(18, 6)}, DESCRIBE {@code decimal(18,6)}. */
    private static String withoutSpaces(String type) {
        return type.replace(" ", "");
    }

    private static String translate(String ddlFile) throws Exception {
        Path ddl = RepoFiles.root().resolve("schemas/athena/tables").resolve(ddlFile);
        RenderScript.Result r = RenderScript.run("local:///lake", "replay", ddl.toString());
        assertThat(r.exit).as(r.out).isZero();
        return AthenaDdlToTrino.createTable("replay", AthenaToDuckDb.parseExternalTable(r.out));
    }
}
