package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.DeadLetterReason;
import com.example.eum.analytics.model.MessageDelta;

import org.apache.flink.api.common.functions.MapFunction;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Turns a delta that came later than the allowed lateness of its window into a dead letter with reason
 * {@code late}, so nothing leaves the metrics silently. The detail names the table, channel, key, attribution
 * time and message id; the payload is the delta's counts. Neither holds a destination number (a delta carries
 * none; the key is a country or the business's own sender id).
 */
public class LateDeltaToDeadLetter implements MapFunction<MessageDelta, DeadLetter> {
    private static final long serialVersionUID = 1L;

    private final String table;
    private final MetricsKey key;

    /**
     * @param table the metrics table the delta missed (also the dead letter's source)
     * @param key how that table keys its windows
     */
    public LateDeltaToDeadLetter(String table, MetricsKey key) {
        this.table = table;
        this.key = key;
    }

    @Override
    public DeadLetter map(MessageDelta delta) {
        DeadLetter dl = new DeadLetter();
        dl.reason = DeadLetterReason.LATE.code();
        dl.detail = "delta later than the allowed lateness of its " + table + " window: channel=" + delta.channel
                + " key=" + key.value(delta) + " attribution_time=" + Instant.ofEpochMilli(delta.attributionTime)
                + " message_id=" + delta.messageId;
        dl.source = table;
        dl.ingestTime = System.currentTimeMillis();
        dl.payload = delta.toString();
        dl.payloadBytes = dl.payload.getBytes(StandardCharsets.UTF_8).length;
        return dl;
    }
}
