package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.MessageDelta;

/** Hand-built deltas for the metrics tests (the lifecycle that emits them in the job is another package). */
final class Deltas {
    private Deltas() {}

    static MessageDelta delta(long attributionTime, Channel channel, String country, String origination, String messageId) {
        MessageDelta d = new MessageDelta();
        d.attributionTime = attributionTime;
        d.channel = channel;
        d.isoCountryCode = country;
        d.originationId = origination;
        d.messageId = messageId;
        return d;
    }

    /** A new message with no outcome yet: messages +1, pending +1, its price once. */
    static MessageDelta sent(long t, Channel channel, String country, String origination, String id, long priceMicros) {
        MessageDelta d = delta(t, channel, country, origination, id);
        d.set(SumColumn.MESSAGES, 1);
        d.set(SumColumn.PENDING, 1);
        d.set(SumColumn.PRICE_MICROS, priceMicros);
        d.set(SumColumn.MESSAGE_PARTS, 1);
        return d;
    }

    /** The outcome of a pending message: delivered +1, pending -1, with its latency. */
    static MessageDelta delivered(long t, Channel channel, String country, String origination, String id, long latencyMs) {
        MessageDelta d = delta(t, channel, country, origination, id);
        d.set(SumColumn.DELIVERED, 1);
        d.set(SumColumn.PENDING, -1);
        d.latencyMs = latencyMs;
        return d;
    }

    /** The failure of a pending message: failed +1 in its class, pending -1. */
    static MessageDelta failed(long t, Channel channel, String country, String origination, String id, FailureClass fc) {
        MessageDelta d = delta(t, channel, country, origination, id);
        d.addFailure(fc, 1);
        d.set(SumColumn.PENDING, -1);
        return d;
    }
}
