package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.WindowMetrics;

/**
 * Builds one metrics row from a window's totals: copies the sums and derives the rates and latency percentiles
 * exactly as the metrics tables document them. Plain Java, so the rules are unit-tested without Flink.
 */
public final class MetricsRow {
    private MetricsRow() {}

    /**
     * The complete row of window [windowStart, windowEnd) for (channel, key) at the given firing.
     *
     * @param revision 0 for the on-time firing, +1 for each late re-firing
     * @param watermark the watermark when the row was produced (epoch ms)
     */
    public static WindowMetrics of(long windowStart, long windowEnd, Channel channel, String key, int revision,
                                   long watermark, MetricsAccumulator acc) {
        WindowMetrics m = new WindowMetrics();
        m.windowStart = windowStart;
        m.windowEnd = windowEnd;
        m.channel = channel;
        m.key = key;
        m.revision = revision;
        m.carrierName = acc.carrierName == null ? "" : acc.carrierName;
        m.emittedAtWatermark = watermark;
        for (SumColumn c : SumColumn.values()) {
            m.set(c, acc.get(c));
        }
        long delivered = m.get(SumColumn.DELIVERED);
        m.deliveryRate = ratio(delivered, delivered + m.get(SumColumn.FAILED) - m.get(SumColumn.FAILED_PROTECT_BLOCKED));
        long messages = m.get(SumColumn.MESSAGES);
        m.protectBlockedRate = ratio(m.get(SumColumn.PROTECT_BLOCKED), messages);
        m.protectRecommendedRate = ratio(m.get(SumColumn.PROTECT_BLOCK_RECOMMENDED), messages);
        m.readRate = ratio(m.get(SumColumn.READ), delivered);
        long converted = m.get(SumColumn.CONVERTED);
        m.conversionRate = ratio(converted, converted + m.get(SumColumn.FEEDBACK_FAILED));
        m.latencyCount = acc.latency.count;
        m.latency = acc.latency;
        m.latencyP50Ms = acc.latency.quantile(0.5);
        m.latencyP95Ms = acc.latency.quantile(0.95);
        return m;
    }

    /** numerator / denominator, or null when the denominator is not positive (no outcome in this window). */
    static Double ratio(long numerator, long denominator) {
        return denominator > 0 ? (double) numerator / denominator : null;
    }
}
