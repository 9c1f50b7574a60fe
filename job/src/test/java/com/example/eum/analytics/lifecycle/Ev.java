package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.Direction;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.Status;

import java.util.HashMap;

/**
 * Hand-built canonical events for lifecycle tests (the decoders are written in parallel, so tests do not depend on
 * them). Each builder call returns a fresh builder; {@link #build()} returns a fresh event.
 */
final class Ev {
    /** 2025-06-02T14:00:00Z. */
    static final long T0 = 1_748_872_800_000L;
    static final long SEC = 1000L;
    static final long MIN = 60 * SEC;
    static final long HOUR = 60 * MIN;

    private final CanonicalEvent e = new CanonicalEvent();
    private boolean idSet;

    private Ev(Channel channel, String messageId) {
        e.channel = channel;
        e.direction = Direction.OUTBOUND;
        e.messageId = messageId;
        e.source = "test-stream";
        e.sourceEnvelope = "RAW";
        if (channel == Channel.SMS || channel == Channel.MMS || channel == Channel.VOICE) {
            e.isoCountryCode = "US";
            e.originationId = "+12065550100";
            e.requestTime = T0;
        } else if (channel == Channel.WHATSAPP) {
            e.isoCountryCode = "IN";
            e.originationId = "+12065550199";
        }
    }

    static Ev sms(String messageId) {
        return new Ev(Channel.SMS, messageId);
    }

    static Ev whatsapp(String messageId) {
        return new Ev(Channel.WHATSAPP, messageId);
    }

    /** A message-feedback record: no channel, no country, only id, status and time. */
    static CanonicalEvent feedback(String messageId, String status, long time) {
        Ev b = new Ev(null, messageId);
        b.e.direction = null;
        b.e.status = Status.FEEDBACK;
        b.e.eventType = "FEEDBACK_" + status;
        b.e.feedbackStatus = status;
        b.e.eventTime = time;
        b.e.sourceEnvelope = "FEEDBACK";
        return b.build();
    }

    // --- SMS statuses -------------------------------------------------------------------------------------
    Ev pending(long t) {
        return status("TEXT_PENDING", Status.PENDING, false, t);
    }

    Ev successful(long t) {
        return status("TEXT_SUCCESSFUL", Status.DELIVERED, true, t);
    }

    Ev delivered(long t) {
        return status("TEXT_DELIVERED", Status.DELIVERED, true, t);
    }

    Ev failed(String type, FailureClass fc, long t) {
        status(type, Status.FAILED, true, t);
        e.failureClass = fc;
        return this;
    }

    // --- WhatsApp statuses ----------------------------------------------------------------------------------
    Ev wa(String status, long t) {
        Status s = Status.valueOf(status.toUpperCase(java.util.Locale.ROOT));
        return status(status, s, s == Status.DELIVERED || s == Status.READ || s == Status.FAILED, t);
    }

    Ev inbound(long t) {
        e.direction = Direction.INBOUND;
        return status("inbound_text", Status.RECEIVED, true, t);
    }

    Ev status(String type, Status status, boolean isFinal, long t) {
        e.eventType = type;
        e.status = status;
        e.isFinal = isFinal;
        e.eventTime = t;
        return this;
    }

    Ev id(String eventId) {
        e.eventId = eventId;
        idSet = true;
        return this;
    }

    Ev requested(Long t) {
        e.requestTime = t;
        return this;
    }

    Ev country(String iso) {
        e.isoCountryCode = iso;
        return this;
    }

    Ev price(long priceMicros, long carrierFeeMicros, int parts) {
        e.priceMicros = priceMicros;
        e.carrierFeeMicros = carrierFeeMicros;
        e.messageParts = parts;
        return this;
    }

    Ev pricing(String model, String category, String type, Boolean billable) {
        e.pricingModel = model;
        e.pricingCategory = category;
        e.pricingType = type;
        e.billable = billable;
        return this;
    }

    Ev conversation(String conversationId) {
        e.conversationId = conversationId;
        return this;
    }

    Ev context(String key, String value) {
        e.context = new HashMap<>();
        e.context.put(key, value);
        return this;
    }

    Ev protect(String recommendation) {
        e.protectRecommendation = recommendation;
        return this;
    }

    CanonicalEvent build() {
        CanonicalEvent c = copy(e);
        if (!idSet) {
            c.eventId = e.messageId + "/" + e.eventType + "/" + e.eventTime;
        }
        c.ingestTime = e.eventTime + 2 * SEC;
        return c;
    }

    /** A field-by-field copy of an event (a redelivered or repeated record). */
    static CanonicalEvent copy(CanonicalEvent from) {
        CanonicalEvent c = new CanonicalEvent();
        for (java.lang.reflect.Field f : CanonicalEvent.class.getFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                f.set(c, f.get(from));
            } catch (IllegalAccessException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return c;
    }
}
