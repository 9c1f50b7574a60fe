package com.example.eum.analytics.model;

/**
 * One row of metrics_by_country, metrics_by_origination or metrics_by_carrier: the complete values of one window and
 * key at one firing. A late update re-emits the window with complete values and {@link #revision} + 1; readers keep
 * the highest revision per (window_start, channel, key and the table's further key columns).
 */
public class WindowMetrics {
    public long windowStart;
    public long windowEnd;
    public Channel channel;
    /** iso_country_code for metrics_by_country and metrics_by_carrier, origination_id for metrics_by_origination. */
    public String key;
    /** metrics_by_country and metrics_by_origination: message type and use case ("" when none, "other" rolled up). */
    public String messageType = "";
    public String useCase = "";
    /** metrics_by_carrier: the network ("" when the events carry none) and its most recently seen name. */
    public String mcc = "";
    public String mnc = "";
    public String carrierName = "";
    /** 0 for the on-time firing, +1 for each late re-firing. */
    public int revision;
    /** Watermark-based emission: when this revision was produced (the watermark at firing), epoch ms. */
    public long emittedAtWatermark;

    /** The summed columns, indexed by {@link SumColumn#ordinal()}. */
    public long[] sums = new long[SumColumn.COUNT];
    /**
     * delivered / (delivered + failed - failed_protect_blocked): over messages handed to carriers (Protect blocks are
     * not carrier outcomes); null when none.
     */
    public Double deliveryRate;
    /** protect_blocked / messages; null without messages. */
    public Double protectBlockedRate;
    /** protect_block_recommended / messages; null without messages. */
    public Double protectRecommendedRate;
    /** read / delivered in this window (WhatsApp, RCS); null when nothing delivered. */
    public Double readRate;
    /** converted / (converted + feedback_failed) of feedback outcomes decided in this window; null when none. */
    public Double conversionRate;

    /** The window's latency sketch (its buckets are the latency_histogram column); empty when none. */
    public com.example.eum.analytics.metrics.LatencySketch latency = new com.example.eum.analytics.metrics.LatencySketch();
    /** Number of latency samples behind the percentiles. */
    public long latencyCount;
    public Long latencyP50Ms;
    public Long latencyP95Ms;

    public WindowMetrics() {}

    /** The value of a summed column. */
    public long get(SumColumn column) {
        return sums[column.ordinal()];
    }

    /**
     * Everything the window's messages cost, micro-USD: SMS/MMS/voice price + carrier fee + WhatsApp fees (Meta and
     * AWS).
     */
    public long spendMicros() {
        return get(SumColumn.PRICE_MICROS) + get(SumColumn.CARRIER_FEE_MICROS) + get(SumColumn.WHATSAPP_FEE_MICROS);
    }

    /** Sets a summed column. */
    public void set(SumColumn column, long value) {
        sums[column.ordinal()] = value;
    }

    @Override
    public String toString() {
        return "WindowMetrics{" + channel + "/" + key + " [" + windowStart + "," + windowEnd + ") rev=" + revision
                + " msg=" + get(SumColumn.MESSAGES) + " del=" + get(SumColumn.DELIVERED) + " fail=" + get(SumColumn.FAILED)
                + " pend=" + get(SumColumn.PENDING) + "}";
    }
}
