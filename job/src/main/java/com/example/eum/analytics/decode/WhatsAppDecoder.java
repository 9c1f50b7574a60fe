package com.example.eum.analytics.decode;

import static com.example.eum.analytics.decode.JsonFields.optArray;
import static com.example.eum.analytics.decode.JsonFields.optBoolean;
import static com.example.eum.analytics.decode.JsonFields.optInt;
import static com.example.eum.analytics.decode.JsonFields.optObject;
import static com.example.eum.analytics.decode.JsonFields.optString;
import static com.example.eum.analytics.decode.JsonFields.reqEpochSecondsAsMillis;
import static com.example.eum.analytics.decode.JsonFields.reqString;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.DeadLetterReason;
import com.example.eum.analytics.model.Direction;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.Status;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.function.Function;

/**
 * An AWS End User Messaging Social event (header + Meta webhook entry, DOMAIN.md §3) to one canonical event per
 * {@code changes[].value.statuses[]} (outbound status) and per {@code messages[]} (inbound message). A bad status
 * or message becomes a dead letter on its own; the others are kept. Text bodies, media, captions and profile
 * names are never read.
 */
final class WhatsAppDecoder {
    static final String ENTRY = "whatsAppWebhookEntry";
    static final String ENTRY_LOWER = "whatsappWebhookEntry";

    private final EndUserResolver endUsers;
    private final Function<String, JsonNode> parseNested;

    /** @param parseNested parses a JSON-in-a-string field with the decoder's limits (throws DecodeException) */
    WhatsAppDecoder(EndUserResolver endUsers, Function<String, JsonNode> parseNested) {
        this.endUsers = endUsers;
        this.parseNested = parseNested;
    }

    static boolean matches(JsonNode o) {
        return JsonFields.present(o, ENTRY) || JsonFields.present(o, ENTRY_LOWER);
    }

    void decode(JsonNode header, Envelope env, DecodeResult out) {
        String entryField = JsonFields.present(header, ENTRY) ? ENTRY : ENTRY_LOWER;
        JsonNode entryNode = header.get(entryField);
        JsonNode entry;
        if (entryNode.isTextual()) {
            try {
                entry = parseNested.apply(entryNode.textValue());
            } catch (DecodeException e) {
                throw e.at(entryField);
            }
        } else {
            entry = entryNode;
        }
        if (!entry.isObject()) {
            throw JsonFields.wrongType(entryField, "a JSON object (or a string holding one)", entry);
        }
        String accountId = optString(header, "aws_account_id");
        String wabaId = null;
        String phoneNumberId = null;
        JsonNode ctx = optObject(header, "context");
        if (ctx != null) {
            wabaId = firstOf(ctx, "MetaWabaIds", "wabaId");
            phoneNumberId = firstOf(ctx, "MetaPhoneNumberIds", "metaPhoneNumberId");
        }
        if (wabaId == null) {
            wabaId = optString(entry, "id");
        }
        JsonNode changes = optArray(entry, "changes");
        if (changes == null || changes.size() == 0) {
            throw JsonFields.missing(entryField + ".changes");
        }
        for (int c = 0; c < changes.size(); c++) {
            String where = "changes[" + c + "]";
            JsonNode change = changes.get(c);
            JsonNode value;
            try {
                if (!change.isObject()) {
                    throw JsonFields.wrongType(where, "an object", change);
                }
                value = optObject(change, "value");
                if (value == null) {
                    throw JsonFields.missing(where + ".value");
                }
            } catch (DecodeException e) {
                out.add(env.deadLetter(e));
                continue;
            }
            decodeValue(value, where + ".value", env, accountId, wabaId, phoneNumberId, out);
        }
    }

