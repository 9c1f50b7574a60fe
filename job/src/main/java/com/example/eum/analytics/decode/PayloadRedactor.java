package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.DeadLetter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Masks personal data in dead-letter payloads (unless the user opted in to raw numbers): end-user phone numbers
 * (destinationPhoneNumber, WhatsApp recipient_id / from / wa_id, and any "+digits" run) and message content
 * (body, caption, profile name). Dead letters are mostly malformed JSON, so this works on the text with patterns
 * that tolerate JSON nested in strings (SNS Message, whatsAppWebhookEntry: quotes escaped once or twice), not on a
 * parsed tree. Binary payloads are inflated and masked when they are gzip, and withheld otherwise.
 */
public final class PayloadRedactor {
    /** What replaces a masked value. */
    public static final String MASK = "<redacted>";

    /** Number fields: values never contain quotes or backslashes, so the value ends at the next one. */
    private static final Pattern NUMBER_FIELD = Pattern.compile(
            "(\\\\*\"(?:destinationPhoneNumber|recipient_id|recipient_participant_id|from|wa_id)\\\\*\"\\s*:\\s*\\\\*\")[^\"\\\\]*");
    /**
     * Content fields: group 2 is the run of backslashes escaping the opening quote; the value ends at a quote escaped
     * by exactly that run (an escaped quote inside the value has more backslashes before it).
     */
    private static final Pattern CONTENT_FIELD = Pattern.compile(
            "(\\\\*\"(?:body|caption|name|title_text|filename)\\\\*\"\\s*:\\s*(\\\\*)\")(.*?)((?<!\\\\)\\2\")", Pattern.DOTALL);
    private static final Pattern E164 = Pattern.compile("\\+\\d{7,15}");
    private static final int MAX_INFLATED = 4 * DeadLetter.MAX_PAYLOAD_BYTES;

    private PayloadRedactor() {}

    /** Masks the dead letter's payload in place; returns it. */
    public static DeadLetter redact(DeadLetter d) {
        if (d.payload == null) {
            return d;
        }
        if (!d.payloadBase64) {
            d.payload = redactText(d.payload);
            return d;
        }
        String inflated = inflatedText(d.payload);
        if (inflated != null) {
            d.payload = redactText(inflated);
            d.payloadBase64 = false;
            d.detail = d.detail + " (payload shown gunzipped and redacted)";
        } else {
            d.payload = null;
            d.detail = d.detail + " (binary payload withheld: it may hold personal data; --include-raw-numbers keeps it)";
        }
        return d;
    }

    /** The text with every known personal field value and every "+digits" run masked. */
    public static String redactText(String text) {
        String s = NUMBER_FIELD.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        s = CONTENT_FIELD.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$4");
        return E164.matcher(s).replaceAll(Matcher.quoteReplacement("+" + MASK));
    }

    private static String inflatedText(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
            return null;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            byte[] out = in.readNBytes(MAX_INFLATED);
            return DeadLetters.isText(out) ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
