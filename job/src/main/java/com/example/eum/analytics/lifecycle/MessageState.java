package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.FailureClass;

/**
 * What the lifecycle remembers about one message (keyed by messageId) between its events: which counts were already
 * emitted, so that every count is emitted once whatever the order and duplication of the events.
 *
 * <p>Serialized by {@link MessageStateSerializer}, without the message id (the state's key). Release 1 state, written
 * by Flink's POJO serializer, migrates to it on restore: keep this a valid POJO (field names and types), and add a new
 * field to that serializer too. Bounded: at most
 * {@link LifecycleRules#MAX_SEEN_IDS} event ids and {@link LifecycleRules#MAX_HELD_FEEDBACK} held feedback records.
 */
public class MessageState {
    /** Sentinel for "no time" in the long time fields. */
    public static final long NONE = Long.MIN_VALUE;

    public static final int OUTCOME_NONE = 0;
    public static final int OUTCOME_DELIVERED = 1;
    public static final int OUTCOME_FAILED = 2;
    /** No final outcome when the request's window closed: counted in outcome_unknown (a later outcome revises it). */
    public static final int OUTCOME_UNKNOWN = 3;
    /** {@link #deliveryLatencyMs} of state written by release 1, which did not keep it. */
    public static final long LATENCY_NOT_KEPT = -2;

    public static final int FEEDBACK_NONE = 0;
    public static final int FEEDBACK_CONVERTED = 1;
    public static final int FEEDBACK_FAILED = 2;

    public String messageId;
    /** First non-null values seen on the message's receipts. */
    public Channel channel;
    public String isoCountryCode;
    public String originationId;
    /**
     * First non-null values seen on the message's receipts (fields added after release 1: Flink's POJO schema
     * evolution restores older state with them null): the message type (WhatsApp outbound: pricing category),
     * the use case (configured context key) and the recipient network.
     */
    public String messageType;
    public String useCase;
    public String mcc;
    public String mnc;
    public String carrierName;

    /**
     * Most recent event ids (exact redeliveries are dropped); oldest first, at most MAX_SEEN_IDS. State read back from
     * its serializer holds the decoder's ids as their 64-bit prints ({@link EventIdPrints}).
     */
    public String[] seenEventIds = new String[0];
    /** Largest event time seen (receipts and feedback): the state expires stateHorizon after it. */
    public long maxEventTime = NONE;

    /** Outbound message counted (messages +1 emitted). */
    public boolean counted;
    /** Inbound message counted (inbound +1 emitted). */
    public boolean inboundCounted;
    /** Time the message's counts (messages, pending +1, cost) are attributed to: request time, else first event. */
    public long attributionTime = NONE;
    /** messageRequestTimestamp when known. */
    public long requestTime = NONE;
    /** WhatsApp: earliest {@code sent} event time. */
    public long sentTime = NONE;

    /** pending +1 emitted and not yet taken back. */
    public boolean pendingCounted;
    /** Time of the pending -1 that closed {@link #pendingCounted} (to move it when the outcome moves), or NONE. */
    public long pendingClosedTime = NONE;
    public int outcome = OUTCOME_NONE;
    public long outcomeTime = NONE;
    /** Failure class of the counted failure (to take it back when a success follows). */
    public FailureClass failureClass;
    /**
     * Latency sample emitted with the counted delivery (-1 when none), to take it back when an earlier success moves
     * the delivery; {@link #LATENCY_NOT_KEPT} in state restored from release 1.
     */
    public long deliveryLatencyMs = LATENCY_NOT_KEPT;

    public boolean priceCounted;
    public boolean carrierFeeCounted;
    public boolean partsCounted;
    public boolean pricingSeen;
    public boolean readCounted;
    public boolean protectBlockCounted;
    /** protect_blocked +1 emitted. */
    public boolean protectBlockedCounted;

    // --- feedback ----------------------------------------------------------------------------------
    public boolean feedbackTracked;
    /** feedback_untracked_received +1 emitted (feedback for a message no rule tracks). */
    public boolean untrackedFeedbackCounted;
    /** feedback_tracked +1 emitted. */
    public boolean feedbackTrackedCounted;
    /** Earliest RECEIVED / FAILED feedback time seen. */
    public long firstReceivedTime = NONE;
    public long firstFailedTime = NONE;
    /** The watermark passed request time + feedbackTimeout. */
    public boolean feedbackDeadlinePassed;
    /** Emitted feedback outcome (FEEDBACK_*) and its attribution time, so a revision can take it back. */
    public int feedbackOutcome = FEEDBACK_NONE;
    public long feedbackOutcomeTime = NONE;
    /** Attribution time of the emitted late_feedback +1, or NONE. */
    public long lateFeedbackTime = NONE;
    /** Feedback records waiting for the message's first receipt. */
    public HeldFeedback[] heldFeedback = new HeldFeedback[0];
    /** Feedback records that arrived before any receipt, including those beyond the held cap. */
    public int heldFeedbackCount;

    // --- timers (owned by the Flink operator) ---------------------------------------------------------
    public long feedbackTimer = NONE;
    public long expiryTimer = NONE;
    /** Fires at attribution time + allowed lateness: a message still without an outcome becomes outcome_unknown. */
    public long unknownTimer = NONE;

    public MessageState() {}
}
