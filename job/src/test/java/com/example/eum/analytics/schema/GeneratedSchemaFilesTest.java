package com.example.eum.analytics.schema;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in DDL, views, Glue template and docs are exactly what {@link GenerateSchemaFiles} makes from
 * {@link Tables} today: change a table and forget to regenerate, and this fails saying how to regenerate.
 */
class GeneratedSchemaFilesTest {
    private static final Path ROOT = RepoFiles.root();

    @Test
    void checkedInFilesMatchTheSchema() throws IOException {
        List<String> outOfDate = new ArrayList<>();
        for (Map.Entry<String, String> f : GenerateSchemaFiles.files(ROOT).entrySet()) {
            Path p = ROOT.resolve(f.getKey());
            if (!Files.isRegularFile(p)) {
                outOfDate.add(f.getKey() + " (missing)");
            } else if (!new String(Files.readAllBytes(p), StandardCharsets.UTF_8).equals(f.getValue())) {
                outOfDate.add(f.getKey() + " (differs)");
            }
        }
        assertThat(outOfDate)
                .as("generated files are out of date with schema.Tables: run `%s` from the repository root to regenerate",
                        GenerateSchemaFiles.COMMAND)
                .isEmpty();
    }

    @Test
    void noStaleGeneratedFiles() throws IOException {
        Map<String, String> files = GenerateSchemaFiles.files(ROOT);
        for (String dir : GenerateSchemaFiles.generatedSqlDirectories()) {
            try (Stream<Path> list = Files.list(ROOT.resolve(dir))) {
                List<String> stale = list.map(p -> dir + "/" + p.getFileName())
                        .filter(name -> !files.containsKey(name)).collect(Collectors.toList());
                assertThat(stale).as("%s holds files no table generates: run `%s` to remove them", dir, GenerateSchemaFiles.COMMAND)
                        .isEmpty();
            }
        }
    }

    @Test
    void generatesOneDdlPerTableAndOneViewPerMetricsTable() {
        assertThat(GenerateSchemaFiles.files(ROOT).keySet()).containsExactly(
                "schemas/athena/tables/events.sql",
                "schemas/athena/tables/dead_letters.sql",
                "schemas/athena/tables/metrics_by_country.sql",
                "schemas/athena/tables/metrics_by_origination.sql",
                "schemas/athena/tables/metrics_by_carrier.sql",
                "schemas/athena/tables/alerts.sql",
                "schemas/athena/views/metrics_by_country_latest.sql",
                "schemas/athena/views/metrics_by_origination_latest.sql",
                "schemas/athena/views/metrics_by_carrier_latest.sql",
                "deploy/lake-catalog.json",
                "schemas/tables.md");
    }

    @Test
    void mainWritesTheSameFilesIntoARepository(@org.junit.jupiter.api.io.TempDir Path repo) throws IOException {
        Files.createDirectories(repo.resolve("job"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Files.createDirectories(repo.resolve("schemas/athena/tables"));
        Files.writeString(repo.resolve("schemas/athena/tables/dropped_table.sql"), "-- a table Tables no longer defines");
        Files.createDirectories(repo.resolve(AthenaNamedQuery.DIR));
        for (Path q : RepoFiles.athenaSqlFiles("queries")) {
            Files.copy(q, repo.resolve(AthenaNamedQuery.DIR).resolve(q.getFileName()));
        }
        GenerateSchemaFiles.main(new String[] {repo.toString()});
        for (Map.Entry<String, String> f : GenerateSchemaFiles.files(ROOT).entrySet()) {
            assertThat(repo.resolve(f.getKey())).hasContent(f.getValue());
        }
        assertThat(repo.resolve("schemas/athena/tables/dropped_table.sql")).doesNotExist();
    }
}
