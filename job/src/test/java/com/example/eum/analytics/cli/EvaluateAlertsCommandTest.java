package com.example.eum.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate-alerts}: refuses a run shorter than a week, and writes the figures it printed as JSON. */
class EvaluateAlertsCommandTest {
    @TempDir
    Path dir;

    @Test
    void fewerThanSevenDaysIsAUsageErrorNamingTheOption() {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("evaluate-alerts", "--days", "6")).isEqualTo(2);
        assertThat(err.toString()).contains("--days must be at least 7");
        assertThat(cl.execute("evaluate-alerts", "--seeds", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--seeds must be at least 1");
    }

    @Test
    void writesEveryTargetAndEachSeedsMissesAsJson() throws Exception {
        Path json = dir.resolve("alerts.json");
        assertThat(Main.commandLine().execute("evaluate-alerts", "--days", "7", "--per-class", "1", "--json",
                json.toString())).isZero();
        JsonNode root = new ObjectMapper().readTree(Files.readString(json));
        assertThat(root.get("days").asInt()).isEqualTo(7);
        assertThat(root.get("seeds").get(0).asLong()).isEqualTo(1);
        JsonNode outage = root.get("classes").get("CARRIER_OUTAGE");
        assertThat(outage.get("incidents_per_seed").asInt()).isEqualTo(1);
        assertThat(outage.get("median_delay_min_target").asDouble()).isEqualTo(15.0);
        assertThat(outage.get("median_delay_min_met").asBoolean())
                .isEqualTo(outage.get("median_delay_min").asDouble() <= 15.0);
        JsonNode overall = root.get("overall");
        assertThat(overall.get("precision_target").asDouble()).isEqualTo(0.9);
        JsonNode seed = root.get("per_seed").get(0);
        assertThat(seed.get("false_alerts").asInt()).isEqualTo(seed.get("false").size());
        assertThat(overall.get("false_alerts_per_day").asDouble()).isEqualTo(seed.get("false_alerts").asInt() / 7.0);
    }
}
