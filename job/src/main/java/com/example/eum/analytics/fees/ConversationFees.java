package com.example.eum.analytics.fees;

import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.SumColumn;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Conversation-based pricing (CBP, Meta's model before 1 July 2025): one conversation fee per 24-hour conversation,
 * however many billable messages it holds (schemas/fees.md). The lifecycle prices every billable message and marks
 * a CBP message's fee with its {@code conversation_id}; these rules keep that fee on one message per conversation,
 * the earliest by attribution time (ties: the smaller message id), which is the message that opened it, and take it
 * off the others. Which message pays never depends on arrival order: when an earlier message arrives later, the fee
 * moves to it (a delta of minus the fee at the previous payer's window). Plain Java, no Flink types.
 */
public final class ConversationFees implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A CBP conversation lasts 24 hours from its first message. */
    public static final long CONVERSATION_MS = Duration.ofHours(24).toMillis();

    private final long stateHorizonMs;

    /** {@code stateHorizon}: how long after its last message a message's events may still arrive (the lifecycle's). */
    public ConversationFees(Duration stateHorizon) {
        this.stateHorizonMs = stateHorizon.toMillis();
    }

    /**
     * One delta carrying a conversation's fee ({@link MessageDelta#conversationId} set): returns what to forward, the
     * delta itself (its fee removed when another message of the conversation pays) and, when it takes over the fee
     * from a later message, that message's correction.
     */
    public List<MessageDelta> onFeeDelta(ConversationCharge s, MessageDelta d) {
        long fee = d.get(SumColumn.WHATSAPP_META_FEE_MICROS);
        s.latestTime = s.latestTime == ConversationCharge.NONE ? d.attributionTime : Math.max(s.latestTime, d.attributionTime);
        if (s.messageId == null) {
            charge(s, d, fee);
            return List.of(d);
        }
        if (!pays(d, s)) {
            removeFee(d, fee);
            return List.of(d);
        }
        MessageDelta takeBack = new MessageDelta();
        takeBack.attributionTime = s.chargedTime;
        takeBack.channel = s.channel;
        takeBack.isoCountryCode = s.isoCountryCode;
        takeBack.originationId = s.originationId;
        takeBack.messageId = s.messageId;
        takeBack.messageType = s.messageType;
        takeBack.useCase = s.useCase;
        takeBack.mcc = s.mcc;
        takeBack.mnc = s.mnc;
        takeBack.carrierName = s.carrierName;
        removeFee(takeBack, s.feeMicros);
        charge(s, d, fee);
        return List.of(d, takeBack);
    }

    /**
     * When the conversation's state may be dropped: no message of it can be later than its first + 24 h, and a
     * message's events stop arriving one state horizon after it, so 24 h + stateHorizon after its latest message.
     */
    public long expiryTime(ConversationCharge s) {
        return s.latestTime + CONVERSATION_MS + stateHorizonMs;
    }

    /** True when {@code d}'s message opened the conversation before the current payer (earlier, or same time and smaller id). */
    private static boolean pays(MessageDelta d, ConversationCharge s) {
        if (d.attributionTime != s.chargedTime) {
            return d.attributionTime < s.chargedTime;
        }
        return d.messageId != null && d.messageId.compareTo(s.messageId) < 0;
    }

    private static void charge(ConversationCharge s, MessageDelta d, long fee) {
        s.messageId = d.messageId == null ? "" : d.messageId;
        s.chargedTime = d.attributionTime;
        s.feeMicros = fee;
        s.channel = d.channel;
        s.isoCountryCode = d.isoCountryCode;
        s.originationId = d.originationId;
        s.messageType = d.messageType;
        s.useCase = d.useCase;
        s.mcc = d.mcc;
        s.mnc = d.mnc;
        s.carrierName = d.carrierName;
    }

    private static void removeFee(MessageDelta d, long fee) {
        d.add(SumColumn.WHATSAPP_META_FEE_MICROS, -fee);
        d.add(SumColumn.WHATSAPP_FEE_MICROS, -fee);
    }
}
