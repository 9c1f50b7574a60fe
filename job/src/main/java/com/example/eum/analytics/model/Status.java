package com.example.eum.analytics.model;

/**
 * Canonical status of one status change. Documented in schemas/canonical-event.md.
 *
 * <p>SMS/MMS/voice/RCS event types map here in {@code decode.EventTypes}; WhatsApp statuses map by name.
 * {@code TEXT_SUCCESSFUL} and {@code TEXT_DELIVERED} both map to {@link #DELIVERED}; every failure or
 * block maps to {@link #FAILED} with its kind in {@link FailureClass}.
 */
public enum Status {
    /** Accepted and queued by the service, not yet handed to a carrier. */
    QUEUED,
    /** Being delivered; no success or failure yet. */
    PENDING,
    /** Sent (WhatsApp {@code sent}, RCS_SENT, voice initiated/ringing/answered): in transit. */
    SENT,
    /** Delivered (carrier accepted or handset confirmed; voice completed). */
    DELIVERED,
    /** Read by the recipient (WhatsApp, RCS). Implies delivered. */
    READ,
    /** Not delivered, blocked or expired; see failure_class. */
    FAILED,
    /** The recipient deleted the message (WhatsApp). */
    DELETED,
    /** WhatsApp warning: the message refers to an unavailable item. */
    WARNING,
    /** An inbound message received from the end user. */
    RECEIVED,
    /** A message-feedback record (conversion signal); see feedback_status. */
    FEEDBACK
}
