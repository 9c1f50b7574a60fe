package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.DeadLetterReason;
import com.example.eum.analytics.model.RawRecord;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/**
 * Decodes one {@link RawRecord}, whatever carried it, into canonical events or dead letters. Plain Java, no Flink
 * types; not thread-safe (one instance per operator subtask).
 *
 * <p>Detection, in this order, at every level (envelopes may nest up to {@link DecoderSettings#maxEnvelopeDepth()}):
 * gzip magic 1f 8b → gunzip; JSON object with {@code awslogs.data} → base64 → gzip; {@code messageType}
 * DATA_MESSAGE/CONTROL_MESSAGE → CloudWatch Logs batch (one event per {@code logEvents[].message}; control
 * messages give nothing); {@code eventSource} aws:sqs with a {@code body} → SQS message as an EventBridge Pipe
 * with an SQS source delivers it (a JSON array of them: one part each); {@code Type}=Notification with a string
 * {@code Message} → SNS; a {@code detail} object with {@code detail-type} or {@code source} → EventBridge (whose
 * {@code detail} is an aws.social-messaging status ({@link SocialEventBridgeDecoder}), a CloudTrail record
 * ({@link CloudTrailFeedbackDecoder}) or an event of the families below);
 * {@code whatsAppWebhookEntry}/{@code whatsappWebhookEntry}
 * → WhatsApp; {@code MessageFeedbackStatus}/{@code messageFeedbackStatus} → feedback; {@code eventType} →
 * configuration-set event; anything else → dead letter {@code unknown_family}. Nothing escapes as an exception.
 */
public final class RecordDecoder {
    static final String SNS = "SNS";
    static final String EVENTBRIDGE = "EVENTBRIDGE";
    static final String CLOUDWATCH_LOGS = "CLOUDWATCH_LOGS";
    static final String SQS = "SQS";

    private final DecoderSettings settings;
    private final ObjectMapper mapper;
    private final ConfigSetEventDecoder configSet;
    private final WhatsAppDecoder whatsApp;
    private final SocialEventBridgeDecoder socialEvents;
    private final FeedbackDecoder feedback = new FeedbackDecoder();
    private final StreamingDecoder streaming;

    public RecordDecoder(DecoderSettings settings) {
        this(settings, true);
    }

    /** @param streaming false: every record through the tree-based path (the oracle of the fast path's tests) */
    RecordDecoder(DecoderSettings settings, boolean streaming) {
        this.settings = settings;
        this.mapper = newMapper(settings);
        EndUserResolver endUsers = new EndUserResolver(settings.hashKey(), settings.includeRawNumbers());
        this.configSet = new ConfigSetEventDecoder(endUsers);
        this.whatsApp = new WhatsAppDecoder(endUsers, this::parseText);
        this.socialEvents = new SocialEventBridgeDecoder(endUsers);
        // the same limits; duplicate keys are rejected by the fast path itself (a cheaper check than the parser's)
        JsonFactory streamingJson = mapper.getFactory().copy();
        streamingJson.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.streaming = streaming ? new StreamingDecoder(settings, streamingJson, endUsers) : null;
    }

    /** The one mapper: nesting, number and string lengths bounded; exact decimals; trailing tokens and duplicate keys rejected. */
    static ObjectMapper newMapper(DecoderSettings s) {
        JsonFactory f = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(s.maxNestingDepth())
                        .maxNumberLength(64)
                        .maxStringLength(s.maxInflatedBytes())
                        .maxNameLength(1024)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        ObjectMapper m = new ObjectMapper(f);
        m.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        return m;
    }

