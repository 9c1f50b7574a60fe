package com.example.eum.analytics.model;

/** A record the job could not use, with the reason. Written to the dead_letters table; never dropped silently. */
public class DeadLetter {
    /** Maximum number of payload bytes kept in {@link #payload} (before base64). Longer payloads are truncated. */
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024;

    /** Stable machine-readable reason, one of {@link DeadLetterReason}'s codes. */
    public String reason;
    /** Human-readable detail (parser message, missing field name); never contains the payload. */
    public String detail;
    /** Source of the record (stream or file name). */
    public String source;
    /** When the record was read, epoch ms. Dead letters are partitioned by this time. */
    public long ingestTime;
    /** The payload, truncated to {@link #MAX_PAYLOAD_BYTES}: UTF-8 text, or base64 when {@link #payloadBase64}. */
    public String payload;
    /** True when {@link #payload} is base64 because the bytes were binary or not valid UTF-8. */
    public boolean payloadBase64;
    /** Size of the original payload in bytes (before truncation). */
    public int payloadBytes;
    /** True when the payload was truncated. */
    public boolean payloadTruncated;

    public DeadLetter() {}

    @Override
    public String toString() {
        return "DeadLetter{" + reason + ": " + detail + " from " + source + "}";
    }
}
