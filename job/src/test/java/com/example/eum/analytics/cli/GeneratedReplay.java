package com.example.eum.analytics.cli;

import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.GroundTruth;
import com.example.eum.analytics.generator.LakeVsTruth;
import com.example.eum.analytics.generator.WhatsAppPriceList;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * Generated traffic replayed the way a user would: written by {@code generate}, its lines shuffled, replayed by
 * {@code replay} into a lake, and the lake's per-key totals compared with what the generator injected.
 */
final class GeneratedReplay {
    private GeneratedReplay() {}

    /** The AWS fee per WhatsApp message the replays charge (with the example rate card), and the truth counts. */
    static final double WHATSAPP_AWS_FEE_USD = 0.005;

    /**
     * The lines {@code generate} writes for {@code traffic} (rate, duration, drain, seed, countries, and optionally
     * further generator settings such as cbp-share, the share of WhatsApp traffic priced per conversation, or
     * incident, injected incidents separated by ;), shuffled with {@code seed}.
     */
    static List<String> shuffledLines(Path dir, Map<String, String> traffic, long seed) throws IOException {
        Path file = dir.resolve("traffic.jsonl");
        List<String> args = new ArrayList<>(List.of("generate", "--output", file.toString(), "--rate", traffic.get("rate"),
                "--duration", traffic.get("duration"), "--drain", traffic.get("drain"), "--seed", traffic.get("seed"),
                "--countries", traffic.get("countries")));
        for (Map.Entry<String, String> e : traffic.entrySet()) {
            if (!List.of("rate", "duration", "drain", "seed", "countries").contains(e.getKey())) {
                args.addAll(List.of("--generator", e.getKey() + "=" + e.getValue()));
            }
        }
        assertThat(quietly(args.toArray(new String[0]))).isZero();
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        Collections.shuffle(lines, new Random(seed));
        return lines;
    }

    /**
     * Replays {@code lines} (as one file named {@code name}) into {@code dir/lake}, which it returns; WhatsApp fees
     * from the example rate card plus {@link #WHATSAPP_AWS_FEE_USD}.
     */
    static Path replay(Path dir, String name, List<String> lines) throws IOException {
        Path input = Files.createDirectories(dir.resolve("input")).resolve(name);
        Files.write(input, lines, StandardCharsets.UTF_8);
        Path lake = dir.resolve("lake");
        assertThat(quietly("replay", "--input", input.toString(), "--output", lake.toString(), "--checkpoint-interval", "1s",
                "--whatsapp-rate-card", "classpath:" + WhatsAppPriceList.EXAMPLE_CARD,
                "--whatsapp-aws-fee-usd", Double.toString(WHATSAPP_AWS_FEE_USD))).isZero();
        return lake;
    }

    /**
     * Both metrics tables' per-key totals (latest revision of every window), WhatsApp fees included, equal what the
     * generator injected.
     */
    static GroundTruth assertTotalsEqualTheTruth(Path lake, Map<String, String> traffic) {
        GroundTruth truth = GroundTruth.of(GeneratorSettings.fromOptions(traffic), WhatsAppPriceList.exampleCard(WHATSAPP_AWS_FEE_USD));
        assertThat(LakeVsTruth.injected(truth, true)).hasSizeGreaterThan(5);
        assertThat(LakeVsTruth.measured(lake, true)).isEqualTo(LakeVsTruth.injected(truth, true));
        assertThat(LakeVsTruth.measured(lake, false)).isEqualTo(LakeVsTruth.injected(truth, false));
        return truth;
    }

    /** Runs the command line with standard output discarded; returns the exit code. */
    static int quietly(String... args) {
        PrintStream previous = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return Main.commandLine().execute(args);
        } finally {
            System.setOut(previous);
        }
    }
}
