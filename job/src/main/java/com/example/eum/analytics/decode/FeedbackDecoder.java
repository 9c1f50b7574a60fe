package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.Direction;
import com.example.eum.analytics.model.Status;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * A message-feedback record ({@code MessageId}/{@code messageId}, {@code MessageFeedbackStatus}/
 * {@code messageFeedbackStatus} RECEIVED or FAILED, {@code timestamp} epoch ms or ISO-8601) to a canonical event
 * with status FEEDBACK, no channel (feedback carries only the message id) and is_final false. The same fields
 * arrive in the CloudTrail record of a {@code PutMessageFeedback} call ({@link CloudTrailFeedbackDecoder}).
 */
final class FeedbackDecoder {
    static final String TERMINAL = "FEEDBACK";

    static boolean matches(JsonNode o) {
        return JsonFields.present(o, "MessageFeedbackStatus") || JsonFields.present(o, "messageFeedbackStatus");
    }

    CanonicalEvent decode(JsonNode o, Envelope env) {
        return decode(o, env, JsonFields.reqEpochMillisOrIso(o, "timestamp"));
    }

    /** The feedback fields of {@code o} (either casing) at {@code time}. */
    static CanonicalEvent decode(JsonNode o, Envelope env, long time) {
        String idField = JsonFields.present(o, "MessageId") ? "MessageId" : "messageId";
        String statusField = JsonFields.present(o, "MessageFeedbackStatus") ? "MessageFeedbackStatus" : "messageFeedbackStatus";
        String messageId = JsonFields.reqString(o, idField);
        String status = JsonFields.reqString(o, statusField).trim().toUpperCase(Locale.ROOT);
        if (!"RECEIVED".equals(status) && !"FAILED".equals(status)) {
            throw JsonFields.invalid(statusField, "expected RECEIVED or FAILED");
        }

        return event(env, messageId, status, time);
    }

    /** The feedback event of a message id, a checked status (RECEIVED or FAILED) and a time. */
    static CanonicalEvent event(Envelope env, String messageId, String status, long time) {
        CanonicalEvent e = env.newEvent(TERMINAL, null);
        e.eventId = EventIds.feedback(messageId, status, time);
        e.channel = null;
        e.direction = Direction.OUTBOUND;
        e.eventType = "FEEDBACK_" + status;
        e.status = Status.FEEDBACK;
        e.feedbackStatus = status;
        e.isFinal = false;
        e.messageId = messageId;
        e.eventTime = time;
        return e;
    }
}