    public DecodeResult decode(RawRecord r) {
        DecodeResult out = new DecodeResult();
        if (r == null) {
            out.add(DeadLetters.of(DeadLetterReason.EMPTY.code(), "null record", null, null, 0L));
            return out;
        }
        Envelope root = Envelope.root(r);
        try {
            if (r.transportError != null) {
                throw new TransportError(r.transportError);
            }
            byte[] p = r.payload;
            if (p == null || p.length == 0) {
                throw new DecodeException(DeadLetterReason.EMPTY, "record has no bytes");
            }
            if (p.length > settings.maxRecordBytes()) {
                throw new DecodeException(DeadLetterReason.TOO_LARGE,
                        "record has " + p.length + " bytes, limit " + settings.maxRecordBytes());
            }
            DecodeResult fast = streaming == null ? null : streaming.decode(p, root);
            if (fast != null) {
                // the fast path makes events only: nothing to redact
                return fast;
            }
            decodeBytes(p, root, out);
        } catch (TransportError t) {
            out.add(DeadLetters.of(t.code, "the source could not read this record", r.payload, r.source, r.ingestTime));
        } catch (DecodeException e) {
            out.add(root.deadLetter(e));
        } catch (RuntimeException | StackOverflowError e) {
            // a decoder defect must not stop the job: keep the record, name the exception class only (no payload text)
            out.add(root.deadLetter(new DecodeException(DeadLetterReason.INVALID_VALUE,
                    "decoder error " + e.getClass().getSimpleName())));
        }
        if (!settings.includeRawNumbers()) {
            for (DeadLetter d : out.deadLetters()) {
                PayloadRedactor.redact(d);
            }
        }
        return out;
    }

    /** What the fast path alone makes of a plain payload: its events, or null when it leaves the record to the tree. */
    DecodeResult streamingOnly(RawRecord r) {
        return streaming.decode(r.payload, Envelope.root(r));
    }

    private void decodeBytes(byte[] bytes, Envelope env, DecodeResult out) {
        byte[] b = bytes;
        // gzip inside gzip is unwrapped too, but only as many layers as envelopes may nest: each layer may inflate
        // to the limit, and without a bound a stack of thousands of tiny layers would cost thousands of inflations
        for (int layers = 0; isGzip(b); layers++) {
            if (layers == settings.maxEnvelopeDepth()) {
                throw new DecodeException(DeadLetterReason.TOO_DEEP,
                        "gzip nested deeper than " + settings.maxEnvelopeDepth() + " layers");
            }
            b = gunzip(b);
        }
        decodeNode(parseText(utf8(b)), env, out);
    }

