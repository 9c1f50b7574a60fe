package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.Status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The fast path of {@link RecordDecoder} for the shapes that make up nearly all traffic: configuration-set events
 * (raw, in SNS, in EventBridge, in a gzip CloudWatch Logs batch), WhatsApp Social events (raw or in SNS, the webhook
 * entry as a string or an object) and message feedback. Each record is read once, straight from its UTF-8 bytes, by
 * {@link Utf8JsonReader} into {@link LiteJson} objects (strict JSON within the tree decoder's limits, duplicate keys
 * refused; JSON held in strings unescaped into bytes and read by the same loop); what that reader leaves (rare valid
 * shapes) is read with Jackson's streaming parser into the same objects; no regular expression runs.
 *
 * <p>It only ever produces events, and exactly the events the tree-based decoder produces for the same record:
 * the moment a record is anything other than well-formed and well-typed in a common shape (a dead letter to be, a
 * partial batch, a rare envelope, an unusual but valid type such as a number given as a string), it gives up and
 * {@link #decode} returns null; the record then goes through the tree-based decoder, which owns every dead letter
 * and every rare shape. {@code StreamingDecoderEquivalenceTest} holds the two to the same output.
 */
final class StreamingDecoder {
    private final DecoderSettings settings;
    private final JsonFactory json;
    private final EndUserResolver endUsers;
    private final Utf8JsonReader reader;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** The inflate buffer grows for a large batch and is dropped again past this size. */
    private static final int MAX_KEPT_BUFFER = 1 << 20;

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    /** The last inflated batch (reused: a record is parsed before the next one is inflated). */
    private byte[] inflated = new byte[1 << 16];
    private final CharsetDecoder strictUtf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    StreamingDecoder(DecoderSettings settings, JsonFactory json, EndUserResolver endUsers) {
        this.settings = settings;
        this.json = json;
        this.endUsers = endUsers;
        this.reader = new Utf8JsonReader(settings.maxNestingDepth(), settings.maxInflatedBytes());
    }

    /** The record's events when it is a common, valid shape; null to leave it to the tree-based decoder. */
    DecodeResult decode(byte[] payload, Envelope root) {
        try {
            byte[] b = payload;
            int length = b.length;
            if (b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
                length = gunzip(b);
                b = inflated;
                if (length <= 0 || length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
                    return null;
                }
            }
            LiteJson top = reader.read(b, length);
            if (top == null || reader.sawNonAscii() && !strictUtf8(b, length)) {
                // a shape the byte reader leaves to Jackson (or not UTF-8 at all, which the next check finds)
                if (!plainUtf8Json(b, length)) {
                    return null;
                }
                try (JsonParser p = json.createParser(b, 0, length)) {
                    top = LiteJson.readDocument(p, json);
                }
            }
            if (inflated.length > MAX_KEPT_BUFFER) {
                inflated = new byte[1 << 16]; // one large batch must not pin megabytes for the decoder's lifetime
            }
            DecodeResult out = new DecodeResult();
            node(top, root, out);
            return out;
        } catch (LiteJson.Bail | DecodeException | IOException e) {
            return null;
        } catch (RuntimeException e) {
            // anything unexpected: the tree-based decoder decides, and turns a defect into a dead letter
            return null;
        }
    }

    /**
     * Bytes the tree decoder would read as the same text: valid UTF-8, no byte-order mark, and no NUL in the first
     * four bytes (from which Jackson's byte reader would guess UTF-16 or UTF-32).
     */
    private boolean plainUtf8Json(byte[] b, int length) {
        if (length < 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (b[i] == 0) {
                return false;
            }
        }
        if (ascii(b, length)) {
            return true;
        }
        if ((b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB) {
            return false;
        }
        return strictUtf8(b, length);
    }

    private boolean strictUtf8(byte[] b, int length) {
        try {
            strictUtf8.reset().decode(ByteBuffer.wrap(b, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** No byte with the high bit set: 32 bytes (four longs) per step. */
    static boolean ascii(byte[] b, int length) {
        int i = 0;
        for (; i + 32 <= length; i += 32) {
            long x = (long) LONGS.get(b, i) | (long) LONGS.get(b, i + 8) | (long) LONGS.get(b, i + 16) | (long) LONGS.get(b, i + 24);
            if ((x & 0x8080808080808080L) != 0) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Inflates a single-member gzip stream with no optional header fields (what CloudWatch Logs and the JDK write)
     * into {@link #inflated}, checking its CRC and size as GZIPInputStream does; returns the length, or -1 for
     * anything else (other header flags, trailing bytes, a second member, a corrupt or oversized stream), which the
     * tree decoder then reads or rejects.
     */
    private int gunzip(byte[] gz) {
        if (gz.length < 18 || gz[2] != 8 || gz[3] != 0) {
            return -1;
        }
        int max = settings.maxInflatedBytes();
        inflater.reset();
        inflater.setInput(gz, 10, gz.length - 10);
        byte[] buf = inflated;
        int n = 0;
        try {
            while (!inflater.finished()) {
                if (n == buf.length) {
                    if (buf.length > max) {
                        return -1;
                    }
                    buf = java.util.Arrays.copyOf(buf, (int) Math.min(max + 1L, buf.length * 2L));
                    inflated = buf;
                }
                int k = inflater.inflate(buf, n, buf.length - n);
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return -1;
                }
                n += k;
            }
        } catch (DataFormatException e) {
            return -1;
        }
        if (n > max || inflater.getRemaining() != 8) {
            return -1;
        }
        crc.reset();
        crc.update(buf, 0, n);
        int trailer = gz.length - 8;
        if ((int) crc.getValue() != (int) INTS.get(gz, trailer) || n != (int) INTS.get(gz, trailer + 4)) {
            return -1;
        }
        return n;
    }

    /** JSON held in a string (SNS Message, a log event's message, a WhatsApp webhook entry). */
    private LiteJson nested(String text) throws IOException {
        if (text == null || text.isEmpty() || text.charAt(0) == '\uFEFF') {
            throw LiteJson.bail();
        }
        try (JsonParser p = json.createParser(text)) {
            return LiteJson.readDocument(p, json);
        }
    }

    /** The document in a string field, read with its object or now; null when the field is not a string. */
    private LiteJson nestedField(LiteJson o, String field) throws IOException {
        LiteJson read = o.nested(field);
        if (read != null) {
            return read;
        }
        String text = o.text(field);
        return text == null ? null : nested(text);
    }

    /** The tree decoder's detection order (RecordDecoder.decodeNode), for the shapes handled here. */
    private void node(LiteJson n, Envelope env, DecodeResult out) throws IOException {
        if (n.kind("awslogs") != LiteJson.ABSENT || n.kind("eventSource") != LiteJson.ABSENT) {
            throw LiteJson.bail();
        }
        String messageType = n.text("messageType");
        if ("DATA_MESSAGE".equals(messageType)) {
            logsBatch(n, deeper(env, RecordDecoder.CLOUDWATCH_LOGS, n.optString("owner")), out);
            return;
        }
        if ("CONTROL_MESSAGE".equals(messageType)) {
            throw LiteJson.bail();
        }
        if (n.kind("Type") != LiteJson.ABSENT) {
            byte message = n.kind("Message");
            if (!"Notification".equals(n.text("Type")) || message != LiteJson.STRING && message != LiteJson.NESTED) {
                throw LiteJson.bail();
            }
            Envelope inner = deeper(env, RecordDecoder.SNS, null);
            node(nestedField(n, "Message"), inner, out);
            return;
        }
        if (n.kind("detail") != LiteJson.ABSENT) {
            eventBridge(n, env, out);
            return;
        }
        if (n.present(WhatsAppDecoder.ENTRY) || n.present(WhatsAppDecoder.ENTRY_LOWER)) {
            whatsApp(n, env, out);
            return;
        }
        if (n.present("MessageFeedbackStatus") || n.present("messageFeedbackStatus")) {
            out.add(feedback(n, env));
            return;
        }
        if (n.present("eventType")) {
            out.add(configSet(n, env));
            return;
        }
        throw LiteJson.bail();
    }

    private Envelope deeper(Envelope env, String layer, String accountId) {
        if (env.depth >= settings.maxEnvelopeDepth()) {
            throw LiteJson.bail();
        }
        return env.wrap(layer, accountId);
    }

    private void logsBatch(LiteJson batch, Envelope env, DecodeResult out) throws IOException {
        List<Object> events = batch.optArray("logEvents");
        if (events == null) {
            throw LiteJson.bail();
        }
        for (Object ev : events) {
            if (!(ev instanceof LiteJson)) {
                throw LiteJson.bail();
            }
            LiteJson message = nestedField((LiteJson) ev, "message");
            if (message == null) {
                throw LiteJson.bail();
            }
            node(message, env, out);
        }
    }

    /** An EventBridge event around a configuration-set event (the service's own and CloudTrail details are rare). */
    private void eventBridge(LiteJson n, Envelope env, DecodeResult out) throws IOException {
        LiteJson detail = n.optObject("detail");
        if (detail == null || n.kind("detail-type") == LiteJson.ABSENT && n.kind("source") == LiteJson.ABSENT) {
            throw LiteJson.bail();
        }
        String detailType = n.text("detail-type");
        if (SocialEventBridgeDecoder.SOURCE.equals(n.text("source")) || CloudTrailFeedbackDecoder.matches(detailType)
                || "Registration Status Change".equals(detailType)) {
            throw LiteJson.bail();
        }
        node(detail, deeper(env, RecordDecoder.EVENTBRIDGE, n.optString("account")), out);
    }

    /** ConfigSetEventDecoder, field for field. */
    private CanonicalEvent configSet(LiteJson o, Envelope env) {
        String type = o.reqString("eventType");
        EventTypes.Meaning m = EventTypes.lookup(type);
        if (m == null) {
            throw LiteJson.bail();
        }
        String messageId = o.reqString("messageId");
        long eventTime = epochMillis(o.optLong("eventTimestamp"));
        Boolean finalFlag = o.optBoolean("isFinal");
        boolean isFinal = finalFlag != null ? finalFlag : m.defaultFinal;

        CanonicalEvent e = ConfigSetEventDecoder.newEvent(env, type, m, messageId, eventTime, isFinal);
        e.originationId = o.optString("originationPhoneNumber");
        endUsers.apply(e, o.optString("destinationPhoneNumber"), o.optString("isoCountryCode"));
        e.carrierName = o.optString("carrierName");
        e.mcc = o.optString("mcc");
        e.mnc = o.optString("mnc");
        e.messageType = o.optString("messageType");
        e.messageEncoding = o.optString("messageEncoding");
        Long request = o.optLong("messageRequestTimestamp");
        e.requestTime = request == null ? null : epochMillis(request);
        e.priceMicros = usdMicros(o, "totalMessagePrice");
        e.carrierFeeMicros = usdMicros(o, "totalCarrierFee");
        Long parts = o.optLong("totalMessageParts");
        if (parts != null && (parts < 0 || parts > Integer.MAX_VALUE)) {
            throw LiteJson.bail();
        }
        e.messageParts = parts == null ? null : parts.intValue();
        LiteJson context = o.optObject("context");
        e.context = context == null ? null : context.stringMap();
        LiteJson protect = o.optObject("protectConfiguration");
        if (protect != null) {
            e.protectConfigurationId = protect.optString("protectConfigurationId");
            e.protectStatus = protect.optString("protectStatus");
            e.protectRecommendation = protect.optString("protectRecommendation");
        }
        return e;
    }

    /** A required epoch-ms time inside the plausible range (out of range is a dead letter: left to the tree decoder). */
    private static long epochMillis(Long ms) {
        if (ms == null || ms < JsonFields.MIN_EPOCH_MS || ms >= JsonFields.MAX_EPOCH_MS) {
            throw LiteJson.bail();
        }
        return ms;
    }

    /** Epoch seconds (a JSON integer or a string of digits) as epoch ms, as JsonFields.reqEpochSecondsAsMillis. */
    private static long epochSecondsAsMillis(Long seconds) {
        if (seconds == null || seconds < 0 || seconds > JsonFields.MAX_EPOCH_MS / 1000) {
            throw LiteJson.bail();
        }
        return epochMillis(seconds * 1000L);
    }

    /**
     * JsonFields.optUsdMicros for a JSON number: a plain decimal with at most 6 places is exact in micro-USD and read
     * without BigDecimal; anything else goes through {@link JsonFields#usdToMicros} as the tree decoder does.
     */
    private static Long usdMicros(LiteJson o, String field) {
        String text = o.decimalText(field);
        if (text != null) {
            long micros = plainMicros(text);
            if (micros >= 0 && micros <= 10_000_000_000L) {
                return micros;
            }
        }
        BigDecimal d = o.optDecimal(field);
        return d == null ? null : JsonFields.usdToMicros(field, d);
    }

    /** digits[.digits] with at most 12 integer digits and 6 decimals, as micro-units; -1 for anything else. */
    static long plainMicros(String s) {
        int n = s.length();
        int i = 0;
        long whole = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            whole = whole * 10 + (s.charAt(i) - '0');
            i++;
        }
        if (i == 0 || i > 12) {
            return -1;
        }
        long frac = 0;
        int places = 0;
        if (i < n) {
            if (s.charAt(i) != '.') {
                return -1;
            }
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && places < 7) {
                frac = frac * 10 + (s.charAt(i) - '0');
                places++;
                i++;
            }
            if (i != n || places == 0 || places > 6) {
                return -1;
            }
        }
        for (int k = places; k < 6; k++) {
            frac *= 10;
        }
        return whole * 1_000_000L + frac;
    }

    /** FeedbackDecoder for a record with an epoch-ms timestamp. */
    private static CanonicalEvent feedback(LiteJson o, Envelope env) {
        long time = epochMillis(o.optLong("timestamp"));
        String messageId = o.reqString(o.present("MessageId") ? "MessageId" : "messageId");
        String status = o.reqString(o.present("MessageFeedbackStatus") ? "MessageFeedbackStatus" : "messageFeedbackStatus")
                .trim().toUpperCase(Locale.ROOT);
        if (!"RECEIVED".equals(status) && !"FAILED".equals(status)) {
            throw LiteJson.bail();
        }
        return FeedbackDecoder.event(env, messageId, status, time);
    }

    /** WhatsAppDecoder, for entries whose every change, status and message decodes. */
    private void whatsApp(LiteJson header, Envelope env, DecodeResult out) throws IOException {
        String entryField = header.present(WhatsAppDecoder.ENTRY) ? WhatsAppDecoder.ENTRY : WhatsAppDecoder.ENTRY_LOWER;
        LiteJson entry = nestedField(header, entryField);
        if (entry == null) {
            entry = header.optObject(entryField);
        }
        String accountId = header.optString("aws_account_id");
        String wabaId = null;
        String phoneNumberId = null;
        LiteJson ctx = header.optObject("context");
        if (ctx != null) {
            wabaId = firstOf(ctx, "MetaWabaIds", "wabaId");
            phoneNumberId = firstOf(ctx, "MetaPhoneNumberIds", "metaPhoneNumberId");
        }
        if (wabaId == null) {
            wabaId = entry.optString("id");
        }
        List<Object> changes = entry.optArray("changes");
        if (changes == null || changes.isEmpty()) {
            throw LiteJson.bail();
        }
        for (Object change : changes) {
            if (!(change instanceof LiteJson)) {
                throw LiteJson.bail();
            }
            LiteJson value = ((LiteJson) change).optObject("value");
            if (value == null) {
                throw LiteJson.bail();
            }
            LiteJson metadata = value.optObject("metadata");
            String displayNumber = metadata == null ? null : metadata.optString("display_phone_number");
            String valuePhoneNumberId = metadata == null ? null : metadata.optString("phone_number_id");
            List<Object> statuses = value.optArray("statuses");
            List<Object> messages = value.optArray("messages");
            if ((statuses == null || statuses.isEmpty()) && (messages == null || messages.isEmpty())) {
                throw LiteJson.bail();
            }
            String origination = WhatsAppDecoder.originationOf(displayNumber);
            String pnid = valuePhoneNumberId != null ? valuePhoneNumberId : phoneNumberId;
            if (statuses != null) {
                for (Object s : statuses) {
                    out.add(fill(status(object(s), env, accountId), origination, wabaId, pnid));
                }
            }
            if (messages != null) {
                for (Object m : messages) {
                    out.add(fill(inbound(object(m), env, accountId), origination, wabaId, pnid));
                }
            }
        }
    }

    private static LiteJson object(Object element) {
        if (!(element instanceof LiteJson)) {
            throw LiteJson.bail();
        }
        return (LiteJson) element;
    }

    private static CanonicalEvent fill(CanonicalEvent e, String origination, String wabaId, String phoneNumberId) {
        e.originationId = origination;
        e.wabaId = wabaId;
        e.phoneNumberId = phoneNumberId;
        return e;
    }

    private static String firstOf(LiteJson ctx, String arrayField, String idField) {
        List<Object> arr = ctx.optArray(arrayField);
        if (arr == null || arr.isEmpty() || !(arr.get(0) instanceof LiteJson)) {
            return null;
        }
        return ((LiteJson) arr.get(0)).optString(idField);
    }

    private CanonicalEvent status(LiteJson s, Envelope env, String accountId) {
        String wamid = s.reqString("id");
        String raw = s.reqString("status");
        Status status = WhatsAppDecoder.statusOf(raw);
        long time = epochSecondsAsMillis(s.optLongOrDigits("timestamp"));
        CanonicalEvent e = WhatsAppDecoder.statusEvent(env, "SOCIAL", accountId, wamid, raw, status, time);
        endUsers.apply(e, s.optString("recipient_id"), null);
        LiteJson pricing = s.optObject("pricing");
        if (pricing != null) {
            e.billable = pricing.optBoolean("billable");
            e.pricingModel = pricing.optString("pricing_model");
            e.pricingCategory = pricing.optString("category");
            e.pricingType = pricing.optString("type");
        }
        LiteJson conversation = s.optObject("conversation");
        if (conversation != null) {
            e.conversationId = conversation.optString("id");
            LiteJson origin = conversation.optObject("origin");
            e.conversationOrigin = origin == null ? null : origin.optString("type");
        }
        List<Object> errors = s.optArray("errors");
        if (errors != null && !errors.isEmpty() && errors.get(0) instanceof LiteJson) {
            LiteJson first = (LiteJson) errors.get(0);
            Long code = first.optLong("code");
            if (code != null && (code < Integer.MIN_VALUE || code > Integer.MAX_VALUE)) {
                throw LiteJson.bail();
            }
            e.errorCode = code == null ? null : code.intValue();
            e.errorTitle = first.optString("title");
        }
        if (status == Status.FAILED) {
            e.failureClass = WhatsAppErrorCodes.classify(e.errorCode);
        }
        return e;
    }

    private CanonicalEvent inbound(LiteJson m, Envelope env, String accountId) {
        String wamid = m.reqString("id");
        long time = epochSecondsAsMillis(m.optLongOrDigits("timestamp"));
        CanonicalEvent e = WhatsAppDecoder.inboundEvent(env, accountId, wamid, time, m.optString("type"));
        endUsers.apply(e, m.optString("from"), null);
        return e;
    }
}
