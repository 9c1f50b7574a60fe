package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.WindowMetrics;

import java.util.function.ObjLongConsumer;
import java.util.function.ToLongFunction;

/**
 * Every summed column of the metrics tables, with the {@link MessageDelta} field it sums and the
 * {@link WindowMetrics} field it fills: the one list of columns that the accumulator, the row builder and the
 * tests share, so adding a column is one line here.
 */
public enum SumColumn {
    MESSAGES(d -> d.messages, m -> m.messages, (m, v) -> m.messages = v),
    DELIVERED(d -> d.delivered, m -> m.delivered, (m, v) -> m.delivered = v),
    FAILED(d -> d.failed, m -> m.failed, (m, v) -> m.failed = v),
    FAILED_BLOCKED(d -> d.failedBlocked, m -> m.failedBlocked, (m, v) -> m.failedBlocked = v),
    FAILED_PROTECT_BLOCKED(d -> d.failedProtectBlocked, m -> m.failedProtectBlocked, (m, v) -> m.failedProtectBlocked = v),
    FAILED_INVALID(d -> d.failedInvalid, m -> m.failedInvalid, (m, v) -> m.failedInvalid = v),
    FAILED_UNREACHABLE(d -> d.failedUnreachable, m -> m.failedUnreachable, (m, v) -> m.failedUnreachable = v),
    FAILED_EXPIRED(d -> d.failedExpired, m -> m.failedExpired, (m, v) -> m.failedExpired = v),
    FAILED_POLICY(d -> d.failedPolicy, m -> m.failedPolicy, (m, v) -> m.failedPolicy = v),
    FAILED_UNKNOWN(d -> d.failedUnknown, m -> m.failedUnknown, (m, v) -> m.failedUnknown = v),
    PENDING(d -> d.pending, m -> m.pending, (m, v) -> m.pending = v),
    READ(d -> d.read, m -> m.read, (m, v) -> m.read = v),
    INBOUND(d -> d.inbound, m -> m.inbound, (m, v) -> m.inbound = v),
    FEEDBACK_TRACKED(d -> d.feedbackTracked, m -> m.feedbackTracked, (m, v) -> m.feedbackTracked = v),
    CONVERTED(d -> d.converted, m -> m.converted, (m, v) -> m.converted = v),
    FEEDBACK_FAILED(d -> d.feedbackFailed, m -> m.feedbackFailed, (m, v) -> m.feedbackFailed = v),
    LATE_FEEDBACK(d -> d.lateFeedback, m -> m.lateFeedback, (m, v) -> m.lateFeedback = v),
    PROTECT_BLOCK_RECOMMENDED(d -> d.protectBlockRecommended, m -> m.protectBlockRecommended, (m, v) -> m.protectBlockRecommended = v),
    PRICE_MICROS(d -> d.priceMicros, m -> m.priceMicros, (m, v) -> m.priceMicros = v),
    CARRIER_FEE_MICROS(d -> d.carrierFeeMicros, m -> m.carrierFeeMicros, (m, v) -> m.carrierFeeMicros = v),
    MESSAGE_PARTS(d -> d.messageParts, m -> m.messageParts, (m, v) -> m.messageParts = v),
    BILLABLE_MARKETING(d -> d.billableMarketing, m -> m.billableMarketing, (m, v) -> m.billableMarketing = v),
    BILLABLE_UTILITY(d -> d.billableUtility, m -> m.billableUtility, (m, v) -> m.billableUtility = v),
    BILLABLE_AUTHENTICATION(d -> d.billableAuthentication, m -> m.billableAuthentication, (m, v) -> m.billableAuthentication = v),
    BILLABLE_SERVICE(d -> d.billableService, m -> m.billableService, (m, v) -> m.billableService = v),
    WHATSAPP_FEE_MICROS(d -> d.whatsappFeeMicros, m -> m.whatsappFeeMicros, (m, v) -> m.whatsappFeeMicros = v);

    private final ToLongFunction<MessageDelta> ofDelta;
    private final ToLongFunction<WindowMetrics> ofRow;
    private final ObjLongConsumer<WindowMetrics> intoRow;

    SumColumn(ToLongFunction<MessageDelta> ofDelta, ToLongFunction<WindowMetrics> ofRow, ObjLongConsumer<WindowMetrics> intoRow) {
        this.ofDelta = ofDelta;
        this.ofRow = ofRow;
        this.intoRow = intoRow;
    }

    /** This column's value in a delta. */
    public long of(MessageDelta delta) {
        return ofDelta.applyAsLong(delta);
    }

    /** This column's value in a metrics row. */
    public long of(WindowMetrics row) {
        return ofRow.applyAsLong(row);
    }

    /** Sets this column's value in a metrics row. */
    public void set(WindowMetrics row, long value) {
        intoRow.accept(row, value);
    }

    /** The column of the metrics tables this sum is written to (money in micro-USD is written as {@code *_usd}). */
    public String columnName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace("_micros", "_usd");
    }
}
