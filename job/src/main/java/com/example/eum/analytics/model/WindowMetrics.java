package com.example.eum.analytics.model;

/**
 * One row of metrics_by_country or metrics_by_origination: the complete values of one window and key at one
 * firing. A late update re-emits the window with complete values and {@link #revision} + 1; readers keep the
 * highest revision per (window_start, channel, key).
 */
public class WindowMetrics {
    public long windowStart;
    public long windowEnd;
    public Channel channel;
    /** iso_country_code for metrics_by_country, origination_id for metrics_by_origination. */
    public String key;
    /** 0 for the on-time firing, +1 for each late re-firing. */
    public int revision;
    /** Watermark-based emission: when this revision was produced (the watermark at firing), epoch ms. */
    public long emittedAtWatermark;

    public long messages;
    public long delivered;
    public long failed;
    public long failedBlocked;
    public long failedProtectBlocked;
    public long failedInvalid;
    public long failedUnreachable;
    public long failedExpired;
    public long failedPolicy;
    public long failedUnknown;
    public long pending;
    public long read;
    public long inbound;
    public long feedbackTracked;
    public long converted;
    public long feedbackFailed;
    public long lateFeedback;
    public long protectBlockRecommended;
    /** delivered / (delivered + failed) of the outcomes decided in this window; null when none. */
    public Double deliveryRate;
    /** read / delivered in this window (WhatsApp, RCS); null when nothing delivered. */
    public Double readRate;
    /** converted / (converted + feedback_failed) of feedback outcomes decided in this window; null when none. */
    public Double conversionRate;

    public long priceMicros;
    public long carrierFeeMicros;
    public long messageParts;
    public long billableMarketing;
    public long billableUtility;
    public long billableAuthentication;
    public long billableService;
    public long whatsappFeeMicros;
    /** Number of latency samples behind the percentiles. */
    public long latencyCount;
    public Long latencyP50Ms;
    public Long latencyP95Ms;

    public WindowMetrics() {}

    @Override
    public String toString() {
        return "WindowMetrics{" + channel + "/" + key + " [" + windowStart + "," + windowEnd + ") rev=" + revision
                + " msg=" + messages + " del=" + delivered + " fail=" + failed + " pend=" + pending
                + " conv=" + converted + " fbF=" + feedbackFailed + " price=" + priceMicros + "}";
    }
}
