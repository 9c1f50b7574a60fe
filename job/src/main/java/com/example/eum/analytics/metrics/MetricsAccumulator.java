package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.MessageDelta;

/**
 * The running totals of one window and key: the sum of every count and money field of the {@link MessageDelta}s
 * that fell into it, plus a {@link LatencySketch} of their delivery latencies. Windows only add deltas up, so this
 * is all a window needs to remember; {@link MetricsRow} turns it into a {@code WindowMetrics} row.
 *
 * <p>A Flink POJO (public fields, no-arg constructor), kept in window state.
 */
public class MetricsAccumulator {
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

    public long priceMicros;
    public long carrierFeeMicros;
    public long messageParts;
    public long billableMarketing;
    public long billableUtility;
    public long billableAuthentication;
    public long billableService;
    public long whatsappFeeMicros;

    public LatencySketch latency = new LatencySketch();

    public MetricsAccumulator() {}

    /** Adds one delta; its latency (when {@code latencyMs >= 0}) goes into the sketch. */
    public void add(MessageDelta d) {
        messages += d.messages;
        delivered += d.delivered;
        failed += d.failed;
        failedBlocked += d.failedBlocked;
        failedProtectBlocked += d.failedProtectBlocked;
        failedInvalid += d.failedInvalid;
        failedUnreachable += d.failedUnreachable;
        failedExpired += d.failedExpired;
        failedPolicy += d.failedPolicy;
        failedUnknown += d.failedUnknown;
        pending += d.pending;
        read += d.read;
        inbound += d.inbound;
        feedbackTracked += d.feedbackTracked;
        converted += d.converted;
        feedbackFailed += d.feedbackFailed;
        lateFeedback += d.lateFeedback;
        protectBlockRecommended += d.protectBlockRecommended;
        priceMicros += d.priceMicros;
        carrierFeeMicros += d.carrierFeeMicros;
        messageParts += d.messageParts;
        billableMarketing += d.billableMarketing;
        billableUtility += d.billableUtility;
        billableAuthentication += d.billableAuthentication;
        billableService += d.billableService;
        whatsappFeeMicros += d.whatsappFeeMicros;
        if (d.latencyMs >= 0) {
            latency.add(d.latencyMs);
        }
    }

    /** Adds all totals of {@code other} to this accumulator. */
    public void merge(MetricsAccumulator other) {
        messages += other.messages;
        delivered += other.delivered;
        failed += other.failed;
        failedBlocked += other.failedBlocked;
        failedProtectBlocked += other.failedProtectBlocked;
        failedInvalid += other.failedInvalid;
        failedUnreachable += other.failedUnreachable;
        failedExpired += other.failedExpired;
        failedPolicy += other.failedPolicy;
        failedUnknown += other.failedUnknown;
        pending += other.pending;
        read += other.read;
        inbound += other.inbound;
        feedbackTracked += other.feedbackTracked;
        converted += other.converted;
        feedbackFailed += other.feedbackFailed;
        lateFeedback += other.lateFeedback;
        protectBlockRecommended += other.protectBlockRecommended;
        priceMicros += other.priceMicros;
        carrierFeeMicros += other.carrierFeeMicros;
        messageParts += other.messageParts;
        billableMarketing += other.billableMarketing;
        billableUtility += other.billableUtility;
        billableAuthentication += other.billableAuthentication;
        billableService += other.billableService;
        whatsappFeeMicros += other.whatsappFeeMicros;
        latency.merge(other.latency);
    }
}
