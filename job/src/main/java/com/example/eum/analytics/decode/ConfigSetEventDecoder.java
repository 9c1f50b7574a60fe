package com.example.eum.analytics.decode;

import static com.example.eum.analytics.decode.JsonFields.optBoolean;
import static com.example.eum.analytics.decode.JsonFields.optCount;
import static com.example.eum.analytics.decode.JsonFields.optEpochMillis;
import static com.example.eum.analytics.decode.JsonFields.optObject;
import static com.example.eum.analytics.decode.JsonFields.optString;
import static com.example.eum.analytics.decode.JsonFields.optStringMap;
import static com.example.eum.analytics.decode.JsonFields.optUsdMicros;
import static com.example.eum.analytics.decode.JsonFields.reqEpochMillis;
import static com.example.eum.analytics.decode.JsonFields.reqString;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetterReason;
import com.example.eum.analytics.model.Direction;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Pattern;

/**
 * One SMS/MMS/voice/RCS configuration-set event (DOMAIN.md §1) to a canonical event. Required: eventType,
 * messageId, eventTimestamp (epoch ms); isFinal when absent defaults from the type ({@link EventTypes}).
 * Everything else is optional but must have the right JSON type when present.
 */
final class ConfigSetEventDecoder {
    private static final Pattern SAFE_TYPE = Pattern.compile("[A-Z0-9_]{1,64}");

    private final EndUserResolver endUsers;

    ConfigSetEventDecoder(EndUserResolver endUsers) {
        this.endUsers = endUsers;
    }

    CanonicalEvent decode(JsonNode o, Envelope env) {
        String type = reqString(o, "eventType");
        EventTypes.Meaning m = EventTypes.lookup(type);
        if (m == null) {
            String shown = SAFE_TYPE.matcher(type).matches() ? " " + type : "";
            if (EventTypes.hasKnownPrefix(type)) {
                throw JsonFields.invalid("eventType", "unknown event type" + shown);
            }
            throw new DecodeException(DeadLetterReason.UNKNOWN_FAMILY,
                    "eventType: not a TEXT_/MEDIA_/VOICE_/RCS_ event type" + shown);
        }
        String messageId = reqString(o, "messageId");
        long eventTime = reqEpochMillis(o, "eventTimestamp");
        Boolean finalFlag = optBoolean(o, "isFinal");
        boolean isFinal = finalFlag != null ? finalFlag : m.defaultFinal;

        CanonicalEvent e = newEvent(env, type, m, messageId, eventTime, isFinal);
        e.originationId = optString(o, "originationPhoneNumber");
        endUsers.apply(e, optString(o, "destinationPhoneNumber"), optString(o, "isoCountryCode"));
        e.carrierName = optString(o, "carrierName");
        e.mcc = optString(o, "mcc");
        e.mnc = optString(o, "mnc");
        e.messageType = optString(o, "messageType");
        e.messageEncoding = optString(o, "messageEncoding");
        e.requestTime = optEpochMillis(o, "messageRequestTimestamp");
        e.priceMicros = optUsdMicros(o, "totalMessagePrice");
        e.carrierFeeMicros = optUsdMicros(o, "totalCarrierFee");
        e.messageParts = optCount(o, "totalMessageParts");
        e.context = optStringMap(o, "context");
        JsonNode protect = optObject(o, "protectConfiguration");
        if (protect != null) {
            e.protectConfigurationId = optString(protect, "protectConfigurationId");
            e.protectStatus = optString(protect, "protectStatus");
            e.protectRecommendation = optString(protect, "protectRecommendation");
        }
        return e;
    }

    /** The event's identity and meaning columns, from a known type. */
    static CanonicalEvent newEvent(Envelope env, String type, EventTypes.Meaning m, String messageId, long eventTime,
                                   boolean isFinal) {
        CanonicalEvent e = env.newEvent("RAW", null);
        e.eventId = EventIds.configSetEvent(messageId, type, eventTime, isFinal);
        e.channel = m.channel;
        e.direction = Direction.OUTBOUND;
        e.eventType = type;
        e.status = m.status;
        e.failureClass = m.failureClass;
        e.isFinal = isFinal;
        e.messageId = messageId;
        e.eventTime = eventTime;
        return e;
    }
}
