package com.example.eum.analytics.lifecycle;

/**
 * How message state keeps the event ids it has seen (for exact-redelivery detection) in few bytes: an id that is the
 * decoder's 32 lowercase hex digits (the first 16 bytes of a SHA-256, {@code decode.EventIds}) is stored as its first
 * 16 digits, 64 bits of that hash; any other id as it is. A 64-bit print of a uniform hash matches another event's id
 * with probability 2^-64 per pair of events of one message (with at most {@link LifecycleRules#MAX_SEEN_IDS} ids
 * kept, about 10^-17 per message): in practice exact, at half the bytes of the full id.
 *
 * <p>State read back from {@link MessageStateSerializer} holds the prints; state still in memory (heap backend) may
 * hold full ids; state of earlier releases holds full ids: {@link #matches} accepts both.
 */
final class EventIdPrints {
    /** Hex digits of a print. */
    static final int PRINT_DIGITS = 16;
    private static final int ID_DIGITS = 32;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private EventIdPrints() {}

    /** True when {@code eventId} is the remembered id {@code seen}, or {@code seen} is the print of {@code eventId}. */
    static boolean matches(String seen, String eventId) {
        if (eventId.equals(seen)) {
            return true;
        }
        return seen != null && seen.length() == PRINT_DIGITS && eventId.length() == ID_DIGITS && eventId.startsWith(seen)
                && isHex(eventId, ID_DIGITS);
    }

    /** True for a decoder id (32 hex digits) or a print of one (16): stored as the 64-bit print. */
    static boolean printable(String id) {
        return id != null && (id.length() == ID_DIGITS || id.length() == PRINT_DIGITS) && isHex(id, id.length());
    }

    /** The 64 bits of the print of a {@link #printable} id. */
    static long print(String id) {
        long v = 0;
        for (int i = 0; i < PRINT_DIGITS; i++) {
            v = v << 4 | hexValue(id.charAt(i));
        }
        return v;
    }

    /** The print as its 16 hex digits. */
    static String printString(long print) {
        char[] c = new char[PRINT_DIGITS];
        for (int i = PRINT_DIGITS - 1; i >= 0; i--) {
            c[i] = HEX[(int) (print & 0xF)];
            print >>>= 4;
        }
        return new String(c);
    }

    private static boolean isHex(String s, int length) {
        for (int i = 0; i < length; i++) {
            if (hexValue(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int hexValue(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }
}
