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

    /**
     * The dead letter for a decoded event the pipeline cannot use (too late, time not trusted): its payload is a
     * compact JSON description of the event (ids, channel, type, event and request times), never the destination
     * number or body.
     */
    public static DeadLetter ofEvent(DeadLetterReason reason, String detail, CanonicalEvent e) {
        String payload = "{\"eventId\":" + jsonString(e.eventId) + ",\"messageId\":" + jsonString(e.messageId)
                + ",\"channel\":" + jsonString(e.channel == null ? null : e.channel.name()) + ",\"eventType\":"
                + jsonString(e.eventType) + ",\"eventTime\":" + e.eventTime + ",\"requestTime\":" + e.requestTime + "}";
        DeadLetter d = new DeadLetter();
        d.reason = reason.code();
        d.detail = detail;
        d.source = e.source;
        d.ingestTime = e.ingestTime;
        d.payload = payload;
        d.payloadBytes = payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return d;
    }

    /** {@code s} as a JSON string literal ({@code null} for null). */
    public static String jsonString(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    @Override
    public String toString() {
        return "DeadLetter{" + reason + ": " + detail + " from " + source + "}";
    }
}
