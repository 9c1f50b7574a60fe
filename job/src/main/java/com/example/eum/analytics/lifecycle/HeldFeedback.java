package com.example.eum.analytics.lifecycle;

/**
 * A feedback record kept in a message's state until the message's first receipt arrives. Only what a
 * {@code feedback_without_message} dead letter needs: the message id is not personal data, the record has no number.
 */
public class HeldFeedback {
    public String eventId;
    /** RECEIVED or FAILED. */
    public String feedbackStatus;
    public long eventTime;
    public String source;
    public long ingestTime;

    public HeldFeedback() {}
}
