package com.example.eum.analytics.generator;

import com.example.eum.analytics.cli.LakeSummary;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.WindowMetrics;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-key totals of a lake's metrics table (latest revision of every window) and of the generator's ground truth, as
 * {@code "CHANNEL/key" -> Counts.fingerprint()} maps, so a test compares what the job committed with what was
 * injected in one equals.
 */
public final class LakeVsTruth {
    private LakeVsTruth() {}

    /** What the job committed: {@code metrics_by_country} (key column iso_country_code) or {@code metrics_by_origination}. */
    public static Map<String, String> measured(Path lake, boolean byCountry) {
        return measured(lake, byCountry, Long.MIN_VALUE);
    }

    /** The same, over the windows starting at or after {@code fromWindowStart} (epoch ms) only. */
    public static Map<String, String> measured(Path lake, boolean byCountry, long fromWindowStart) {
        String table = byCountry ? "metrics_by_country" : "metrics_by_origination";
        Map<String, String> out = new TreeMap<>();
        List<WindowMetrics> windows = LakeSummary.latestWindows(lake, table, byCountry ? "iso_country_code" : "origination_id");
        windows.removeIf(w -> w.windowStart < fromWindowStart);
        GroundTruth.measured(windows).forEach((ch, byKey) -> byKey.forEach((k, c) -> out.put(ch + "/" + k, c.fingerprint())));
        return out;
    }

    /**
     * metrics_by_country per {@code CHANNEL/country/message_type/use_case}, or metrics_by_carrier per
     * {@code CHANNEL/country/mcc/mnc/carrier_name} (latest revision of every window).
     */
    public static Map<String, String> measuredDimensions(Path lake, boolean carrier) {
        String table = carrier ? "metrics_by_carrier" : "metrics_by_country";
        List<WindowMetrics> windows = LakeSummary.latestWindows(lake, table, "iso_country_code");
        Map<String, String> out = new TreeMap<>();
        GroundTruth.measured(windows, w -> carrier ? GroundTruth.key(w.key, w.mcc, w.mnc, w.carrierName)
                        : GroundTruth.key(w.key, w.messageType, w.useCase))
                .forEach((ch, byKey) -> byKey.forEach((k, c) -> out.put(ch + "/" + k, c.fingerprint())));
        return out;
    }

    /** What the generator injected, keyed as {@link #measuredDimensions}. */
    public static Map<String, String> injectedDimensions(GroundTruth truth, boolean carrier) {
        Map<String, String> out = new TreeMap<>();
        for (Channel ch : Channel.values()) {
            (carrier ? truth.byCarrier(ch) : truth.byCountryTypeUseCase(ch)).forEach((k, c) -> out.put(ch + "/" + k, c.fingerprint()));
        }
        return out;
    }

    /**
     * Dead letters committed for malformed records: every reason but {@code feedback_without_message}, the one
     * legitimate other kind in generated traffic (OTP feedback whose receipts were still in flight when the
     * generated traffic ended; receipts lag up to 72 h).
     */
    public static long malformedDeadLetters(Path lake) {
        return LakeSummary.deadLettersByReason(lake).entrySet().stream()
                .filter(e -> !e.getKey().equals("feedback_without_message")).mapToLong(Map.Entry::getValue).sum();
    }

    /** What the generator injected, keyed the same way. */
    public static Map<String, String> injected(GroundTruth truth, boolean byCountry) {
        Map<String, String> out = new TreeMap<>();
        for (Channel ch : Channel.values()) {
            (byCountry ? truth.byCountry(ch) : truth.byOrigination(ch)).forEach((k, c) -> out.put(ch + "/" + k, c.fingerprint()));
        }
        return out;
    }
}
