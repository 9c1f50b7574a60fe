package com.example.eum.analytics.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyst notebook runs the tested named queries by file name: every query it names must exist, and every
 * column it reads from a query's result must be one the query's header says it outputs.
 */
class NotebookQueriesTest {
    private static final Pattern RUN = Pattern.compile("run\\(\"([a-z0-9_]+)\"\\)");

    @Test
    void everyQueryTheNotebookRunsExistsAndOutputsTheColumnsItReads() throws Exception {
        Path root = RepoFiles.root();
        JsonNode nb = new ObjectMapper().readTree(root.resolve("notebooks/engagement_overview.ipynb").toFile());
        assertThat(nb.path("nbformat").asInt()).isEqualTo(4);
        List<String> names = new ArrayList<>();
        for (JsonNode cell : nb.path("cells")) {
            StringBuilder src = new StringBuilder();
            cell.path("source").forEach(line -> src.append(line.asText()));
            Matcher m = RUN.matcher(src);
            while (m.find()) {
                String name = m.group(1);
                names.add(name);
                Path query = root.resolve("schemas/athena/queries/" + name + ".sql");
                assertThat(query).as("notebook runs " + name).isRegularFile();
                String header = Files.readString(query).replaceAll("(?m)^-- *", " ");
                Matcher col = Pattern.compile("(?:x|y|values|index|columns)=\"([a-z0-9_]+)\"|sort_values\\(\"([a-z0-9_]+)\"\\)").matcher(src);
                while (col.find()) {
                    String c = col.group(1) != null ? col.group(1) : col.group(2);
                    assertThat(header).as(name + " outputs " + c).containsPattern("\\b" + c + "\\b");
                }
            }
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(7);
    }
}
