package com.example.eum.analytics.decode;

import static com.example.eum.analytics.decode.JsonFields.optString;
import static com.example.eum.analytics.decode.JsonFields.reqEpochSecondsAsMillis;
import static com.example.eum.analytics.decode.JsonFields.reqString;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetterReason;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.Status;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * An AWS End User Messaging Social event that the service sends to EventBridge itself ({@code source}
 * aws.social-messaging), to one WhatsApp status event. The documented {@code detail} of the status events
 * (detail-types WhatsApp Message Sent / Delivered / Read / Failed) holds {@code wabaId},
 * {@code originationPhoneNumber} (digits), {@code originationPhoneNumberId}, {@code messageId} (the AWS message id
 * that SendWhatsAppMessage returned, not Meta's wamid), {@code status} and {@code eventTimestamp} (epoch seconds as a
 * string). It carries no recipient, pricing, conversation or error code, so these events have no country, no
 * destination hash and no WhatsApp fees, and failures are classed UNKNOWN (deploy/README.md, "what each route
 * loses"). The other detail-types (received messages, unknown notifications, handovers) are unsupported_event dead
 * letters: inbound messages come through the SNS event destination.
 */
final class SocialEventBridgeDecoder {
    static final String SOURCE = "aws.social-messaging";
    static final String TERMINAL = "SOCIAL_EVENT";
    /** The detail-types this decoder turns into events (the data-plane rule matches exactly these). */
    static final Set<String> STATUS_DETAIL_TYPES = Set.of(
            "WhatsApp Message Sent", "WhatsApp Message Delivered", "WhatsApp Message Read", "WhatsApp Message Failed");

    private final EndUserResolver endUsers;

    SocialEventBridgeDecoder(EndUserResolver endUsers) {
        this.endUsers = endUsers;
    }

    static boolean matches(JsonNode eventBridgeEvent) {
        JsonNode source = eventBridgeEvent.get("source");
        return source != null && source.isTextual() && SOURCE.equals(source.textValue());
    }

    /**
     * @param detailType the EventBridge detail-type (null when absent)
     * @param accountId  the EventBridge {@code account}
     */
    CanonicalEvent decode(String detailType, JsonNode detail, Envelope env, String accountId) {
        if (detailType != null && !STATUS_DETAIL_TYPES.contains(detailType)) {
            String shown = detailType.matches("[A-Za-z ]{1,64}") ? detailType : "(not shown)";
            throw new DecodeException(DeadLetterReason.UNSUPPORTED_EVENT, "EventBridge detail-type " + shown
                    + " from " + SOURCE + " carries no outbound status; route inbound messages through the SNS event destination");
        }
        String messageId = reqString(detail, "messageId");
        String raw = reqString(detail, "status");
        Status status = WhatsAppDecoder.statusOf(raw);
        long time = reqEpochSecondsAsMillis(detail, "eventTimestamp");

        CanonicalEvent e = WhatsAppDecoder.statusEvent(env, TERMINAL, accountId, messageId, raw, status, time);
        e.originationId = WhatsAppDecoder.originationOf(optString(detail, "originationPhoneNumber"));
        e.wabaId = optString(detail, "wabaId");
        e.phoneNumberId = optString(detail, "originationPhoneNumberId");
        endUsers.apply(e, null, null);
        if (status == Status.FAILED) {
            e.failureClass = FailureClass.UNKNOWN;
        }
        return e;
    }
}
