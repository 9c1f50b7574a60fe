package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.DeadLetterReason;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.SumColumn;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.flink.api.common.functions.MapFunction;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.ToLongFunction;

/**
 * Turns a delta that came later than the allowed lateness of its window into a dead letter with reason
 * {@code late}, so nothing leaves the metrics silently. The detail names the table, channel, key, attribution
 * time and message id; the payload is the whole delta as JSON (identity, attribution time, latency sample and every
 * non-zero column), so the loss can be accounted for. Neither holds a destination number (a delta carries none; the
 * key is a country or the business's own sender id). Deterministic: the dead letter's time is the delta's
 * attribution time (event-derived), not the wall clock, so a replay reproduces the same dead letters.
 */
public class LateDeltaToDeadLetter implements MapFunction<PartialTotals, DeadLetter> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

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
    public DeadLetter map(PartialTotals late) {
        if (late.delta == null) {
            // WindowPreAggregator passes every delta it sees late on alone and combines only deltas the window cannot
            // see late; should that ever not hold, the loss is still accounted for, in one dead letter for all of them
            return combined(late);
        }
        return map(late.delta);
    }

    /** The dead letter of one late delta. */
    DeadLetter map(MessageDelta delta) {
        return deadLetter("delta later than the allowed lateness of its " + table + " window: channel=" + delta.channel
                + " key=" + key.value(delta) + " attribution_time=" + Instant.ofEpochMilli(delta.attributionTime)
                + " message_id=" + delta.messageId, delta.attributionTime, payload(delta));
    }

    private DeadLetter combined(PartialTotals late) {
        ObjectNode o = JSON.createObjectNode();
        o.put("key", late.key);
        o.put("attributionTime", late.attributionTime);
        o.put("deltas", late.deltas);
        putColumns(o, late.totals::get);
        return deadLetter(late.deltas + " deltas, combined, later than the allowed lateness of their " + table
                + " window: key=" + late.key + " attribution_time=" + Instant.ofEpochMilli(late.attributionTime),
                late.attributionTime, o.toString());
    }

    private DeadLetter deadLetter(String detail, long attributionTime, String payload) {
        DeadLetter dl = new DeadLetter();
        dl.reason = DeadLetterReason.LATE.code();
        dl.detail = detail;
        dl.source = table;
        dl.ingestTime = attributionTime;
        dl.payload = payload;
        dl.payloadBytes = payload.getBytes(StandardCharsets.UTF_8).length;
        return dl;
    }

    /** The delta as JSON: every field that says what the windows missed. */
    static String payload(MessageDelta d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("messageId", d.messageId);
        o.put("channel", d.channel == null ? null : d.channel.name());
        o.put("isoCountryCode", d.isoCountryCode);
        o.put("originationId", d.originationId);
        o.put("attributionTime", d.attributionTime);
        if (d.latencyMs >= 0) {
            o.put("latencyMs", d.latencyMs);
            o.put("latencyWeight", d.latencyWeight);
        }
        putColumns(o, d::get);
        return o.toString();
    }

    /** The non-zero columns, by name, under "columns". */
    private static void putColumns(ObjectNode o, ToLongFunction<SumColumn> value) {
        ObjectNode sums = o.putObject("columns");
        for (SumColumn c : SumColumn.values()) {
            if (value.applyAsLong(c) != 0) {
                sums.put(c.columnName(), value.applyAsLong(c));
            }
        }
    }
}
