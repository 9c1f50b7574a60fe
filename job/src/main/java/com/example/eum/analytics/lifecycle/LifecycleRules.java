package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.fees.WhatsAppFees;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.DeadLetterReason;
import com.example.eum.analytics.model.Direction;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.Status;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.example.eum.analytics.lifecycle.MessageState.NONE;

/**
 * The per-message counting rules (schemas/lifecycle-rules.md): turns a message's events, in any order and with
 * duplicates, into {@link MessageDelta}s whose sums count every message, outcome, fee and feedback result once.
 *
 * <p>Plain Java, no Flink types: the operator {@link MessageLifecycleFunction} only stores the state, runs the timers
 * and forwards what these methods return. Every rule is idempotent (flags in {@link MessageState}), so correctness
 * does not depend on the bounded event-id set; that set only drops exact redeliveries early and counts them.
 */
public class LifecycleRules implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Event ids remembered per message for exact-redelivery detection. */
    public static final int MAX_SEEN_IDS = 32;
    /** Feedback records held per message while no receipt has arrived. */
    public static final int MAX_HELD_FEEDBACK = 16;

    private final long feedbackTimeoutMs;
    private final long stateHorizonMs;
    private final long outcomeUnknownAfterMs;
    private final String feedbackContextKey;
    private final boolean feedbackTrackAll;
    private final java.util.Set<String> feedbackTrackedUseCases;
    private final java.util.Set<String> feedbackTrackedOriginationIds;
    private final String useCaseContextKey;
    private final WhatsAppFees fees;

    public LifecycleRules(JobConfig cfg, WhatsAppFees fees) {
        this.feedbackTimeoutMs = cfg.feedbackTimeout.toMillis();
        this.stateHorizonMs = cfg.stateHorizon.toMillis();
        this.outcomeUnknownAfterMs = cfg.allowedLateness.toMillis();
        this.feedbackContextKey = cfg.feedbackContextKey;
        this.feedbackTrackAll = cfg.feedbackTrackAll;
        this.feedbackTrackedUseCases = JobConfig.listOf(cfg.feedbackTrackedUseCases);
        this.feedbackTrackedOriginationIds = JobConfig.listOf(cfg.feedbackTrackedOriginationIds);
        this.useCaseContextKey = cfg.useCaseContextKey;
        this.fees = fees == null ? WhatsAppFees.NONE : fees;
    }

    /**
     * What of {@code e} these rules read, and nothing else: the event that crosses the network into the lifecycle
     * ({@link LifecycleInputFunction}, serialized by {@link LifecycleEventSerializer}), about a third of the full
     * event's bytes. Fields no rule reads (destination hash and number, encoding, error code and title, account,
     * WABA and phone number ids, envelope chain, Protect configuration, conversation origin, country source) are left
     * null, and the send request's Context keeps only the two entries the rules look up. A rule that starts reading
     * another field must copy it here; {@code LifecycleInputTest} replays generated traffic both ways and compares
     * every delta, and the replay golden digests compare every table.
     */
    public CanonicalEvent lifecycleView(CanonicalEvent e) {
        CanonicalEvent v = new CanonicalEvent();
        v.eventId = e.eventId;
        v.channel = e.channel;
        v.direction = e.direction;
        v.eventType = e.eventType;
        v.status = e.status;
        v.failureClass = e.failureClass;
        v.isFinal = e.isFinal;
        v.messageId = e.messageId;
        v.originationId = e.originationId;
        v.isoCountryCode = e.isoCountryCode;
        v.carrierName = e.carrierName;
        v.mcc = e.mcc;
        v.mnc = e.mnc;
        v.messageType = e.messageType;
        v.eventTime = e.eventTime;
        v.requestTime = e.requestTime;
        v.priceMicros = e.priceMicros;
        v.carrierFeeMicros = e.carrierFeeMicros;
        v.messageParts = e.messageParts;
        v.pricingModel = e.pricingModel;
        v.pricingCategory = e.pricingCategory;
        v.pricingType = e.pricingType;
        v.billable = e.billable;
        v.conversationId = e.conversationId;
        v.feedbackStatus = e.feedbackStatus;
        v.protectStatus = e.protectStatus;
        v.protectRecommendation = e.protectRecommendation;
        v.source = e.source;
        v.ingestTime = e.ingestTime;
        if (e.context != null) {
            Map<String, String> context = new HashMap<>(4);
            copyEntry(e.context, useCaseContextKey, context);
            copyEntry(e.context, feedbackContextKey, context);
            v.context = context;
        }
        return v;
    }

    private static void copyEntry(Map<String, String> from, String key, Map<String, String> to) {
        if (key != null && from.containsKey(key)) {
            to.put(key, from.get(key));
        }
    }

    /**
     * True when this exact event (same eventId) was already processed for the message: the state remembers the id, or
     * its 64-bit print once the state was serialized ({@link EventIdPrints}).
     */
    public boolean isDuplicate(MessageState s, CanonicalEvent e) {
        if (e.eventId == null) {
            return false;
        }
        for (String id : s.seenEventIds) {
            if (EventIdPrints.matches(id, e.eventId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Applies one event. {@code watermark} is the operator's current event-time watermark (Long.MIN_VALUE when none):
     * it only tells whether the feedback deadline has already passed.
     */
    public List<MessageDelta> onEvent(MessageState s, CanonicalEvent e, long watermark) {
        if (isDuplicate(s, e)) {
            return List.of();
        }
        remember(s, e.eventId);
        if (s.messageId == null) {
            s.messageId = e.messageId;
        }
        s.maxEventTime = Math.max(s.maxEventTime, e.eventTime);
        Out out = new Out(s);
        if (isFeedback(e)) {
            onFeedback(s, e, out);
        } else {
            onReceipt(s, e, out);
        }
        if (s.attributionTime != NONE && s.feedbackTracked) {
            if (watermark != Long.MIN_VALUE && watermark >= s.attributionTime + feedbackTimeoutMs) {
                s.feedbackDeadlinePassed = true;
            }
            reconcileFeedback(s, out);
        }
        reconcileUntrackedFeedback(s, out);
        return out.deltas();
    }

    /** The event-time watermark passed {@link #feedbackDeadline}: a tracked message with no outcome fails. */
    public List<MessageDelta> onFeedbackTimeout(MessageState s) {
        s.feedbackDeadlinePassed = true;
        Out out = new Out(s);
        if (s.attributionTime != NONE && s.feedbackTracked) {
            reconcileFeedback(s, out);
        }
        return out.deltas();
    }

    /**
     * When the feedback timer must fire (request time + feedbackTimeout), or {@link MessageState#NONE} when the
     * message is not tracked, not yet counted, or the deadline already passed.
     */
    public long feedbackDeadline(MessageState s) {
        if (!s.feedbackTracked || s.attributionTime == NONE || s.feedbackDeadlinePassed) {
            return NONE;
        }
        return s.attributionTime + feedbackTimeoutMs;
    }

    /**
     * When a message without an outcome becomes outcome_unknown: its attribution (request) time plus the allowed
     * lateness, the last moment its request's window still takes updates. {@link MessageState#NONE} when the message is
     * not counted or already has an outcome.
     */
    public long outcomeUnknownTime(MessageState s) {
        if (!s.counted || s.outcome != MessageState.OUTCOME_NONE) {
            return NONE;
        }
        return s.attributionTime + outcomeUnknownAfterMs;
    }

    /**
     * The request's window is closing and no final outcome arrived (or the state expires without one): the message
     * moves from pending to outcome_unknown, both in the window of its request. Does nothing when it has an outcome.
     */
    public List<MessageDelta> onOutcomeUnknown(MessageState s) {
        Out out = new Out(s);
        if (awaitsOutcome(s)) {
            out.at(s.attributionTime).add(SumColumn.OUTCOME_UNKNOWN, 1);
            closePending(s, s.attributionTime, out);
            s.outcome = MessageState.OUTCOME_UNKNOWN;
            s.outcomeTime = s.attributionTime;
        }
        return out.deltas();
    }

    /**
     * True when the message's expiry emits nothing: neither {@link #onOutcomeUnknown} (it has an outcome, or was never
     * counted) nor {@link #onExpiry} (it holds no feedback that never met its message). The operator then drops the
     * state at expiry without reading it.
     */
    public boolean expiryOnlyClears(MessageState s) {
        return !awaitsOutcome(s) && !holdsUnmatchedFeedback(s);
    }

    private static boolean awaitsOutcome(MessageState s) {
        return s.counted && s.outcome == MessageState.OUTCOME_NONE;
    }

    private static boolean holdsUnmatchedFeedback(MessageState s) {
        return s.attributionTime == NONE && s.heldFeedback.length > 0;
    }

    /** When the message's state may be dropped: stateHorizon after its latest event (and after its request time). */
    public long expiryTime(MessageState s) {
        return Math.max(s.maxEventTime, s.attributionTime) + stateHorizonMs;
    }

    /**
     * The state horizon passed: returns one {@code feedback_without_message} dead letter per held feedback record
     * (feedback whose message never showed a receipt). The caller clears the state.
     */
    public List<DeadLetter> onExpiry(MessageState s) {
        if (!holdsUnmatchedFeedback(s)) {
            return List.of();
        }
        List<DeadLetter> out = new ArrayList<>();
        for (int i = 0; i < s.heldFeedback.length; i++) {
            HeldFeedback h = s.heldFeedback[i];
            String detail = "feedback " + h.feedbackStatus + " for message " + s.messageId + " at " + h.eventTime
                    + ": no delivery receipt within the state horizon of " + stateHorizonMs + " ms";
            if (i == s.heldFeedback.length - 1 && s.heldFeedbackCount > s.heldFeedback.length) {
                detail += " (and " + (s.heldFeedbackCount - s.heldFeedback.length) + " more feedback records beyond the held limit)";
            }
            String payload = "{\"MessageId\":" + DeadLetter.jsonString(s.messageId) + ",\"MessageFeedbackStatus\":"
                    + DeadLetter.jsonString(h.feedbackStatus) + ",\"timestamp\":" + h.eventTime + "}";
            out.add(deadLetter(DeadLetterReason.FEEDBACK_WITHOUT_MESSAGE, detail, h.source, h.ingestTime, payload));
        }
        return out;
    }

    /**
     * The dead letter for an event later than the watermark minus the allowed lateness. Its payload is a compact
     * description of the canonical event (ids, type, time): never the destination number.
     */
    public DeadLetter lateRecord(CanonicalEvent e, long watermark) {
        String detail = "event " + e.eventType + " of message " + e.messageId + " at " + e.eventTime
                + " is behind the watermark " + watermark + " by more than the allowed lateness";
        return DeadLetter.ofEvent(DeadLetterReason.LATE, detail, e);
    }

    // ------------------------------------------------------------------------------------------------

    private static DeadLetter deadLetter(DeadLetterReason reason, String detail, String source, long ingestTime, String payload) {
        DeadLetter d = new DeadLetter();
        d.reason = reason.code();
        d.detail = detail;
        d.source = source;
        d.ingestTime = ingestTime;
        d.payload = payload;
        d.payloadBytes = payload.getBytes(StandardCharsets.UTF_8).length;
        return d;
    }

    static boolean isFeedback(CanonicalEvent e) {
        return e.status == Status.FEEDBACK || (e.feedbackStatus != null && e.channel == null);
    }

    private void onFeedback(MessageState s, CanonicalEvent e, Out out) {
        String fs = e.feedbackStatus == null ? "" : e.feedbackStatus.toUpperCase(Locale.ROOT);
        if ("RECEIVED".equals(fs)) {
            s.firstReceivedTime = min(s.firstReceivedTime, e.eventTime);
        } else if ("FAILED".equals(fs)) {
            s.firstFailedTime = min(s.firstFailedTime, e.eventTime);
        }
        if (s.attributionTime == NONE) {
            hold(s, e, fs);
        }
    }

    private static void hold(MessageState s, CanonicalEvent e, String fs) {
        s.heldFeedbackCount++;
        if (s.heldFeedback.length >= MAX_HELD_FEEDBACK) {
            return;
        }
        HeldFeedback h = new HeldFeedback();
        h.eventId = e.eventId;
        h.feedbackStatus = fs;
        h.eventTime = e.eventTime;
        h.source = e.source;
        h.ingestTime = e.ingestTime;
        HeldFeedback[] held = Arrays.copyOf(s.heldFeedback, s.heldFeedback.length + 1);
        held[held.length - 1] = h;
        s.heldFeedback = held;
    }

    private void onReceipt(MessageState s, CanonicalEvent e, Out out) {
        if (s.channel == null) {
            s.channel = e.channel;
        }
        if (s.isoCountryCode == null) {
            s.isoCountryCode = e.isoCountryCode;
        }
        if (s.originationId == null) {
            s.originationId = e.originationId;
        }
        rememberDimensions(s, e);
        if (e.direction == Direction.INBOUND) {
            if (!s.inboundCounted) {
                s.inboundCounted = true;
                if (s.attributionTime == NONE) {
                    s.attributionTime = e.eventTime;
                }
                MessageDelta d = out.at(e.eventTime);
                d.add(SumColumn.INBOUND, 1);
                if (e.channel == Channel.WHATSAPP) {
                    addWhatsAppFee(d, SumColumn.WHATSAPP_AWS_FEE_MICROS, fees.awsMessageFeeMicros());
                }
                releaseHeld(s);
            }
            return;
        }
        boolean success = isSuccess(e);
        boolean failure = !success && isFinalFailure(e);
        if (e.channel == Channel.WHATSAPP && e.status == Status.SENT) {
            s.sentTime = min(s.sentTime, e.eventTime);
        }
        if (s.requestTime == NONE && e.requestTime != null) {
            s.requestTime = e.requestTime;
        }
        if (trackedByRule(e)) {
            s.feedbackTracked = true;
        }
        if (!s.counted) {
            s.counted = true;
            s.attributionTime = e.requestTime != null ? e.requestTime : e.eventTime;
            MessageDelta d = out.at(s.attributionTime);
            d.add(SumColumn.MESSAGES, 1);
            if (s.outcome == MessageState.OUTCOME_NONE) {
                d.add(SumColumn.PENDING, 1);
                s.pendingCounted = true;
            }
            if (e.channel == Channel.WHATSAPP) {
                addWhatsAppFee(d, SumColumn.WHATSAPP_AWS_FEE_MICROS, fees.awsMessageFeeMicros());
            }
            releaseHeld(s);
        }
        countCost(s, e, out);
        if (success) {
            onSuccess(s, e, out);
        } else if (failure) {
            onFailure(s, e, out);
        }
        if (e.status == Status.READ && !s.readCounted) {
            s.readCounted = true;
            out.at(e.eventTime).add(SumColumn.READ, 1);
        }
        if (!s.protectBlockCounted && "BLOCK".equalsIgnoreCase(e.protectRecommendation)) {
            s.protectBlockCounted = true;
            MessageDelta d = out.at(s.attributionTime);
            d.add(SumColumn.PROTECT_BLOCK_RECOMMENDED, 1);
            if ("MONITOR".equalsIgnoreCase(e.protectStatus)) {
                d.add(SumColumn.PROTECT_RECOMMENDED_MONITOR, 1);
            } else if ("FILTER".equalsIgnoreCase(e.protectStatus)) {
                d.add(SumColumn.PROTECT_RECOMMENDED_FILTER, 1);
            }
        }
        if (!s.protectBlockedCounted && failure && e.failureClass == FailureClass.PROTECT_BLOCKED) {
            s.protectBlockedCounted = true;
            out.at(s.attributionTime).add(SumColumn.PROTECT_BLOCKED, 1);
        }
    }

    private static void releaseHeld(MessageState s) {
        s.heldFeedback = new HeldFeedback[0];
        s.heldFeedbackCount = 0;
    }

    /**
     * A message is feedback-tracked by its sender's Context flag, by its use case or origination id being listed in
     * the configuration, or by track-all (SMS/MMS); a feedback record alone does not track it (conversion would read
     * ~100% when only RECEIVED is reported).
     */
    private boolean trackedByRule(CanonicalEvent e) {
        if (feedbackTrackAll && (e.channel == Channel.SMS || e.channel == Channel.MMS)) {
            return true;
        }
        if (e.originationId != null && feedbackTrackedOriginationIds.contains(e.originationId)) {
            return true;
        }
        if (e.context == null) {
            return false;
        }
        String useCase = e.context.get(useCaseContextKey);
        if (useCase != null && feedbackTrackedUseCases.contains(useCase)) {
            return true;
        }
        return feedbackContextKey != null && "true".equalsIgnoreCase(e.context.get(feedbackContextKey));
    }

    /** READ anywhere, WhatsApp delivered, or a final DELIVERED receipt (TEXT_SUCCESSFUL / TEXT_DELIVERED / ...). */
    static boolean isSuccess(CanonicalEvent e) {
        if (e.status == Status.READ) {
            return true;
        }
        return e.status == Status.DELIVERED && (e.isFinal || e.channel == Channel.WHATSAPP);
    }

    /** A final FAILED receipt; a WhatsApp {@code failed} status is always final. */
    static boolean isFinalFailure(CanonicalEvent e) {
        return e.status == Status.FAILED && (e.isFinal || e.channel == Channel.WHATSAPP);
    }

    private void countCost(MessageState s, CanonicalEvent e, Out out) {
        if (!s.priceCounted && e.priceMicros != null) {
            s.priceCounted = true;
            out.at(s.attributionTime).add(SumColumn.PRICE_MICROS, e.priceMicros);
        }
        if (!s.carrierFeeCounted && e.carrierFeeMicros != null) {
            s.carrierFeeCounted = true;
            out.at(s.attributionTime).add(SumColumn.CARRIER_FEE_MICROS, e.carrierFeeMicros);
        }
        if (!s.partsCounted && e.messageParts != null) {
            s.partsCounted = true;
            out.at(s.attributionTime).add(SumColumn.MESSAGE_PARTS, e.messageParts);
        }
        if (e.channel == Channel.WHATSAPP && !s.pricingSeen && hasPricing(e)) {
            s.pricingSeen = true;
            boolean billable = isBillable(e);
            MessageDelta d = out.at(s.attributionTime);
            long metaFee = fees.metaFeeMicros(s.isoCountryCode, e.pricingModel, e.pricingCategory, e.pricingType, billable);
            addWhatsAppFee(d, SumColumn.WHATSAPP_META_FEE_MICROS, metaFee);
            if (metaFee != 0 && isConversationPriced(e)) {
                // CBP charges per conversation: the conversation-fees operator keeps it once per conversation_id
                d.conversationId = e.conversationId;
            }
            if (billable) {
                addBillable(d, e.pricingCategory);
            }
        }
    }

    /** Conversation-based pricing with a conversation id: Meta's fee is per conversation, not per message. */
    static boolean isConversationPriced(CanonicalEvent e) {
        return "CBP".equalsIgnoreCase(e.pricingModel) && e.conversationId != null && !e.conversationId.isEmpty();
    }

    /** A WhatsApp fee goes to its part (Meta or AWS) and to the WhatsApp total. */
    private static void addWhatsAppFee(MessageDelta d, SumColumn part, long micros) {
        d.add(part, micros);
        d.add(SumColumn.WHATSAPP_FEE_MICROS, micros);
    }

    static boolean hasPricing(CanonicalEvent e) {
        return e.pricingModel != null || e.pricingCategory != null || e.pricingType != null || e.billable != null;
    }

    /** {@code free_*} pricing types are never billable; {@code regular} always is; otherwise Meta's billable flag. */
    static boolean isBillable(CanonicalEvent e) {
        String type = e.pricingType == null ? "" : e.pricingType.toLowerCase(Locale.ROOT);
        if (type.startsWith("free")) {
            return false;
        }
        return "regular".equals(type) || Boolean.TRUE.equals(e.billable);
    }

    private static void addBillable(MessageDelta d, String category) {
        String c = category == null ? "" : category.toLowerCase(Locale.ROOT);
        if (c.startsWith("authentication")) {
            d.add(SumColumn.BILLABLE_AUTHENTICATION, 1);
        } else if (c.startsWith("marketing")) {
            d.add(SumColumn.BILLABLE_MARKETING, 1);
        } else if (c.equals("utility")) {
            d.add(SumColumn.BILLABLE_UTILITY, 1);
        } else if (c.equals("service")) {
            d.add(SumColumn.BILLABLE_SERVICE, 1);
        }
    }

    /**
     * The earliest success by event time decides the delivery's window and latency, whatever the arrival order: a
     * success earlier than the counted one moves the delivery (delivered -1 and its latency sample taken back at the
     * old time, +1 at the new one); a success replaces a counted failure or outcome_unknown at their own times.
     */
    private static void onSuccess(MessageState s, CanonicalEvent e, Out out) {
        if (s.outcome == MessageState.OUTCOME_DELIVERED && e.eventTime >= s.outcomeTime) {
            return;
        }
        // a delivery restored from release 1 state did not keep its latency sample: it stays, and none is added
        boolean sampleMoves = !(s.outcome == MessageState.OUTCOME_DELIVERED && s.deliveryLatencyMs == MessageState.LATENCY_NOT_KEPT);
        takeBackOutcome(s, out);
        MessageDelta d = out.at(e.eventTime);
        d.add(SumColumn.DELIVERED, 1);
        long start = s.channel == Channel.WHATSAPP ? s.sentTime : s.requestTime;
        if (sampleMoves) {
            d.latencyMs = start == NONE ? -1 : Math.max(0, e.eventTime - start);
            s.deliveryLatencyMs = d.latencyMs;
        }
        closePending(s, e.eventTime, out);
        s.outcome = MessageState.OUTCOME_DELIVERED;
        s.outcomeTime = e.eventTime;
    }

    /** The earliest final failure by event time counts (with its class), unless a success arrived. */
    private static void onFailure(MessageState s, CanonicalEvent e, Out out) {
        if (s.outcome == MessageState.OUTCOME_DELIVERED
                || (s.outcome == MessageState.OUTCOME_FAILED && e.eventTime >= s.outcomeTime)) {
            return;
        }
        takeBackOutcome(s, out);
        out.at(e.eventTime).addFailure(e.failureClass, 1);
        closePending(s, e.eventTime, out);
        s.outcome = MessageState.OUTCOME_FAILED;
        s.outcomeTime = e.eventTime;
        s.failureClass = e.failureClass;
    }

    /** Cancels the counted outcome at its own time (the pending -1 that came with it is re-opened there). */
    private static void takeBackOutcome(MessageState s, Out out) {
        if (s.outcome == MessageState.OUTCOME_NONE) {
            return;
        }
        MessageDelta old = out.at(s.outcomeTime);
        if (s.outcome == MessageState.OUTCOME_DELIVERED) {
            old.add(SumColumn.DELIVERED, -1);
            if (s.deliveryLatencyMs >= 0) {
                old.latencyMs = s.deliveryLatencyMs;
                old.latencyWeight = -1;
            }
        } else if (s.outcome == MessageState.OUTCOME_FAILED) {
            old.addFailure(s.failureClass, -1);
            s.failureClass = null;
        } else if (s.outcome == MessageState.OUTCOME_UNKNOWN) {
            old.add(SumColumn.OUTCOME_UNKNOWN, -1);
        }
        if (s.pendingClosedTime != NONE) {
            out.at(s.pendingClosedTime).add(SumColumn.PENDING, 1);
            s.pendingClosedTime = NONE;
            s.pendingCounted = true;
        }
        s.outcome = MessageState.OUTCOME_NONE;
        s.outcomeTime = NONE;
    }

    private static void closePending(MessageState s, long time, Out out) {
        if (s.pendingCounted) {
            out.at(time).add(SumColumn.PENDING, -1);
            s.pendingCounted = false;
            s.pendingClosedTime = time;
        }
    }

    /**
     * Brings the emitted feedback counts in line with what the event times say (first of RECEIVED within the
     * deadline, FAILED, deadline wins), taking back an earlier emission when a record with an earlier time arrives.
     */
    private void reconcileFeedback(MessageState s, Out out) {
        if (!s.feedbackTrackedCounted) {
            s.feedbackTrackedCounted = true;
            out.at(s.attributionTime).add(SumColumn.FEEDBACK_TRACKED, 1);
        }
        long deadline = s.attributionTime + feedbackTimeoutMs;
        long r = s.firstReceivedTime;
        long f = s.firstFailedTime;
        int want = MessageState.FEEDBACK_NONE;
        long wantTime = NONE;
        if (r != NONE && r <= deadline && (f == NONE || r < f)) {
            want = MessageState.FEEDBACK_CONVERTED;
            wantTime = r;
        } else if (f != NONE && f <= deadline) {
            want = MessageState.FEEDBACK_FAILED;
            wantTime = f;
        } else if (s.feedbackDeadlinePassed || (r != NONE && r > deadline) || (f != NONE && f > deadline)) {
            want = MessageState.FEEDBACK_FAILED;
            wantTime = deadline;
        }
        if (want != s.feedbackOutcome || wantTime != s.feedbackOutcomeTime) {
            addFeedbackOutcome(out, s.feedbackOutcome, s.feedbackOutcomeTime, -1);
            addFeedbackOutcome(out, want, wantTime, 1);
            s.feedbackOutcome = want;
            s.feedbackOutcomeTime = wantTime;
        }
        long wantLate = (r != NONE && r > deadline) ? r : NONE;
        if (wantLate != s.lateFeedbackTime) {
            if (s.lateFeedbackTime != NONE) {
                out.at(s.lateFeedbackTime).add(SumColumn.LATE_FEEDBACK, -1);
            }
            if (wantLate != NONE) {
                out.at(wantLate).add(SumColumn.LATE_FEEDBACK, 1);
            }
            s.lateFeedbackTime = wantLate;
        }
    }

    /** feedback_untracked_received: a counted message, not tracked, with feedback records (taken back if it becomes tracked). */
    private static void reconcileUntrackedFeedback(MessageState s, Out out) {
        boolean want = s.counted && !s.feedbackTracked && (s.firstReceivedTime != NONE || s.firstFailedTime != NONE);
        if (want != s.untrackedFeedbackCounted) {
            out.at(s.attributionTime).add(SumColumn.FEEDBACK_UNTRACKED_RECEIVED, want ? 1 : -1);
            s.untrackedFeedbackCounted = want;
        }
    }

    private static void addFeedbackOutcome(Out out, int kind, long time, int n) {
        if (kind == MessageState.FEEDBACK_CONVERTED) {
            out.at(time).add(SumColumn.CONVERTED, n);
        } else if (kind == MessageState.FEEDBACK_FAILED) {
            out.at(time).add(SumColumn.FEEDBACK_FAILED, n);
        }
    }

    private static void remember(MessageState s, String eventId) {
        if (eventId == null) {
            return;
        }
        String[] ids = s.seenEventIds;
        if (ids.length < MAX_SEEN_IDS) {
            ids = Arrays.copyOf(ids, ids.length + 1);
        } else {
            System.arraycopy(ids, 1, ids, 0, ids.length - 1);
        }
        ids[ids.length - 1] = eventId;
        s.seenEventIds = ids;
    }

    private static long min(long current, long t) {
        return current == NONE ? t : Math.min(current, t);
    }

    /**
     * Keeps the first message type, use case and network seen on the message's receipts. The message type is the
     * SMS/MMS/voice messageType; for an outbound WhatsApp message the pricing category (its type in Meta's billing
     * terms); nothing for inbound messages (their messageType is the content type, not a traffic class).
     */
    private void rememberDimensions(MessageState s, CanonicalEvent e) {
        if (s.messageType == null && e.direction == Direction.OUTBOUND) {
            s.messageType = e.channel == Channel.WHATSAPP ? e.pricingCategory : e.messageType;
        }
        if (s.useCase == null && e.context != null) {
            s.useCase = e.context.get(useCaseContextKey);
        }
        if (s.mcc == null && s.mnc == null && (e.mcc != null || e.mnc != null)) {
            s.mcc = e.mcc;
            s.mnc = e.mnc;
        }
        if (e.carrierName != null) {
            s.carrierName = e.carrierName;
        }
    }

    /** Collects the deltas of one call, one per attribution time, stamped with the message's identity. */
    private static final class Out {
        private final MessageState s;
        private final Map<Long, MessageDelta> byTime = new LinkedHashMap<>();

        Out(MessageState s) {
            this.s = s;
        }

        MessageDelta at(long time) {
            return byTime.computeIfAbsent(time, t -> {
                MessageDelta d = new MessageDelta();
                d.attributionTime = t;
                return d;
            });
        }

        List<MessageDelta> deltas() {
            List<MessageDelta> list = new ArrayList<>(byTime.size());
            for (MessageDelta d : byTime.values()) {
                d.channel = s.channel;
                d.isoCountryCode = s.isoCountryCode;
                d.originationId = s.originationId;
                d.messageId = s.messageId;
                d.messageType = s.messageType;
                d.useCase = s.useCase;
                d.mcc = s.mcc;
                d.mnc = s.mnc;
                d.carrierName = s.carrierName;
                list.add(d);
            }
            return list;
        }
    }
}
