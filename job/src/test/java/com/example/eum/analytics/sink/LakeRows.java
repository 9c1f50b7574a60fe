package com.example.eum.analytics.sink;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.Direction;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.Status;
import com.example.eum.analytics.model.WindowMetrics;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hand-built rows of every lake table, shared by the sink tests and the file-size benchmark. */
final class LakeRows {
    private LakeRows() {}

    static long at(String isoInstant) {
        return Instant.parse(isoInstant).toEpochMilli();
    }

    /** An outbound event with only the required columns set. */
    private static CanonicalEvent required(String eventId, long eventTime, String eventType, Status status, boolean isFinal,
                                           String messageId, String envelope, long ingestDelayMs) {
        CanonicalEvent e = new CanonicalEvent();
        e.eventId = eventId;
        e.direction = Direction.OUTBOUND;
        e.eventType = eventType;
        e.status = status;
        e.isFinal = isFinal;
        e.messageId = messageId;
        e.eventTime = eventTime;
        e.sourceEnvelope = envelope;
        e.ingestTime = eventTime + ingestDelayMs;
        return e;
    }

    /** A fully populated SMS delivery receipt with a two-entry context map. */
    static CanonicalEvent fullEvent(String eventId, long eventTime) {
        CanonicalEvent e = required(eventId, eventTime, "TEXT_DELIVERED", Status.DELIVERED, true, "msg-" + eventId, "SNS>RAW", 2_000);
        e.channel = Channel.SMS;
        e.originationId = "+12065550100";
        e.destinationHash = "9f2c4a";
        e.isoCountryCode = "US";
        e.countrySource = "EVENT";
        e.carrierName = "Example Wireless";
        e.mcc = "310";
        e.mnc = "012";
        e.messageType = "TRANSACTIONAL";
        e.messageEncoding = "GSM";
        e.requestTime = eventTime - 1_250;
        e.priceMicros = 5_810L;
        e.carrierFeeMicros = 3_020L;
        e.messageParts = 1;
        Map<String, String> context = new LinkedHashMap<>();
        context.put("campaign", "spring");
        context.put("track_conversion", "true");
        e.context = context;
        e.accountId = "111122223333";
        e.protectConfigurationId = "pc-1";
        e.protectStatus = "ALLOW";
        e.source = "stream-a";
        return e;
    }

    /** A feedback record: channel and most optional columns null, empty context map. */
    static CanonicalEvent sparseEvent(String eventId, long eventTime) {
        CanonicalEvent e = required(eventId, eventTime, "FEEDBACK_RECEIVED", Status.FEEDBACK, false, "msg-" + eventId, "FEEDBACK", 10);
        e.feedbackStatus = "RECEIVED";
        e.context = new LinkedHashMap<>();
        return e;
    }

    /** A WhatsApp policy failure whose context map holds one entry with a null value. */
    static CanonicalEvent whatsAppFailure(String eventId, long eventTime) {
        CanonicalEvent e = required(eventId, eventTime, "failed", Status.FAILED, true, "wamid.HBgL" + eventId, "SOCIAL", 500);
        e.channel = Channel.WHATSAPP;
        e.failureClass = FailureClass.POLICY;
        e.isoCountryCode = "BR";
        e.countrySource = "PHONE_NUMBER";
        e.billable = false;
        e.errorCode = 131049;
        e.errorTitle = "This message was not delivered to maintain healthy ecosystem engagement.";
        Map<String, String> context = new LinkedHashMap<>();
        context.put("k", null);
        e.context = context;
        e.wabaId = "waba-1";
        e.phoneNumberId = "pn-1";
        return e;
    }

    static DeadLetter deadLetter(String reason, long ingestTime, String payload, boolean base64) {
        DeadLetter d = new DeadLetter();
        d.reason = reason;
        d.detail = "field eventTimestamp";
        d.source = "stream-a";
        d.ingestTime = ingestTime;
        d.payload = payload;
        d.payloadBase64 = base64;
        d.payloadBytes = payload == null ? 0 : payload.length();
        d.payloadTruncated = false;
        return d;
    }

    static WindowMetrics metrics(String key, long windowStart, int revision) {
        WindowMetrics m = new WindowMetrics();
        m.windowStart = windowStart;
        m.windowEnd = windowStart + 300_000;
        m.channel = Channel.SMS;
        m.key = key;
        m.revision = revision;
        m.set(SumColumn.MESSAGES, 10);
        m.set(SumColumn.DELIVERED, 7);
        m.set(SumColumn.FAILED, 2);
        m.set(SumColumn.FAILED_BLOCKED, 1);
        m.set(SumColumn.FAILED_UNREACHABLE, 1);
        m.set(SumColumn.PENDING, 1);
        m.set(SumColumn.FEEDBACK_TRACKED, 4);
        m.set(SumColumn.CONVERTED, 3);
        m.set(SumColumn.FEEDBACK_FAILED, 1);
        m.deliveryRate = 7.0 / 9.0;
        m.conversionRate = 0.75;
        m.set(SumColumn.PRICE_MICROS, 58_100);
        m.set(SumColumn.CARRIER_FEE_MICROS, 30_200);
        m.set(SumColumn.MESSAGE_PARTS, 12);
        m.latencyCount = 7;
        m.latencyP50Ms = 1_800L;
        m.latencyP95Ms = 4_100L;
        return m;
    }
}
