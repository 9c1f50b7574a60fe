package com.example.eum.analytics.model;

/**
 * Why a message failed. Every event with {@link Status#FAILED} carries one. The mapping from raw event
 * types and WhatsApp error codes is documented in schemas/canonical-event.md.
 */
public enum FailureClass {
    /** Blocked by the handset, the carrier, or as spam (TEXT_BLOCKED, TEXT_CARRIER_BLOCKED, TEXT_SPAM, WhatsApp spam limits). */
    BLOCKED,
    /** Blocked before sending by an SMS Protect configuration (TEXT_PROTECT_BLOCKED, RCS_PROTECT_BLOCKED). */
    PROTECT_BLOCKED,
    /** Invalid destination or content (TEXT_INVALID, TEXT_INVALID_MESSAGE, MEDIA_FILE_*, WhatsApp not-on-WhatsApp). */
    INVALID,
    /** Recipient or carrier unreachable (TEXT_UNREACHABLE, TEXT_CARRIER_UNREACHABLE, VOICE_BUSY, VOICE_NO_ANSWER). */
    UNREACHABLE,
    /** The TTL ran out before delivery (*_TTL_EXPIRED). */
    EXPIRED,
    /** Rejected by messaging policy (WhatsApp re-engagement window, template or pair-rate rules). */
    POLICY,
    /** Any other failure, including TEXT_UNKNOWN after 72 h, VOICE_FAILED, RCS_FAILED. */
    UNKNOWN
}
