package com.example.eum.analytics.decode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic event ids: hex of the first 16 bytes of SHA-256 over the source event's identity, so the same
 * event gets the same id through any envelope and on every redelivery. Identities:
 * configuration-set {@code messageId|eventType|eventTimestamp|isFinal}; WhatsApp status
 * {@code wamid|status|timestampMs}; WhatsApp inbound {@code wamid|inbound}; feedback
 * {@code messageId|status|timestampMs}.
 */
public final class EventIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** One digest per thread: getInstance looks up the provider every time, digest() leaves it reset. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    });

    private EventIds() {}

    public static String configSetEvent(String messageId, String eventType, long eventTimestamp, boolean isFinal) {
        return id(messageId + "|" + eventType + "|" + eventTimestamp + "|" + isFinal);
    }

    public static String whatsAppStatus(String wamid, String status, long timestampMs) {
        return id(wamid + "|" + status + "|" + timestampMs);
    }

    public static String whatsAppInbound(String wamid) {
        return id(wamid + "|inbound");
    }

    public static String feedback(String messageId, String status, long timestampMs) {
        return id(messageId + "|" + status + "|" + timestampMs);
    }

    static String id(String identity) {
        byte[] d = SHA256.get().digest(identity.getBytes(StandardCharsets.UTF_8));
        byte[] first = new byte[16];
        System.arraycopy(d, 0, first, 0, 16);
        return hex(first);
    }

    static String hex(byte[] b) {
        char[] out = new char[b.length * 2];
        for (int i = 0; i < b.length; i++) {
            out[2 * i] = HEX[(b[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[b[i] & 0xf];
        }
        return new String(out);
    }
}
