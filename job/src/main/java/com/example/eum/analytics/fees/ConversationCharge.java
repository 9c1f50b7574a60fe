package com.example.eum.analytics.fees;

import com.example.eum.analytics.model.Channel;

/**
 * What the conversation-fees operator keeps per WhatsApp conversation (CBP): the message that pays the conversation
 * fee (the earliest by attribution time, ties by message id), where that fee was counted, and the latest attribution
 * time of its messages, which bounds the state. A Flink POJO (public fields, no-argument constructor).
 */
public class ConversationCharge {
    /** No time. */
    public static final long NONE = Long.MIN_VALUE;

    /** The message whose delta carries the conversation fee; null before the first one. */
    public String messageId;
    /** Attribution time (window) of that delta. */
    public long chargedTime = NONE;
    /** The fee it carries, micro-USD. */
    public long feeMicros;
    public Channel channel;
    public String isoCountryCode;
    public String originationId;
    /** The paying message's other key dimensions, so a correction lands in the same row of every metrics table. */
    public String messageType;
    public String useCase;
    public String mcc;
    public String mnc;
    public String carrierName;
    /** Latest attribution time of any message of the conversation seen. */
    public long latestTime = NONE;
    /** The event-time timer that clears this state, or {@link #NONE}. */
    public long expiryTimer = NONE;

    public ConversationCharge() {}
}
