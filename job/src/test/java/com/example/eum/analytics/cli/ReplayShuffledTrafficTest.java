package com.example.eum.analytics.cli;

import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.GroundTruth;
import com.example.eum.analytics.generator.LakeVsTruth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replayed traffic that is not in this repository, in the worst order: generated records (duplicates, double finals,
 * late receipts, feedback, WhatsApp, malformed lines) are written by {@code generate}, every line is shuffled at
 * random (so feedback often comes before its receipts, finals before pendings, and most windows get late updates),
 * and {@code replay} must still produce per-key totals, in both metrics tables (latest revision of every window),
 * equal to what the generator injected: counts, feedback outcomes and money to the micro-dollar.
 */
class ReplayShuffledTrafficTest {
    @Test
    void perKeyTotalsSurviveAFullyShuffledReplay(@TempDir Path dir) throws Exception {
        Map<String, String> traffic = Map.of("rate", "6", "duration", "5m", "drain", "30m", "seed", "23", "countries", "US:2,IN:1,BR:1,DE:1");
        Path file = dir.resolve("traffic.jsonl");
        assertThat(quietly("generate", "--output", file.toString(), "--rate", traffic.get("rate"), "--duration", traffic.get("duration"),
                "--drain", traffic.get("drain"), "--seed", traffic.get("seed"), "--countries", traffic.get("countries"))).isZero();

        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        Collections.shuffle(lines, new Random(5));
        Path shuffled = Files.createDirectories(dir.resolve("input")).resolve("shuffled.jsonl");
        Files.write(shuffled, lines, StandardCharsets.UTF_8);

        Path lake = dir.resolve("lake");
        assertThat(quietly("replay", "--input", shuffled.toString(), "--output", lake.toString(), "--checkpoint-interval", "1s")).isZero();

        GroundTruth truth = GroundTruth.of(GeneratorSettings.fromOptions(traffic));
        assertThat(LakeVsTruth.injected(truth, true)).hasSizeGreaterThan(5);
        assertThat(LakeVsTruth.measured(lake, true)).isEqualTo(LakeVsTruth.injected(truth, true));
        assertThat(LakeVsTruth.measured(lake, false)).isEqualTo(LakeVsTruth.injected(truth, false));
        // the dimensions: per country x message type x use case, and per carrier network
        Map<String, String> byType = LakeVsTruth.injectedDimensions(truth, false);
        assertThat(byType.keySet()).anyMatch(k -> k.startsWith("SMS/US/TRANSACTIONAL/otp-login"))
                .anyMatch(k -> k.startsWith("SMS/US/PROMOTIONAL/marketing-newsletter"))
                .contains("SMS/US/TRANSACTIONAL/") // EventBridge drops the context, and with it the use case
                .anyMatch(k -> k.startsWith("WHATSAPP/BR/marketing/"));
        assertThat(LakeVsTruth.measuredDimensions(lake, false)).isEqualTo(byType);
        Map<String, String> byCarrier = LakeVsTruth.injectedDimensions(truth, true);
        assertThat(byCarrier.keySet()).contains("SMS/US/310/260/T-Mobile USA", "SMS/BR/724/05/Claro", "SMS/DE/262/01/Telekom Deutschland",
                "WHATSAPP/IN///");
        assertThat(LakeVsTruth.measuredDimensions(lake, true)).isEqualTo(byCarrier);
        // the shuffle really forced late updates: some windows were re-emitted
        assertThat(LakeSummary.rowCount(lake, "metrics_by_country"))
                .isGreaterThan(LakeSummary.latestWindows(lake, "metrics_by_country", "iso_country_code").size());
    }

    private static int quietly(String... args) {
        PrintStream previous = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return Main.commandLine().execute(args);
        } finally {
            System.setOut(previous);
        }
    }
}
