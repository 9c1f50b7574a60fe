package com.example.eum.analytics.alert.stage;

import com.example.eum.analytics.alert.AlertKey;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.WindowMetrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps the job's metrics rows and deltas to alert inputs (plain Java, a field copy; schemas/alerts.md, "Input").
 * <ul>
 *   <li>metrics_by_country (channel × country × message type × use case) feeds the COUNTRY key channel × country ×
 *       use case (message types summed) and the ACCOUNT key (everything summed; its contributors are countries);</li>
 *   <li>metrics_by_carrier (channel × country × mcc × mnc) feeds the CARRIER key {@code mcc-mnc}; rows without a
 *       network (WhatsApp, voice) feed none;</li>
 *   <li>metrics_by_origination (channel × origination id × message type × use case) feeds the ORIGINATION key
 *       (all types and use cases summed); rows without an origination id ({@code unknown}) feed none.</li>
 * </ul>
 * Counts: messages, delivered, failed (failed-final), converted and feedback_failed (matured feedback outcomes, as
 * the tables attribute them: a non-conversion at request time + the feedback timeout), protect_block_recommended and
 * spend in micro-USD.
 */
public final class AlertInputs {
    /** The metrics table a row comes from. */
    public enum Table { COUNTRY, CARRIER, ORIGINATION }

    /** metrics_by_origination's key value when the events carry no origination id. */
    static final String UNKNOWN_ORIGINATION = "unknown";

    private AlertInputs() {}

    /** The alert inputs of one metrics row (none for a row without channel, network or origination id). */
    public static List<AlertInput> ofRow(Table table, WindowMetrics row) {
        List<AlertInput> out = new ArrayList<>(2);
        if (row.channel == null) {
            return out;
        }
        String channel = row.channel.name();
        switch (table) {
            case COUNTRY:
                out.add(row(AlertKey.country(channel, dim(row.key), dim(row.useCase)), row, "country|" + row.messageType, null));
                out.add(row(AlertKey.account(), row, "country|" + channel + "|" + row.key + "|" + row.messageType + "|"
                        + row.useCase, channel + " " + row.key));
                break;
            case CARRIER:
                if (!row.mcc.isEmpty() && !row.mnc.isEmpty()) {
                    out.add(row(AlertKey.carrier(channel, dim(row.key), carrier(row.mcc, row.mnc)), row, "carrier", null));
                }
                break;
            default:
                if (!UNKNOWN_ORIGINATION.equals(row.key) && !row.key.isEmpty()) {
                    out.add(row(AlertKey.origination(channel, "", dim(row.key)), row,
                            "origination|" + row.messageType + "|" + row.useCase, null));
                }
                break;
        }
        return out;
    }

    /**
     * Example message ids of a delta: a message that failed for good, did not convert or was flagged by Protect,
     * for its COUNTRY, CARRIER and ORIGINATION keys, in the window ({@code windowSizeMs}) of its attribution time.
     * None for other deltas (corrections included).
     */
    public static List<AlertInput> examplesOf(MessageDelta d, long windowSizeMs) {
        List<AlertInput> out = new ArrayList<>(3);
        if (d.messageId == null || d.messageId.isEmpty() || d.channel == null || !isExample(d)) {
            return out;
        }
        long start = Math.floorDiv(d.attributionTime, windowSizeMs) * windowSizeMs;
        long end = start + windowSizeMs;
        String channel = d.channel.name();
        String country = blank(d.isoCountryCode) ? "ZZ" : dim(d.isoCountryCode);
        // each example also names its carrier and sender for the keys it is not keyed by: the alert's top
        // contributors are the carriers and origination numbers of its affected messages
        String carrierTag = !blank(d.mcc) && !blank(d.mnc) ? "carrier " + carrier(d.mcc, d.mnc) : null;
        String senderTag = !blank(d.originationId) ? "from " + dim(d.originationId) : null;
        out.add(example(AlertKey.country(channel, country, dim(d.useCase)), start, end, d.messageId, carrierTag, senderTag));
        if (carrierTag != null) {
            out.add(example(AlertKey.carrier(channel, country, carrier(d.mcc, d.mnc)), start, end, d.messageId, senderTag, null));
        }
        if (senderTag != null) {
            out.add(example(AlertKey.origination(channel, "", dim(d.originationId)), start, end, d.messageId, carrierTag, null));
        }
        return out;
    }

    /** A message worth showing AWS Support: failed, not converted, or flagged by Protect. */
    static boolean isExample(MessageDelta d) {
        return d.get(SumColumn.FAILED) > 0 || d.get(SumColumn.FEEDBACK_FAILED) > 0
                || d.get(SumColumn.PROTECT_BLOCK_RECOMMENDED) > 0;
    }

    static String carrier(String mcc, String mnc) {
        return dim(mcc) + "-" + dim(mnc);
    }

    private static AlertInput row(AlertKey key, WindowMetrics row, String rowId, String contributor) {
        AlertInput in = base(key, row.windowStart, row.windowEnd);
        in.rowId = rowId;
        in.revision = row.revision;
        in.messages = row.get(SumColumn.MESSAGES);
        in.delivered = row.get(SumColumn.DELIVERED);
        in.failedFinal = row.get(SumColumn.FAILED);
        in.converted = row.get(SumColumn.CONVERTED);
        in.feedbackFailed = row.get(SumColumn.FEEDBACK_FAILED);
        in.feedbackTracked = row.get(SumColumn.FEEDBACK_TRACKED);
        in.protectRecommended = row.get(SumColumn.PROTECT_BLOCK_RECOMMENDED);
        in.spendMicros = row.spendMicros();
        in.contributor = contributor;
        return in;
    }

    private static AlertInput example(AlertKey key, long start, long end, String messageId, String tag, String otherTag) {
        AlertInput in = base(key, start, end);
        in.messageId = messageId;
        in.contributor = tag;
        in.otherContributor = otherTag;
        return in;
    }

    private static AlertInput base(AlertKey key, long start, long end) {
        AlertInput in = new AlertInput();
        in.keyId = key.id();
        in.scope = key.scope().name();
        in.channel = key.channel();
        in.country = key.country();
        in.useCase = key.useCase();
        in.carrier = key.carrier();
        in.originationId = key.originationId();
        in.windowStart = start;
        in.windowEnd = end;
        return in;
    }

    private static boolean blank(String s) {
        return s == null || s.trim().isEmpty();
    }

    /**
     * A key dimension: trimmed, '' for null, '/' (the key id's separator) replaced by '_', and a lone '-' (the id's
     * mark of an empty dimension) by '_', so {@link #keyOf} recovers every key from its id.
     */
    static String dim(String s) {
        String t = s == null ? "" : s.trim().replace('/', '_');
        return t.equals("-") ? "_" : t;
    }

    /** The key whose {@link AlertKey#id()} is {@code id} (for keys built here). */
    public static AlertKey keyOf(String id) {
        String[] p = id.split("/", -1);
        if (p.length != 7) {
            throw new IllegalArgumentException("not an alert key id: " + id);
        }
        AlertInput in = new AlertInput();
        in.scope = p[0];
        in.channel = undash(p[1]);
        in.country = undash(p[2]);
        in.useCase = undash(p[3]);
        in.carrier = undash(p[4]);
        in.originationId = undash(p[5]);
        return in.key();
    }

    private static String undash(String s) {
        return s.equals("-") ? "" : s;
    }
}