    private static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    private byte[] gunzip(byte[] gz) {
        int max = settings.maxInflatedBytes();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz), 8192)) {
            byte[] buf = new byte[Math.min(max + 1, Math.max(8192, gz.length * 8))];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    if (buf.length > max) {
                        throw new DecodeException(DeadLetterReason.BAD_GZIP, "inflated size exceeds " + max + " bytes");
                    }
                    buf = Arrays.copyOf(buf, Math.min(max + 1, buf.length * 2));
                }
                int k = in.read(buf, n, buf.length - n);
                if (k < 0) {
                    break;
                }
                n += k;
            }
            if (n == 0) {
                throw new DecodeException(DeadLetterReason.EMPTY, "gzip stream inflates to no bytes");
            }
            return Arrays.copyOf(buf, n);
        } catch (IOException e) {
            throw new DecodeException(DeadLetterReason.BAD_GZIP, "not a readable gzip stream (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            CharBuffer c = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return c.toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException(DeadLetterReason.NOT_UTF8, "bytes are not valid UTF-8");
        }
    }

    /** Parses one JSON document from text with the mapper's limits; a leading BOM is ignored. */
    JsonNode parseText(String text) {
        String t = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        if (t.trim().isEmpty()) {
            throw new DecodeException(DeadLetterReason.EMPTY, "no JSON text (only white space)");
        }
        try {
            return mapper.readTree(t);
        } catch (StreamConstraintsException e) {
            String m = String.valueOf(e.getOriginalMessage());
            if (m.contains("nesting depth")) {
                throw new DecodeException(DeadLetterReason.TOO_DEEP,
                        "JSON nested deeper than " + settings.maxNestingDepth() + " levels");
            }
            throw new DecodeException(DeadLetterReason.TOO_LARGE, "a JSON number, string or name exceeds the parser limits");
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String at = l == null ? "" : " at line " + l.getLineNr() + " column " + l.getColumnNr();
            throw new DecodeException(DeadLetterReason.MALFORMED_JSON, "not valid JSON" + at);
        } catch (IOException e) {
            throw new DecodeException(DeadLetterReason.MALFORMED_JSON, "not valid JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void decodeNode(JsonNode n, Envelope env, DecodeResult out) {
        if (isSqsBatch(n)) {
            sqsBatch(n, env, out);
            return;
        }
        if (!n.isObject()) {
            throw JsonFields.wrongType("record", "a JSON object", n);
        }
        JsonNode awslogs = n.get("awslogs");
        if (awslogs != null && awslogs.isObject()) {
            String data = JsonFields.optStrictString(awslogs, "data");
            if (data == null) {
                throw JsonFields.missing("awslogs.data");
            }
            byte[] gz;
            try {
                gz = Base64.getMimeDecoder().decode(data);
                if (!isStrictBase64(data)) {
                    throw new IllegalArgumentException("stray characters");
                }
            } catch (IllegalArgumentException e) {
                throw new DecodeException(DeadLetterReason.BAD_BASE64, "awslogs.data: not valid base64");
            }
            if (!isGzip(gz)) {
                throw new DecodeException(DeadLetterReason.BAD_GZIP, "awslogs.data: not gzip data");
            }
            byte[] inflated = gunzip(gz);
            if (isGzip(inflated)) {
                throw new DecodeException(DeadLetterReason.BAD_GZIP,
                        "awslogs.data: gzip inside gzip (CloudWatch Logs compresses a batch once)");
            }
            // the Lambda shape carries the same batch a Kinesis record would: unwrap it without adding a layer
            JsonNode batch = parseText(utf8(inflated));
            if (!isLogsBatch(batch)) {
                throw new DecodeException(DeadLetterReason.UNKNOWN_FAMILY, "awslogs.data: not a CloudWatch Logs batch");
            }
            logsBatch(batch, deeper(env, CLOUDWATCH_LOGS, JsonFields.optString(batch, "owner")), out);
            return;
        }
        if (isLogsBatch(n)) {
            logsBatch(n, deeper(env, CLOUDWATCH_LOGS, JsonFields.optString(n, "owner")), out);
            return;
        }
        if (isSqsMessage(n)) {
            sqsMessage(n, env, out);
            return;
        }
        JsonNode message = n.get("Message");
        if ("Notification".equals(textOf(n.get("Type"))) && message != null && message.isTextual()) {
            Envelope inner = deeper(env, SNS, null);
            JsonNode body;
            try {
                body = parseText(message.textValue());
            } catch (DecodeException e) {
                throw e.at("SNS Message");
            }
            decodeNode(body, inner, out);
            return;
        }
        String snsType = textOf(n.get("Type"));
        if (("SubscriptionConfirmation".equals(snsType) || "UnsubscribeConfirmation".equals(snsType))
                && n.has("TopicArn")) {
            throw new DecodeException(DeadLetterReason.UNSUPPORTED_EVENT,
                    "SNS " + snsType + " carries no message event");
        }
        JsonNode detail = n.get("detail");
        if (detail != null && detail.isObject() && (n.has("detail-type") || n.has("source"))) {
            String detailType = textOf(n.get("detail-type"));
            if ("Registration Status Change".equals(detailType)) {
                throw new DecodeException(DeadLetterReason.UNSUPPORTED_EVENT,
                        "EventBridge detail-type Registration Status Change carries no message event");
            }
            String account = JsonFields.optString(n, "account");
            Envelope inner = deeper(env, EVENTBRIDGE, account);
            if (SocialEventBridgeDecoder.matches(n)) {
                out.add(socialEvents.decode(detailType, detail, inner, account));
            } else if (CloudTrailFeedbackDecoder.matches(detailType)) {
                out.add(CloudTrailFeedbackDecoder.decode(detail, deeper(inner, CloudTrailFeedbackDecoder.LAYER, null)));
            } else {
                decodeNode(detail, inner, out);
            }
            return;
        }
        if (WhatsAppDecoder.matches(n)) {
            whatsApp.decode(n, env, out);
            return;
        }
        if (FeedbackDecoder.matches(n)) {
            out.add(feedback.decode(n, env));
            return;
        }
        if (JsonFields.present(n, "eventType")) {
            out.add(configSet.decode(n, env));
            return;
        }
        throw new DecodeException(DeadLetterReason.UNKNOWN_FAMILY,
                "JSON object matches no known envelope or event family");
    }

    /** One SQS message in the shape an EventBridge Pipe with an SQS source passes on (Lambda's record shape). */
    private static boolean isSqsMessage(JsonNode n) {
        return n.isObject() && "aws:sqs".equals(textOf(n.get("eventSource"))) && n.has("body");
    }

    /** A non-empty JSON array of SQS messages (a Pipe batch written as one record); other arrays stay wrong_type. */
    private static boolean isSqsBatch(JsonNode n) {
        if (!n.isArray() || n.size() == 0) {
            return false;
        }
        for (JsonNode m : n) {
            if (!isSqsMessage(m)) {
                return false;
            }
        }
        return true;
    }

    private void sqsBatch(JsonNode batch, Envelope env, DecodeResult out) {
        for (int i = 0; i < batch.size(); i++) {
            JsonNode m = batch.get(i);
            Envelope part = env.part(m.toString().getBytes(StandardCharsets.UTF_8));
            try {
                sqsMessage(m, part, out);
            } catch (DecodeException e) {
                out.add(part.deadLetter(e.at("[" + i + "]")));
            }
        }
    }

    /** The SQS body: the SNS notification (or, with raw message delivery, the event itself) as a string or object. */
    private void sqsMessage(JsonNode m, Envelope env, DecodeResult out) {
        Envelope inner = deeper(env, SQS, accountOfArn(textOf(m.get("eventSourceARN"))));
        JsonNode body = m.get("body");
        if (body.isTextual()) {
            try {
                body = parseText(body.textValue());
            } catch (DecodeException e) {
                throw e.at("SQS body");
            }
        }
        decodeNode(body, inner, out);
    }

    /** The account field of an ARN (arn:partition:service:region:account:resource); null when not an ARN. */
    static String accountOfArn(String arn) {
        if (arn == null) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && "arn".equals(parts[0]) && parts[4].matches("[0-9]{12}") ? parts[4] : null;
    }

    private static boolean isLogsBatch(JsonNode n) {
        String t = textOf(n.get("messageType"));
        return n.isObject() && ("DATA_MESSAGE".equals(t) || "CONTROL_MESSAGE".equals(t));
    }

    private void logsBatch(JsonNode batch, Envelope env, DecodeResult out) {
        if ("CONTROL_MESSAGE".equals(textOf(batch.get("messageType")))) {
            return;
        }
        JsonNode events = JsonFields.optArray(batch, "logEvents");
        if (events == null) {
            throw JsonFields.missing("logEvents");
        }
        for (int i = 0; i < events.size(); i++) {
            JsonNode ev = events.get(i);
            String where = "logEvents[" + i + "]";
            JsonNode msg = ev.isObject() ? ev.get("message") : null;
            byte[] partBytes = msg != null && msg.isTextual()
                    ? msg.textValue().getBytes(StandardCharsets.UTF_8) : ev.toString().getBytes(StandardCharsets.UTF_8);
            Envelope part = env.part(partBytes);
            try {
                if (msg == null || msg.isNull()) {
                    throw JsonFields.missing("message");
                }
                if (!msg.isTextual()) {
                    throw JsonFields.wrongType("message", "a string", msg);
                }
                decodeNode(parseText(msg.textValue()), part, out);
            } catch (DecodeException e) {
                out.add(part.deadLetter(e.at(where)));
            }
        }
    }

    private Envelope deeper(Envelope env, String layer, String accountId) {
        if (env.depth >= settings.maxEnvelopeDepth()) {
            throw new DecodeException(DeadLetterReason.TOO_DEEP,
                    "envelopes nested deeper than " + settings.maxEnvelopeDepth());
        }
        return env.wrap(layer, accountId);
    }

    private static String textOf(JsonNode n) {
        return n != null && n.isTextual() ? n.textValue() : null;
    }

    /** The MIME decoder skips stray characters; accept only base64 alphabet, padding and line breaks. */
    private static boolean isStrictBase64(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '+' || c == '/' || c == '=' || c == '\r' || c == '\n';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A source-side failure code carried on the record; becomes a dead letter with that reason as is. */
    private static final class TransportError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        TransportError(String code) {
            super(code, null, false, false);
            this.code = code;
        }
    }
}
