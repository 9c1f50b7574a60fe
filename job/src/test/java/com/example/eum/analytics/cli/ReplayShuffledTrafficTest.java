package com.example.eum.analytics.cli;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.decode.DecoderSettings;
import com.example.eum.analytics.decode.RecordDecoder;
import com.example.eum.analytics.generator.GroundTruth;
import com.example.eum.analytics.generator.LakeVsTruth;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.RawRecord;
import com.example.eum.analytics.model.SumColumn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        List<String> shuffled = GeneratedReplay.shuffledLines(dir, traffic, 5);
        // the shuffle really is the worst order: most events arrive after the event-time frontier has passed the end
        // of their window by more than the out-of-orderness, i.e. they can only land as late updates of a window.
        // (Whether such a window had already fired depends on when the periodic watermark ran: that is timing, so the
        // re-emission itself is proven by MetricsWindowsHarnessTest, and here the totals must come out right anyway.)
        assertThat(behindTheirWindow(shuffled)).isGreaterThan(shuffled.size() / 2);
        Path lake = GeneratedReplay.replay(dir, "shuffled.jsonl", shuffled);
        GroundTruth truth = GeneratedReplay.assertTotalsEqualTheTruth(lake, traffic);
        assertThat(truth.total(Channel.WHATSAPP).get(SumColumn.WHATSAPP_META_FEE_MICROS)).isPositive();
        assertThat(truth.total(Channel.WHATSAPP).get(SumColumn.WHATSAPP_AWS_FEE_MICROS)).isPositive();
        // some conversations held several billable messages: charged per message, the fees would differ
        assertThat(truth.conversationFeesNotCharged).isPositive();
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
    }

    /** How many of the lines' events come after the frontier passed their window's end plus the out-of-orderness. */
    private static long behindTheirWindow(List<String> lines) {
        JobConfig defaults = new JobConfig();
        long window = defaults.windowSize.toMillis();
        long slack = defaults.maxOutOfOrderness.toMillis();
        RecordDecoder decoder = new RecordDecoder(new DecoderSettings("k".repeat(32).getBytes(StandardCharsets.UTF_8), false));
        long frontier = Long.MIN_VALUE;
        long behind = 0;
        for (String line : lines) {
            for (CanonicalEvent e : decoder.decode(new RawRecord(line.getBytes(StandardCharsets.UTF_8), "test", 0L)).events()) {
                long windowEnd = e.eventTime - Math.floorMod(e.eventTime, window) + window;
                if (frontier != Long.MIN_VALUE && windowEnd + slack <= frontier) {
                    behind++;
                }
                frontier = Math.max(frontier, e.eventTime);
            }
        }
        return behind;
    }
}
