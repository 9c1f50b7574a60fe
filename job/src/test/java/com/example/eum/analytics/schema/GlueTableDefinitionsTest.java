package com.example.eum.analytics.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GlueTableDefinitionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode template() throws Exception {
        return JSON.readTree(GlueTableDefinitions.cloudFormationTemplate(Tables.all()));
    }

    @Test
    void oneGlueTablePerLakeTable() throws Exception {
        JsonNode resources = template().get("Resources");
        List<String> ids = new ArrayList<>();
        resources.fieldNames().forEachRemaining(ids::add);
        assertThat(ids).containsExactly("EventsTable", "DeadLettersTable", "MetricsByCountryTable", "MetricsByOriginationTable",
                "MetricsByCarrierTable", "AlertsTable");
        for (JsonNode r : resources) {
            assertThat(r.get("Type").asText()).isEqualTo("AWS::Glue::Table");
            assertThat(r.at("/Properties/DatabaseName/Ref").asText()).isEqualTo("DatabaseName");
            assertThat(r.at("/Properties/CatalogId/Ref").asText()).isEqualTo("AWS::AccountId");
        }
    }

    @Test
    void tableInputMatchesTheSchemaAndTheDdl() throws Exception {
        for (TableSchema<?> t : Tables.all()) {
            JsonNode input = template().at("/Resources/" + GlueTableDefinitions.logicalId(t) + "/Properties/TableInput");
            assertThat(input.get("Name").asText()).isEqualTo(t.name());
            assertThat(input.get("TableType").asText()).isEqualTo("EXTERNAL_TABLE");
            AthenaToDuckDb.ExternalTable ddl = AthenaToDuckDb.parseExternalTable(AthenaDdl.createTable(t));
            JsonNode columns = input.at("/StorageDescriptor/Columns");
            assertThat(columns).hasSize(ddl.columns.size());
            for (int i = 0; i < columns.size(); i++) {
                assertThat(columns.get(i).get("Name").asText()).isEqualTo(ddl.columns.get(i)[0]);
                assertThat(columns.get(i).get("Type").asText()).isEqualTo(ddl.columns.get(i)[1]);
                assertThat(columns.get(i).get("Comment").asText()).isEqualTo(t.columns().get(i).description());
            }
            JsonNode keys = input.get("PartitionKeys");
            assertThat(keys).hasSize(2);
            assertThat(keys.get(0).get("Name").asText()).isEqualTo("dt");
            assertThat(keys.get(1).get("Name").asText()).isEqualTo("hour");
            assertThat(keys.get(1).get("Type").asText()).isEqualTo("string");
        }
    }

    @Test
    void storageAndProjectionUseCloudFormationSubstitution() throws Exception {
        JsonNode input = template().at("/Resources/MetricsByCountryTable/Properties/TableInput");
        JsonNode sd = input.get("StorageDescriptor");
        assertThat(sd.at("/Location/Fn::Sub").asText()).isEqualTo("${LakeRoot}/metrics_by_country/");
        assertThat(sd.get("InputFormat").asText()).isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
        assertThat(sd.get("OutputFormat").asText()).isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat");
        assertThat(sd.at("/SerdeInfo/SerializationLibrary").asText())
                .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
        JsonNode params = input.get("Parameters");
        // ${!dt} is how Fn::Sub writes a literal ${dt}: Athena then sees the projection variable
        assertThat(params.at("/storage.location.template/Fn::Sub").asText())
                .isEqualTo("${LakeRoot}/metrics_by_country/dt=${!dt}/hour=${!hour}/");
        assertThat(params.get("projection.enabled").asText()).isEqualTo("true");
        assertThat(params.get("projection.dt.range").asText()).isEqualTo("2024-01-01,NOW");
        assertThat(params.get("projection.hour.range").asText()).isEqualTo("0,23");
        assertThat(params.get("classification").asText()).isEqualTo("parquet");
        assertThat(params.get("parquet.compression").asText()).isEqualTo("ZSTD");
        assertThat(template().at("/Parameters/LakeRoot/AllowedPattern").asText()).isEqualTo("^s3://.*[^/]$");
    }

    @Test
    void commentsLongerThanGlueAllowsAreRejected() {
        TableSchema<AthenaDdlTest.Sample> wordy = TableSchema.<AthenaDdlTest.Sample>builder("wordy", "Too much to say.")
                .required("id", ColumnType.STRING, "x".repeat(256), s -> s.id)
                .partitionedBy("at", s -> s.at)
                .build();
        assertThatThrownBy(() -> GlueTableDefinitions.cloudFormationTemplate(List.of(wordy)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wordy.id: Glue accepts at most 255 characters, description has 256; shorten it in schema.Tables");
    }
}
