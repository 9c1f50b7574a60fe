package com.example.eum.analytics.model;

import java.util.Locale;

/**
 * Every summed column of the metrics tables, defined once: its name and meaning here drive the {@link MessageDelta}
 * the lifecycle emits, the window accumulator (its state names the columns, see {@code metrics.MetricsAccumulator}),
 * the {@link WindowMetrics} row, the table schema and so the Parquet files, the Athena DDL, the Glue tables and the
 * docs ({@code schema.Tables}), and the shape of the generator's ground truth. Adding a column is one constant here
 * plus the rule that fills it (and the truth's independent recount of it).
 *
 * <p>Values are longs: counts, or micro-USD for money columns (written as DECIMAL(18,6) {@code *_usd}).
 * Declaration order is the column order in the tables; it is never used in state.
 */
public enum SumColumn {
    MESSAGES("Outbound messages, each counted once, in the window of its request time (first event when unknown)."),
    DELIVERED("Messages whose earliest success by event time (DELIVERED/READ; SMS TEXT_SUCCESSFUL or TEXT_DELIVERED) happened in this window; an earlier success arriving later moves it (a revision), so it never depends on arrival order."),
    FAILED("Messages whose earliest final non-success (blocked and protect-blocked included) happened in this window, with no success."),
    FAILED_BLOCKED("failed with failure_class BLOCKED."),
    FAILED_PROTECT_BLOCKED("failed with failure_class PROTECT_BLOCKED."),
    FAILED_INVALID("failed with failure_class INVALID."),
    FAILED_UNREACHABLE("failed with failure_class UNREACHABLE."),
    FAILED_EXPIRED("failed with failure_class EXPIRED."),
    FAILED_POLICY("failed with failure_class POLICY."),
    FAILED_UNKNOWN("failed with failure_class UNKNOWN."),
    PENDING("Net change of messages without an outcome: +1 in the window of the message's request, -1 in the window of its outcome (or of its request when it becomes outcome_unknown). Summed over all windows: messages still pending."),
    OUTCOME_UNKNOWN("Messages with no final outcome when the window of their request closed (request time + allowed lateness, 72 h: AWS itself reports UNKNOWN after 72 h), in the window of the request. A final outcome arriving later takes it back."),
    READ("Messages first read in this window (WhatsApp, RCS)."),
    INBOUND("Inbound messages received in this window."),
    FEEDBACK_TRACKED("Messages that are feedback-tracked (their Context flag, a use case or origination id listed in the configuration, or track-all; a feedback record alone does not track a message), in the window of their request time."),
    CONVERTED("Tracked messages whose RECEIVED feedback arrived within the timeout, in the window of the feedback."),
    FEEDBACK_FAILED("Tracked messages with FAILED feedback, or no RECEIVED within the timeout (counted at request time + timeout), or RECEIVED too late."),
    LATE_FEEDBACK("RECEIVED feedback that came after the timeout (also counted in feedback_failed)."),
    FEEDBACK_UNTRACKED_RECEIVED("Messages that were not feedback-tracked (no context flag, use case or origination listed, no track-all) but got feedback records, in the window of their request: they count in no conversion; a non-zero value means the tracking rules miss a sender."),
    PROTECT_BLOCKED("Messages blocked by SMS Protect (a TEXT/MEDIA/VOICE_PROTECT_BLOCKED final event: a BLOCK or FILTER rule or a number override), in the window of the request; also counted in failed_protect_blocked at the failure's time."),
    PROTECT_BLOCK_RECOMMENDED("Messages whose events carried protectRecommendation=BLOCK (Protect MONITOR or FILTER rules), in the window of the request."),
    PROTECT_RECOMMENDED_MONITOR("protect_block_recommended under a MONITOR rule (protectStatus MONITOR: never blocked, pays the price plus the Monitor fee)."),
    PROTECT_RECOMMENDED_FILTER("protect_block_recommended under a FILTER rule (protectStatus FILTER: blocked, pays only the Filter fee)."),
    PRICE_MICROS("Sum of totalMessagePrice, once per message, in the window of the message."),
    CARRIER_FEE_MICROS("Sum of totalCarrierFee, once per message."),
    MESSAGE_PARTS("Sum of totalMessageParts, once per message."),
    BILLABLE_MARKETING("Billable WhatsApp messages in category marketing."),
    BILLABLE_UTILITY("Billable WhatsApp messages in category utility."),
    BILLABLE_AUTHENTICATION("Billable WhatsApp messages in category authentication or authentication_international."),
    BILLABLE_SERVICE("Billable WhatsApp messages in category service."),
    WHATSAPP_FEE_MICROS("WhatsApp cost: whatsapp_meta_fee_usd + whatsapp_aws_fee_usd (for windows restored from a release before the split, the parts cover only what came after the upgrade; this total is complete)."),
    WHATSAPP_META_FEE_MICROS("WhatsApp Meta fee from the rate card, in the window of the message: once per billable message under PMP (MetaTemplateMessageFee); once per conversation_id under CBP, on its earliest message."),
    WHATSAPP_AWS_FEE_MICROS("AWS End User Messaging Social per-message fee (MessageFee), once per outbound and per inbound WhatsApp message.");

    /** Number of columns: the length of the sums arrays of deltas and rows. */
    public static final int COUNT = values().length;

    private final String doc;

    SumColumn(String doc) {
        this.doc = doc;
    }

    /** The column's meaning, as the docs and the DDL comments state it. */
    public String doc() {
        return doc;
    }

    /** True for money columns: micro-USD in the pipeline, DECIMAL(18,6) {@code *_usd} in the lake. */
    public boolean isMoney() {
        return name().endsWith("_MICROS");
    }

    /** The column of the metrics tables this sum is written to (money in micro-USD is written as {@code *_usd}). */
    public String columnName() {
        return name().toLowerCase(Locale.ROOT).replace("_micros", "_usd");
    }

    /** The {@code failed_*} column of a failure class ({@link FailureClass#UNKNOWN}'s for null). */
    public static SumColumn failedColumn(FailureClass fc) {
        switch (fc == null ? FailureClass.UNKNOWN : fc) {
            case BLOCKED: return FAILED_BLOCKED;
            case PROTECT_BLOCKED: return FAILED_PROTECT_BLOCKED;
            case INVALID: return FAILED_INVALID;
            case UNREACHABLE: return FAILED_UNREACHABLE;
            case EXPIRED: return FAILED_EXPIRED;
            case POLICY: return FAILED_POLICY;
            default: return FAILED_UNKNOWN;
        }
    }

    /** The column named {@code columnName}, or null. */
    public static SumColumn byColumnName(String columnName) {
        for (SumColumn c : values()) {
            if (c.columnName().equals(columnName)) {
                return c;
            }
        }
        return null;
    }
}
