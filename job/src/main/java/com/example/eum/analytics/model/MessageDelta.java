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

    public int messages;
    public int delivered;
    public int failed;
    public int failedBlocked;
    public int failedProtectBlocked;
    public int failedInvalid;
    public int failedUnreachable;
    public int failedExpired;
    public int failedPolicy;
    public int failedUnknown;
    public int pending;
    public int read;
    public int inbound;
    public int feedbackTracked;
    public int converted;
    public int feedbackFailed;
    public int lateFeedback;
    public int protectBlockRecommended;

    public long priceMicros;
    public long carrierFeeMicros;
    public int messageParts;
    public int billableMarketing;
    public int billableUtility;
    public int billableAuthentication;
    public int billableService;
    /** WhatsApp: Meta fee from the rate card plus the AWS per-message fee, micro-USD. */
    public long whatsappFeeMicros;
    /** Delivery latency (first success time minus request time) in ms, or -1 when this delta carries none. */
    public long latencyMs = -1;

    public MessageDelta() {}

    /** Adds the failure to {@link #failed} and to the column of its class. */
    public void addFailure(FailureClass fc, int n) {
        failed += n;
        switch (fc == null ? FailureClass.UNKNOWN : fc) {
            case BLOCKED: failedBlocked += n; break;
            case PROTECT_BLOCKED: failedProtectBlocked += n; break;
            case INVALID: failedInvalid += n; break;
            case UNREACHABLE: failedUnreachable += n; break;
            case EXPIRED: failedExpired += n; break;
            case POLICY: failedPolicy += n; break;
            default: failedUnknown += n; break;
        }
    }

    @Override
    public String toString() {
        return "MessageDelta{" + channel + "/" + isoCountryCode + "/" + originationId + " " + messageId + " t=" + attributionTime
                + " msg=" + messages + " del=" + delivered + " fail=" + failed + " pend=" + pending + " read=" + read
                + " in=" + inbound + " fbT=" + feedbackTracked + " conv=" + converted + " fbF=" + feedbackFailed
                + " price=" + priceMicros + " lat=" + latencyMs + "}";
    }
}