    private void decodeValue(JsonNode value, String where, Envelope env, String accountId, String wabaId,
                             String phoneNumberId, DecodeResult out) {
        String displayNumber;
        String valuePhoneNumberId;
        JsonNode statuses;
        JsonNode messages;
        try {
            JsonNode metadata = optObject(value, "metadata");
            displayNumber = metadata == null ? null : optString(metadata, "display_phone_number");
            valuePhoneNumberId = metadata == null ? null : optString(metadata, "phone_number_id");
            statuses = optArray(value, "statuses");
            messages = optArray(value, "messages");
            boolean none = (statuses == null || statuses.size() == 0) && (messages == null || messages.size() == 0);
            if (none) {
                String what = JsonFields.present(value, "errors") ? "carries errors[] but no statuses or messages"
                        : "carries no statuses or messages";
                throw new DecodeException(DeadLetterReason.UNSUPPORTED_EVENT, where + " " + what);
            }
        } catch (DecodeException e) {
            out.add(env.deadLetter(e.detail.startsWith(where) ? e : e.at(where)));
            return;
        }
        String origination = originationOf(displayNumber);
        String pnid = valuePhoneNumberId != null ? valuePhoneNumberId : phoneNumberId;
        fanOut(statuses, where + ".statuses", n -> status(n, env, accountId), origination, wabaId, pnid, env, out);
        fanOut(messages, where + ".messages", n -> inbound(n, env, accountId), origination, wabaId, pnid, env, out);
    }

