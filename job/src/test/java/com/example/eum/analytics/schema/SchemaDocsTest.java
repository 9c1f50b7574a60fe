package com.example.eum.analytics.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaDocsTest {
    @Test
    void rendersAColumnTablePerTableWithPartitionColumns() {
        String md = SchemaDocs.markdown(List.of(AthenaDdlTest.SAMPLE), List.of());
        assertThat(md).contains("## sample\n\nIt's a sample table.\n\nPartitioned by the UTC day and hour of `at`.\n\n"
                + "| column | type | nullable | meaning |\n"
                + "|---|---|---|---|\n"
                + "| `id` | `string` | no | The id; 'quoted' and back\\slashed. |\n"
                + "| `at` | `timestamp` | no | When. |\n"
                + "| `price_usd` | `decimal(18,6)` | yes | Price in USD. |\n"
                + "| `dt` | `string` | no | Partition column. UTC day (yyyy-MM-dd) of at. Filter on it (as a string) so Athena reads only the days needed. |\n"
                + "| `hour` | `string` | no | Partition column. UTC hour (00-23) of at. |\n");
    }

    @Test
    void pipesInDescriptionsDoNotBreakTheTable() {
        assertThat(SchemaDocs.cell("a | b\nc")).isEqualTo("a \\| b c");
    }

    @Test
    void metricsTablesPointToTheirLatestView() {
        String md = SchemaDocs.markdown(Tables.all(), LatestRevisionView.all());
        assertThat(md).contains("Read it through the view `metrics_by_country_latest` "
                + "(only the highest revision of each (window_start, channel, iso_country_code, message_type, use_case)).");
        assertThat(md).contains("Read it through the view `metrics_by_carrier_latest` "
                + "(only the highest revision of each (window_start, channel, iso_country_code, mcc, mnc)).");
        assertThat(md).contains("| `price_usd` | `decimal(18,6)` | no | Sum of totalMessagePrice, once per message, in the window of the message. |");
        for (TableSchema<?> t : Tables.all()) {
            assertThat(md).contains("## " + t.name() + "\n");
        }
    }
}
