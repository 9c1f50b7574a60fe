package com.example.eum.analytics.schema;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AthenaDdlTest {
    /** A row type for a tiny table. */
    static final class Sample {
        String id;
        long at;
        long priceMicros;
    }

    static final TableSchema<Sample> SAMPLE = TableSchema.<Sample>builder("sample", "It's a sample table.")
            .required("id", ColumnType.STRING, "The id; 'quoted' and back\\slashed.", s -> s.id)
            .required("at", ColumnType.TIMESTAMP, "When.", s -> s.at)
            .optional("price_usd", ColumnType.USD, "Price\nin USD.", s -> s.priceMicros)
            .partitionedBy("at", s -> s.at)
            .build();

    @Test
    void rendersTheWholeStatement() {
        assertThat(AthenaDdl.createTable(SAMPLE)).isEqualTo(
                "-- Table sample: generated from schema.Tables by schema.GenerateSchemaFiles; do not edit.\n"
                        + "-- Placeholders: ${database} (Glue database), ${lake_root} (s3://bucket/prefix, no trailing slash); schemas/athena/render.sh replaces them.\n"
                        + "CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`sample` (\n"
                        + "  `id` string COMMENT 'The id; \\'quoted\\' and back\\\\slashed.',\n"
                        + "  `at` timestamp COMMENT 'When.',\n"
                        + "  `price_usd` decimal(18,6) COMMENT 'Price in USD.'\n"
                        + ")\n"
                        + "COMMENT 'It\\'s a sample table.'\n"
                        + "PARTITIONED BY (\n"
                        + "  `dt` string COMMENT 'UTC day (yyyy-MM-dd) of at. Filter on it (as a string) so Athena reads only the days needed.',\n"
                        + "  `hour` string COMMENT 'UTC hour (00-23) of at.'\n"
                        + ")\n"
                        + "STORED AS PARQUET\n"
                        + "LOCATION '${lake_root}/sample/'\n"
                        + "TBLPROPERTIES (\n"
                        + "  'projection.enabled'='true',\n"
                        + "  'projection.dt.type'='date',\n"
                        + "  'projection.dt.format'='yyyy-MM-dd',\n"
                        + "  'projection.dt.range'='2024-01-01,NOW',\n"
                        + "  'projection.dt.interval'='1',\n"
                        + "  'projection.dt.interval.unit'='DAYS',\n"
                        + "  'projection.hour.type'='integer',\n"
                        + "  'projection.hour.range'='0,23',\n"
                        + "  'projection.hour.digits'='2',\n"
                        + "  'storage.location.template'='${lake_root}/sample/dt=${dt}/hour=${hour}/',\n"
                        + "  'parquet.compression'='ZSTD'\n"
                        + ");\n");
    }

    @Test
    void everyLakeTableDeclaresEveryColumnWithItsAthenaType() {
        for (TableSchema<?> t : Tables.all()) {
            AthenaToDuckDb.ExternalTable parsed = AthenaToDuckDb.parseExternalTable(AthenaDdl.createTable(t));
            assertThat(parsed.name).isEqualTo(t.name());
            assertThat(parsed.columns).hasSize(t.columns().size());
            for (int i = 0; i < t.columns().size(); i++) {
                assertThat(parsed.columns.get(i)).containsExactly(t.columns().get(i).name(), t.columns().get(i).type().athenaType());
            }
            assertThat(parsed.partitionColumns).containsExactly(new String[] {"dt", "string"}, new String[] {"hour", "string"});
            assertThat(parsed.location).isEqualTo("${lake_root}/" + t.name() + "/");
        }
    }

    @Test
    void aColumnNamedLikeAPartitionColumnIsRejected() {
        TableSchema<Sample> clash = TableSchema.<Sample>builder("clash", "Has an hour column.")
                .required("hour", ColumnType.INT, "Collides.", s -> 1)
                .partitionedBy("at", s -> s.at)
                .build();
        assertThatThrownBy(() -> AthenaDdl.createTable(clash))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clash: column hour collides with the partition column of the same name");
    }

    @Test
    void projectionTemplateMatchesTheLocation() {
        Map<String, String> props = LakeLayout.tableProperties(Tables.EVENTS);
        assertThat(props.get("storage.location.template")).isEqualTo(LakeLayout.location(Tables.EVENTS) + "dt=${dt}/hour=${hour}/");
        assertThat(props).containsEntry("projection.hour.digits", "2").containsEntry("projection.dt.format", "yyyy-MM-dd");
    }

    @Test
    void latestViewNeedsARevisionAndKnownIdentityColumns() {
        assertThatThrownBy(() -> new LatestRevisionView(Tables.EVENTS, "message_id"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("events has no column revision");
        assertThatThrownBy(() -> new LatestRevisionView(Tables.METRICS_BY_COUNTRY, "window_start", "origination_id"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no column origination_id");
        assertThat(new LatestRevisionView(Tables.METRICS_BY_ORIGINATION, "window_start", "channel", "origination_id").createView())
                .contains("PARTITION BY window_start, channel, origination_id, dt, hour\n      ORDER BY revision DESC")
                .contains("CREATE OR REPLACE VIEW ${database}.metrics_by_origination_latest AS")
                .contains("FROM ${database}.metrics_by_origination m");
    }
}
