package com.example.eum.analytics.model;

/**
 * A change in what is known about one message, emitted by the lifecycle operator ("this message is now
 * delivered", "+1 message, +1 pending"). Windows only add deltas up, so every count lands in exactly one window.
 *
 * <p>{@link #attributionTime} decides the window, not the record timestamp: {@code messages} and
 * {@code pending +1} are attributed to the request time (or the first event seen), an outcome to the time of the
 * event that decided it, a feedback timeout to request time + timeout. Counts are negative for {@code pending}
 * (-1 when the outcome arrives) and in corrections, which only cancel an earlier emission for the same message:
 * {@code failed} (and its class) -1 when a success follows a counted failure, and {@code converted},
 * {@code feedbackFailed}, {@code lateFeedback} -1 when an earlier-timed feedback record revises the feedback
 * outcome (schemas/lifecycle-rules.md).
 */
public class MessageDelta {
    /** Event time (epoch ms) this delta belongs to; the window assigner reads it. */
    public long attributionTime;
    public Channel channel;
    public String isoCountryCode;
    public String originationId;
    public String messageId;
    /**
     * Under conversation-based pricing (CBP): the WhatsApp conversation whose fee this delta carries in
     * {@code whatsapp_meta_fee}, so the conversation-fees operator can charge it once per conversation; else null.
     */
    public String conversationId;
    /** SMS/MMS/voice messageType, WhatsApp outbound pricing category, else null (key column message_type). */
    public String messageType;
    /** Value of the configured use-case context key, or null (key column use_case; may be rolled up to "other"). */
    public String useCase;
    /** Recipient network: mobile country code, mobile network code, carrier name; null when the events carry none. */
    public String mcc;
    public String mnc;
    public String carrierName;

    /** The summed values, indexed by {@link SumColumn#ordinal()} (in flight between operators only, never in state). */
    public long[] sums = new long[SumColumn.COUNT];
    /** Delivery latency (first success time minus request time) in ms, or -1 when this delta carries none. */
    public long latencyMs = -1;
    /** +1: {@link #latencyMs} is a new sample; -1: it takes back a sample emitted earlier (the delivery moved). */
    public int latencyWeight = 1;

    public MessageDelta() {}

    /** Adds {@code n} to a column. */
    public void add(SumColumn column, long n) {
        sums[column.ordinal()] += n;
    }

    /** Sets a column. */
    public void set(SumColumn column, long value) {
        sums[column.ordinal()] = value;
    }

    /** The value of a column. */
    public long get(SumColumn column) {
        return sums[column.ordinal()];
    }

    /** Adds the failure to {@code failed} and to the column of its class. */
    public void addFailure(FailureClass fc, int n) {
        add(SumColumn.FAILED, n);
        add(SumColumn.failedColumn(fc), n);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("MessageDelta{" + channel + "/" + isoCountryCode + "/" + originationId + " " + messageId
                + " t=" + attributionTime);
        for (SumColumn c : SumColumn.values()) {
            if (get(c) != 0) {
                b.append(' ').append(c.columnName()).append('=').append(get(c));
            }
        }
        return b.append(" lat=").append(latencyMs).append('}').toString();
    }
}
