package com.example.eum.analytics.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/PROPERTIES.md documents every property exactly once, with the type and default the loader really uses; a
 * property the loader accepts but the file does not list (or the reverse) fails here.
 */
class PropertiesDocumentationTest {

    /** A documented row: type, default, meaning. */
    private static final class Row {
        final String type;
        final String defaultValue;
        final String meaning;

        Row(String type, String defaultValue, String meaning) {
            this.type = type;
            this.defaultValue = defaultValue;
            this.meaning = meaning;
        }
    }

    private static Path doc() {
        Path fromJob = Paths.get("..", "deploy", "PROPERTIES.md");
        return Files.exists(fromJob) ? fromJob : Paths.get("deploy", "PROPERTIES.md");
    }

    /** Table rows whose first cell is a known group, keyed by Group.key. */
    private static Map<String, Row> documented() throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(doc(), StandardCharsets.UTF_8);
        for (String line : lines) {
            String t = line.trim();
            if (!t.startsWith("|") || !t.endsWith("|")) {
                continue;
            }
            String[] cells = t.substring(1, t.length() - 1).split("\\|", -1);
            if (cells.length != 5 || !ConfigProperties.groups().contains(cells[0].trim())) {
                continue;
            }
            String path = cells[0].trim() + "." + cells[1].trim();
            Row previous = rows.put(path, new Row(cells[2].trim(), cells[3].trim().replace("`", ""), cells[4].trim()));
            assertThat(previous).as("documented twice: " + path).isNull();
        }
        return rows;
    }

    @Test
    void everyAcceptedPropertyIsDocumentedWithItsTypeAndDefault() throws IOException {
        Map<String, Row> doc = documented();
        JobConfig defaults = new JobConfig();
        for (ConfigProperty p : ConfigProperties.all()) {
            Row row = doc.get(p.path());
            assertThat(row).as(p.path() + " is accepted by the loader but missing from " + doc()).isNotNull();
            assertThat(row.type).as(p.path() + " type").isEqualTo(p.type());
            assertThat(row.defaultValue).as(p.path() + " default").isEqualTo(p.display(defaults));
            assertThat(row.meaning).as(p.path() + " meaning").isNotBlank();
        }
        assertThat(doc).as("the connector pass-through").containsKey(
                ConfigProperties.SOURCE + "." + ConfigProperties.CONNECTOR_PREFIX + "*");
    }

    @Test
    void nothingIsDocumentedThatTheLoaderDoesNotAccept() throws IOException {
        for (String path : documented().keySet()) {
            int dot = path.indexOf('.');
            String group = path.substring(0, dot);
            String key = path.substring(dot + 1);
            boolean passThrough = group.equals(ConfigProperties.SOURCE) && key.equals(ConfigProperties.CONNECTOR_PREFIX + "*");
            assertThat(passThrough || ConfigProperties.find(group, key).isPresent())
                    .as(path + " is documented but not accepted").isTrue();
        }
    }
}
