package com.example.eum.analytics.cli;

import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.GroundTruth;
import com.example.eum.analytics.generator.LakeVsTruth;
import com.example.eum.analytics.generator.WhatsAppPriceList;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.SumColumn;

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
 * equal to what the generator injected: counts, feedback outcomes and money to the micro-dollar (WhatsApp Meta and
 * AWS fees from the example rate card included; under CBP one conversation fee per conversation id).
 */
class ReplayShuffledTrafficTest {
    @Test
    void perKeyTotalsSurviveAFullyShuffledReplay(@TempDir Path dir) throws Exception {
        // half the WhatsApp messages priced per conversation (CBP, as archived traffic): each conversation pays once
        Map<String, String> traffic = Map.of("rate", "6", "duration", "5m", "drain", "30m", "seed", "23", "countries", "US:2,IN:1,BR:1,DE:1",
                "cbp-share", "0.5");
        Path file = dir.resolve("traffic.jsonl");
        assertThat(quietly("generate", "--output", file.toString(), "--rate", traffic.get("rate"), "--duration", traffic.get("duration"),
                "--drain", traffic.get("drain"), "--seed", traffic.get("seed"), "--countries", traffic.get("countries"),
                "--generator", "cbp-share=" + traffic.get("cbp-share"))).isZero();

        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        Collections.shuffle(lines, new Random(5));
        Path shuffled = Files.createDirectories(dir.resolve("input")).resolve("shuffled.jsonl");
        Files.write(shuffled, lines, StandardCharsets.UTF_8);

        Path lake = dir.resolve("lake");
        assertThat(quietly("replay", "--input", shuffled.toString(), "--output", lake.toString(), "--checkpoint-interval", "1s",
                "--whatsapp-rate-card", "classpath:" + WhatsAppPriceList.EXAMPLE_CARD, "--whatsapp-aws-fee-usd", "0.005")).isZero();

        GroundTruth truth = GroundTruth.of(GeneratorSettings.fromOptions(traffic), WhatsAppPriceList.exampleCard(0.005));
        assertThat(LakeVsTruth.injected(truth, true)).hasSizeGreaterThan(5);
        assertThat(truth.total(Channel.WHATSAPP).get(SumColumn.WHATSAPP_META_FEE_MICROS)).isPositive();
        assertThat(truth.total(Channel.WHATSAPP).get(SumColumn.WHATSAPP_AWS_FEE_MICROS)).isPositive();
        // some conversations held several billable messages: charged per message, the fees would differ
        assertThat(truth.conversationFeesNotCharged).isPositive();
        assertThat(LakeVsTruth.measured(lake, true)).isEqualTo(LakeVsTruth.injected(truth, true));
        assertThat(LakeVsTruth.measured(lake, false)).isEqualTo(LakeVsTruth.injected(truth, false));
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
