package com.example.eum.analytics.generator;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.SumColumn;

import java.util.Locale;
import java.util.Map;

/**
 * Formats the ground truth per (channel, country): messages, delivered %, OTP conversion %, spend (USD, as the
 * tables' spend_usd: price + carrier fee + WhatsApp Meta and AWS fees); optionally side by side with what the job measured ("generator injected vs job measured").
 */
public final class GroundTruthTable {
    private GroundTruthTable() {}

    /** The injected table alone, plus transport totals. */
    public static String format(GroundTruth truth) {
        return format(truth, null);
    }

    /**
     * The injected table; when {@code measured} is given (channel -> country -> counts the job produced), each row
     * also shows the measured values.
     */
    public static String format(GroundTruth truth, Map<Channel, Map<String, GroundTruth.Counts>> measured) {
        StringBuilder sb = new StringBuilder();
        String head = String.format(Locale.ROOT, "%-9s %-3s %9s %8s %8s %11s", "channel", "cc", "messages", "deliv%", "conv%", "spend USD");
        sb.append(head);
        if (measured != null) {
            sb.append(" | ").append(String.format(Locale.ROOT, "%9s %8s %8s %11s", "measured", "deliv%", "conv%", "spend USD"));
        }
        sb.append('\n');
        for (Channel ch : Channel.values()) {
            for (Map.Entry<String, GroundTruth.Counts> e : truth.byCountry(ch).entrySet()) {
                sb.append(String.format(Locale.ROOT, "%-9s %-3s %s", ch, e.getKey(), cells(e.getValue())));
                if (measured != null) {
                    GroundTruth.Counts m = measured.getOrDefault(ch, Map.of()).get(e.getKey());
                    sb.append(" | ").append(m == null ? String.format(Locale.ROOT, "%9s", "-") : cells(m));
                }
                sb.append('\n');
            }
        }
        sb.append(String.format(Locale.ROOT, "records %,d (duplicates %,d, late %,d, malformed %,d)%n", truth.records, truth.duplicates,
                truth.lateRecords, truth.malformed));
        return sb.toString();
    }

    private static String cells(GroundTruth.Counts c) {
        return String.format(Locale.ROOT, "%9d %8s %8s %11.4f", c.get(SumColumn.MESSAGES), pct(c.deliveryRate()), pct(c.conversionRate()),
                (c.get(SumColumn.PRICE_MICROS) + c.get(SumColumn.CARRIER_FEE_MICROS) + c.get(SumColumn.WHATSAPP_FEE_MICROS)) / 1e6);
    }

    private static String pct(double r) {
        return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.1f", r * 100);
    }
}
