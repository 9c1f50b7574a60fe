package com.example.eum.analytics.cli;

import com.example.eum.analytics.config.ConfigProperties;
import com.example.eum.analytics.config.JobConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Off the service the main class reads {@value ManagedFlinkMain#DEV_PROPERTIES}; that file and the application
 * template's property groups name only properties the job knows, and the dev file reads the streams the data-plane
 * template creates.
 */
class ManagedFlinkMainTest {
    private static Path root() {
        for (Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy")) && Files.isDirectory(p.resolve("job"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root");
    }

    @Test
    void aLocalEnvironmentReadsTheDevPropertiesResource() throws Exception {
        JobConfig cfg = ManagedFlinkMain.loader(new LocalStreamEnvironment(new Configuration())).load();
        assertThat(cfg.output).isEqualTo("out/lake");
        assertThat(cfg.toString()).contains("eum-sms-events").contains("eum-whatsapp-events")
                .contains("eum-message-feedback").contains("http://127.0.0.1:4567");
    }

    /** group -> keys of the dev resource. */
    private static Map<String, List<String>> devGroups() throws Exception {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        try (InputStream in = ManagedFlinkMain.class.getClassLoader().getResourceAsStream(ManagedFlinkMain.DEV_PROPERTIES)) {
            for (JsonNode g : new ObjectMapper().readTree(in)) {
                List<String> keys = new ArrayList<>();
                g.get("PropertyMap").fieldNames().forEachRemaining(keys::add);
                groups.put(g.get("PropertyGroupId").asText(), keys);
            }
        }
        return groups;
    }

    /** group -> keys of the PropertyGroups of deploy/managed-flink.yaml (read line by line: CloudFormation tags). */
    static Map<String, List<String>> templateGroups(String yaml) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Pattern groupLine = Pattern.compile("^\\s*- PropertyGroupId: (\\w+)\\s*$");
        Pattern keyLine = Pattern.compile("^(\\s*)([A-Za-z.]+): .*$");
        String current = null;
        int mapIndent = -1;
        boolean inGroups = false;
        for (String line : yaml.split("\n")) {
            if (line.trim().equals("PropertyGroups:")) {
                inGroups = true;
                continue;
            }
            if (!inGroups) {
                continue;
            }
            Matcher g = groupLine.matcher(line);
            if (g.matches()) {
                current = g.group(1);
                groups.put(current, new ArrayList<>());
                mapIndent = -1;
                continue;
            }
            if (line.trim().equals("PropertyMap:")) {
                continue;
            }
            Matcher k = keyLine.matcher(line);
            if (current != null && k.matches()) {
                int indent = k.group(1).length();
                if (mapIndent < 0) {
                    mapIndent = indent;
                }
                if (indent == mapIndent) {
                    groups.get(current).add(k.group(2));
                    continue;
                }
            }
            if (!line.isBlank() && !line.startsWith(" ".repeat(10))) {
                break; // left the PropertyGroups block
            }
        }
        return groups;
    }

    @Test
    void everyDeployedPropertyIsOneTheJobKnows() throws Exception {
        String yaml = new String(Files.readAllBytes(root().resolve("deploy/managed-flink.yaml")), StandardCharsets.UTF_8);
        Map<String, List<String>> template = templateGroups(yaml);
        assertThat(template.keySet()).containsExactly("Source", "Processing", "Privacy", "Lake", "Alerts");
        assertThat(template.get("Source")).contains("receiptsStream", "whatsappStream", "feedbackStream", "region");
        assertThat(template.get("Alerts")).containsExactly("snsTopicArn");
        for (Map<String, List<String>> file : List.of(template, devGroups())) {
            for (Map.Entry<String, List<String>> g : file.entrySet()) {
                for (String key : g.getValue()) {
                    assertThat(ConfigProperties.find(g.getKey(), key)).as(g.getKey() + "." + key).isPresent();
                }
            }
        }
    }

    @Test
    void devStreamsAreTheDataPlaneDefaults() throws Exception {
        String dataPlane = new String(Files.readAllBytes(root().resolve("deploy/data-plane.yaml")), StandardCharsets.UTF_8);
        Matcher prefix = Pattern.compile("NamePrefix:\\n(?:\\s+.*\\n)*?\\s+Default: (\\S+)").matcher(dataPlane);
        assertThat(prefix.find()).isTrue();
        String p = prefix.group(1);
        for (String suffix : List.of("sms-events", "whatsapp-events", "message-feedback")) {
            assertThat(dataPlane).contains("Name: !Sub ${NamePrefix}-" + suffix);
            assertThat(new ManagedFlinkMainTest().devText()).contains("\"" + p + "-" + suffix + "\"");
        }
    }

    private String devText() throws Exception {
        try (InputStream in = ManagedFlinkMain.class.getClassLoader().getResourceAsStream(ManagedFlinkMain.DEV_PROPERTIES)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
