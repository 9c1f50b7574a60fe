package com.example.eum.analytics.model;

/** Why a record became a dead letter. The lower-case {@link #code()} is what the dead_letters table holds. */
public enum DeadLetterReason {
    /** Zero bytes, or only white space. */
    EMPTY,
    /** Larger than the decoder's size limit. */
    TOO_LARGE,
    /** Bytes that are not valid UTF-8 where text was expected. */
    NOT_UTF8,
    /** A replay line that is neither JSON nor valid base64. */
    BAD_BASE64,
    /** Binary payload that is not a readable gzip stream (or too large once inflated). */
    BAD_GZIP,
    /** Not parseable JSON (syntax error, truncated document). */
    MALFORMED_JSON,
    /** JSON nested deeper than the decoder's limit. */
    TOO_DEEP,
    /** Valid JSON that matches no known event family or envelope. */
    UNKNOWN_FAMILY,
    /** A required field (messageId, eventType, eventTimestamp, ...) is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type (e.g. a string where a number is required). */
    WRONG_TYPE,
    /** A field has a value outside its domain (unknown feedback status, unknown event type, bad timestamp). */
    INVALID_VALUE,
    /** A known record kind that carries no message event (e.g. Registration Status Change). */
    UNSUPPORTED_EVENT,
    /**
     * An event time that cannot be true: more than {@code Processing.maxFutureSkew} ahead of the record's ingest
     * (arrival) time, or, on a replay, far ahead of everything else and never confirmed by other events.
     */
    FUTURE_TIMESTAMP,
    /** Later than the watermark by more than the allowed lateness. */
    LATE,
    /** Message feedback whose message never showed up within the state horizon. */
    FEEDBACK_WITHOUT_MESSAGE;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Every code, comma-separated, in declaration order (the dead_letters table's documentation lists them). */
    public static String codes() {
        return java.util.Arrays.stream(values()).map(DeadLetterReason::code).collect(java.util.stream.Collectors.joining(", "));
    }
}
