package com.example.eum.analytics.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** deploy/lake-catalog.json holds every tested query of schemas/athena/queries as a named query, text unchanged. */
class LakeCatalogTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyQueryFileIsANamedQueryInTheLakeDatabaseAndWorkGroup() throws Exception {
        List<Path> files = RepoFiles.athenaSqlFiles("queries");
        assertThat(files).hasSizeGreaterThanOrEqualTo(7);
        JsonNode template = JSON.readTree(RepoFiles.root().resolve(GenerateSchemaFiles.CATALOG).toFile());
        List<String> names = new ArrayList<>();
        for (JsonNode r : template.get("Resources")) {
            if (r.get("Type").asText().equals("AWS::Athena::NamedQuery")) {
                JsonNode p = r.get("Properties");
                names.add(p.get("Name").asText());
                String sql = new String(Files.readAllBytes(RepoFiles.root().resolve(AthenaNamedQuery.DIR)
                        .resolve(p.get("Name").asText() + ".sql")), StandardCharsets.UTF_8);
                assertThat(p.get("QueryString").asText()).isEqualTo(sql);
                assertThat(sql).contains("-- Query: " + p.get("Description").asText());
                assertThat(p.at("/Database/Ref").asText()).isEqualTo("DatabaseName");
                assertThat(p.at("/WorkGroup/Ref").asText()).isEqualTo("WorkGroup");
            }
        }
        List<String> expected = new ArrayList<>();
        for (Path f : files) {
            expected.add(f.getFileName().toString().replace(".sql", ""));
        }
        assertThat(names).containsExactlyElementsOf(expected);
        assertThat(template.at("/Resources/DeliveryRateByCountry24hQuery/Properties/Name").asText())
                .isEqualTo("delivery_rate_by_country_24h");
        assertThat(template.at("/Parameters/WorkGroup/Type").asText()).isEqualTo("String");
    }

    @Test
    void aQueryWithoutItsHeaderLineIsRejectedNamingTheFix(@TempDir Path repo) throws Exception {
        Path dir = Files.createDirectories(repo.resolve(AthenaNamedQuery.DIR));
        Files.writeString(dir.resolve("no_header.sql"), "SELECT 1;\n");
        assertThatThrownBy(() -> AthenaNamedQuery.all(repo))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no_header.sql").hasMessageContaining("-- Query:");
    }
}
