package com.example.eum.analytics.model;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.Map;
import java.util.Objects;

/**
 * One status change of one message, in any channel: the single event shape every decoder produces.
 *
 * <p>Columns and their meaning are defined once in {@code schema.Tables#EVENTS} (which also drives the Parquet
 * schema and the Athena DDL) and documented in schemas/canonical-event.md. Money is held in micro-USD
 * (exact integer arithmetic) and written as DECIMAL(18,6). Times are epoch milliseconds, UTC.
 */
public class CanonicalEvent {
    /** Deterministic id: the same source event always gets the same id, whatever envelope carried it. */
    public String eventId;
    public Channel channel;
    public Direction direction;
    /** Raw type or status as received (TEXT_DELIVERED, delivered, FEEDBACK_RECEIVED, ...). */
    public String eventType;
    public Status status;
    /** Set when status is FAILED. */
    public FailureClass failureClass;
    /** Whether this is the final word on the message (SMS/MMS/voice: the event's isFinal). */
    public boolean isFinal;
    /** SMS/MMS/voice messageId, WhatsApp wamid. Key of the message lifecycle and of the feedback join. */
    public String messageId;
    /** Sender: originationPhoneNumber as sent (may be an alphanumeric sender id); WhatsApp "+" display number. */
    public String originationId;
    /** HMAC-SHA256 of the E.164 destination (the other party for inbound), hex. */
    public String destinationHash;
    /** Raw E.164 destination: null unless the user opted in to raw numbers. */
    public String destinationNumber;
    public String isoCountryCode;
    /** EVENT (from the record), PHONE_NUMBER (libphonenumber), CALLING_CODE (main region of the code), or null. */
    public String countrySource;
    public String carrierName;
    public String mcc;
    public String mnc;
    /** TRANSACTIONAL / PROMOTIONAL for SMS; the WhatsApp message type (text, image, template...) when known. */
    public String messageType;
    public String messageEncoding;
    /** When the status change happened, epoch ms. Event time of the whole pipeline. */
    public long eventTime;
    /** When the send request was received (messageRequestTimestamp), epoch ms, or null. */
    public Long requestTime;
    /** totalMessagePrice in micro-USD, or null. */
    public Long priceMicros;
    /** totalCarrierFee in micro-USD, or null. */
    public Long carrierFeeMicros;
    public Integer messageParts;
    public String pricingModel;
    public String pricingCategory;
    public String pricingType;
    public Boolean billable;
    public String conversationId;
    public String conversationOrigin;
    public Integer errorCode;
    public String errorTitle;
    /** RECEIVED or FAILED on feedback records. */
    public String feedbackStatus;
    public String protectConfigurationId;
    public String protectStatus;
    public String protectRecommendation;
    /** The send request's Context map (SMS/MMS/voice). */
    @TypeInfo(StringMapTypeInfoFactory.class)
    public Map<String, String> context;
    public String accountId;
    /** WhatsApp: Meta WABA id and phone number id. */
    public String wabaId;
    public String phoneNumberId;
    /** Envelope chain that carried the event, outermost first, e.g. SNS>RAW, CLOUDWATCH_LOGS>RAW, SNS>SOCIAL. */
    public String sourceEnvelope;
    /** Stream or file the record was read from. */
    public String source;
    /** When the job read the record, epoch ms. */
    public long ingestTime;

    public CanonicalEvent() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CanonicalEvent)) {
            return false;
        }
        CanonicalEvent e = (CanonicalEvent) o;
        return Objects.equals(eventId, e.eventId) && ingestTime == e.ingestTime && Objects.equals(source, e.source);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(eventId);
    }

    @Override
    public String toString() {
        return "CanonicalEvent{" + channel + " " + messageId + " " + eventType + "/" + status
                + (failureClass == null ? "" : "/" + failureClass) + " final=" + isFinal + " t=" + eventTime + "}";
    }
}
