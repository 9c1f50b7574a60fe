package com.example.eum.analytics.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

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
        Path lake = GeneratedReplay.replay(dir, "shuffled.jsonl", GeneratedReplay.shuffledLines(dir, traffic, 5));
        GeneratedReplay.assertTotalsEqualTheTruth(lake, traffic);
        // the shuffle really forced late updates: some windows were re-emitted
        assertThat(LakeSummary.rowCount(lake, "metrics_by_country"))
                .isGreaterThan(LakeSummary.latestWindows(lake, "metrics_by_country", "iso_country_code").size());
    }
}
