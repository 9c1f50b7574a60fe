package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetterReason;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The CloudTrail record of an AWS End User Messaging SMS {@code PutMessageFeedback} call, as EventBridge delivers
 * it ({@code detail-type} "AWS API Call via CloudTrail", {@code source} aws.sms-voice; the record is the
 * {@code detail}), to one feedback event: message id and status from {@code requestParameters} (either casing),
 * time from {@code eventTime}. A call that failed ({@code errorCode} present) changed nothing and any other API call
 * carries no feedback: both are {@code unsupported_event} dead letters. The record names the caller but never an end
 * user, and nothing of it other than id, status and time is kept.
 */
final class CloudTrailFeedbackDecoder {
    static final String DETAIL_TYPE = "AWS API Call via CloudTrail";
    static final String LAYER = "CLOUDTRAIL";
    static final String EVENT_NAME = "PutMessageFeedback";

    private CloudTrailFeedbackDecoder() {}

    static boolean matches(String detailType) {
        return DETAIL_TYPE.equals(detailType);
    }

    /** @param env the envelope with the EventBridge and CloudTrail layers already added */
    static CanonicalEvent decode(JsonNode record, Envelope env) {
        String eventName = JsonFields.reqString(record, "eventName");
        if (!EVENT_NAME.equals(eventName)) {
            throw new DecodeException(DeadLetterReason.UNSUPPORTED_EVENT,
                    "CloudTrail eventName " + safe(eventName) + " carries no message feedback (only " + EVENT_NAME + " does)");
        }
        String error = JsonFields.optString(record, "errorCode");
        if (error != null) {
            throw new DecodeException(DeadLetterReason.UNSUPPORTED_EVENT,
                    "CloudTrail " + EVENT_NAME + " call failed with " + safe(error) + ": no feedback was recorded");
        }
        JsonNode request = JsonFields.optObject(record, "requestParameters");
        if (request == null) {
            throw JsonFields.missing("requestParameters");
        }
        long time = JsonFields.reqEpochMillisOrIso(record, "eventTime");
        try {
            return FeedbackDecoder.decode(request, env, time);
        } catch (DecodeException e) {
            throw e.at("requestParameters");
        }
    }

    /** An API or error name as shown in a dead-letter detail: letters and digits only, at most 64 of them. */
    private static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9.]", "");
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}