    /** One event per element; a bad element is its own dead letter and does not stop the others. */
    private static void fanOut(JsonNode items, String where, Function<JsonNode, CanonicalEvent> decodeOne,
                               String origination, String wabaId, String phoneNumberId, Envelope env, DecodeResult out) {
        if (items == null) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            try {
                CanonicalEvent e = decodeOne.apply(items.get(i));
                fill(e, origination, wabaId, phoneNumberId);
                out.add(e);
            } catch (DecodeException ex) {
                out.add(env.deadLetter(ex.at(where + "[" + i + "]")));
            }
        }
    }

    private static void fill(CanonicalEvent e, String origination, String wabaId, String phoneNumberId) {
        e.originationId = origination;
        e.wabaId = wabaId;
        e.phoneNumberId = phoneNumberId;
    }

    private CanonicalEvent status(JsonNode s, Envelope env, String accountId) {
        if (!s.isObject()) {
            throw JsonFields.wrongType("status", "an object", s);
        }
        String wamid = reqString(s, "id");
        String raw = reqString(s, "status");
        Status status = statusOf(raw);
        long time = reqEpochSecondsAsMillis(s, "timestamp");

        CanonicalEvent e = statusEvent(env, "SOCIAL", accountId, wamid, raw, status, time);
        endUsers.apply(e, optString(s, "recipient_id"), null);
        JsonNode pricing = optObject(s, "pricing");
        if (pricing != null) {
            e.billable = optBoolean(pricing, "billable");
            e.pricingModel = optString(pricing, "pricing_model");
            e.pricingCategory = optString(pricing, "category");
            e.pricingType = optString(pricing, "type");
        }
        JsonNode conversation = optObject(s, "conversation");
        if (conversation != null) {
            e.conversationId = optString(conversation, "id");
            JsonNode origin = optObject(conversation, "origin");
            e.conversationOrigin = origin == null ? null : optString(origin, "type");
        }
        JsonNode errors = optArray(s, "errors");
        if (errors != null && errors.size() > 0 && errors.get(0).isObject()) {
            e.errorCode = optInt(errors.get(0), "code");
            e.errorTitle = optString(errors.get(0), "title");
        }
        if (status == Status.FAILED) {
            e.failureClass = WhatsAppErrorCodes.classify(e.errorCode);
        }
        return e;
    }

    private CanonicalEvent inbound(JsonNode m, Envelope env, String accountId) {
        if (!m.isObject()) {
            throw JsonFields.wrongType("message", "an object", m);
        }
        String wamid = reqString(m, "id");
        long time = reqEpochSecondsAsMillis(m, "timestamp");
        String type = optString(m, "type");
        CanonicalEvent e = inboundEvent(env, accountId, wamid, time, type);
        endUsers.apply(e, optString(m, "from"), null);
        return e;
    }

    /** An inbound message's event (RECEIVED, final) from its id, time and message type. */
    static CanonicalEvent inboundEvent(Envelope env, String accountId, String wamid, long time, String type) {
        String safeType = safeType(type);
        CanonicalEvent e = env.newEvent("SOCIAL", accountId);
        e.eventId = EventIds.whatsAppInbound(wamid);
        e.channel = Channel.WHATSAPP;
        e.direction = Direction.INBOUND;
        e.eventType = "inbound_" + safeType;
        e.status = Status.RECEIVED;
        e.isFinal = true;
        e.messageId = wamid;
        e.eventTime = time;
        e.messageType = type == null ? null : safeType;
        return e;
    }

    /** An outbound status's event from its message id, raw status word (any case), its {@link #statusOf} and time. */
    static CanonicalEvent statusEvent(Envelope env, String terminal, String accountId, String messageId, String raw,
                                      Status status, long time) {
        String eventType = raw.toLowerCase(Locale.ROOT);
        CanonicalEvent e = env.newEvent(terminal, accountId);
        e.eventId = EventIds.whatsAppStatus(messageId, eventType, time);
        e.channel = Channel.WHATSAPP;
        e.direction = Direction.OUTBOUND;
        e.eventType = eventType;
        e.status = status;
        e.isFinal = isFinal(status);
        e.messageId = messageId;
        e.eventTime = time;
        return e;
    }

    /**
     * The message type as an event-type suffix: lower case, every code point other than a-z, 0-9 and _ replaced by
     * _, at most 64 chars; "unknown" when absent.
     */
    static String safeType(String type) {
        if (type == null) {
            return "unknown";
        }
        String lower = type.toLowerCase(Locale.ROOT);
        StringBuilder b = null;
        for (int i = 0; i < lower.length(); ) {
            int c = lower.codePointAt(i);
            int width = Character.charCount(c);
            boolean keep = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
            if (!keep && b == null) {
                b = new StringBuilder(lower.length()).append(lower, 0, i);
            }
            if (b != null) {
                if (keep) {
                    b.append((char) c);
                } else {
                    b.append('_');
                }
            }
            i += width;
        }
        String safe = b == null ? lower : b.toString();
        return safe.length() > 64 ? safe.substring(0, 64) : safe;
    }

    /** A WhatsApp status word (any case) to its status; an unknown word is an invalid_value dead letter. */
    static Status statusOf(String raw) {
        switch (raw.toLowerCase(Locale.ROOT)) {
            case "sent": return Status.SENT;
            case "delivered": return Status.DELIVERED;
            case "read": return Status.READ;
            case "failed": return Status.FAILED;
            case "deleted": return Status.DELETED;
            case "warning": return Status.WARNING;
            default: throw JsonFields.invalid("status", "expected sent, delivered, read, failed, deleted or warning");
        }
    }

    /** Delivered, read, failed and deleted end a message; sent and warning do not. */
    static boolean isFinal(Status s) {
        return s == Status.DELIVERED || s == Status.READ || s == Status.FAILED || s == Status.DELETED;
    }

    /** "+" and the digits of the business display number ("+1 206-555-0100" and "12065550100" give the same). */
    static String originationOf(String displayNumber) {
        if (displayNumber == null) {
            return null;
        }
        StringBuilder b = new StringBuilder("+");
        for (int i = 0; i < displayNumber.length(); i++) {
            char c = displayNumber.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.length() > 1 ? b.toString() : null;
    }

    private static String firstOf(JsonNode ctx, String arrayField, String idField) {
        JsonNode arr = optArray(ctx, arrayField);
        if (arr == null || arr.size() == 0 || !arr.get(0).isObject()) {
            return null;
        }
        return optString(arr.get(0), idField);
    }
}
