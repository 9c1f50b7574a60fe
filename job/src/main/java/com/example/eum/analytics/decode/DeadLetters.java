package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.DeadLetter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Builds {@link DeadLetter}s: the payload kept as UTF-8 text when it is valid UTF-8 and not binary (no control
 * characters other than tab, CR, LF), else base64; cut to {@link DeadLetter#MAX_PAYLOAD_BYTES} (text is cut on a
 * character boundary).
 */
public final class DeadLetters {
    private DeadLetters() {}

    public static DeadLetter of(String reason, String detail, byte[] payload, String source, long ingestTime) {
        DeadLetter d = new DeadLetter();
        d.reason = reason;
        d.detail = detail;
        d.source = source;
        d.ingestTime = ingestTime;
        byte[] p = payload == null ? new byte[0] : payload;
        d.payloadBytes = p.length;
        int max = DeadLetter.MAX_PAYLOAD_BYTES;
        if (isText(p)) {
            int cut = p.length;
            if (cut > max) {
                cut = max;
                // step back over UTF-8 continuation bytes so no character is split
                while (cut > 0 && (p[cut] & 0xC0) == 0x80) {
                    cut--;
                }
            }
            d.payload = new String(p, 0, cut, StandardCharsets.UTF_8);
            d.payloadTruncated = cut < p.length;
            d.payloadBase64 = false;
        } else {
            int cut = Math.min(p.length, max);
            d.payload = Base64.getEncoder().encodeToString(cut == p.length ? p : Arrays.copyOf(p, cut));
            d.payloadTruncated = cut < p.length;
            d.payloadBase64 = true;
        }
        return d;
    }

    static boolean isText(byte[] p) {
        for (byte b : p) {
            int c = b & 0xff;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(p));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
