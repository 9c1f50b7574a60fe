package com.example.eum.analytics.generator;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.FailureClass;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Test-side recount of the generator's output: parses every emitted payload with plain Jackson (not the project's
 * decoders), unwraps SNS / EventBridge / CloudWatch Logs / Social envelopes by hand, and applies the documented
 * counting rules per message. Also records which record shapes were seen.
 */
final class Recount {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final PhoneNumberUtil PHONE = PhoneNumberUtil.getInstance();

    /** What one message looked like in the stream. */
    static final class Msg {
        Channel channel;
        boolean inbound;
        String country;
        String origination;
        /** E.164 destination (SMS/MMS), or null when the events carry none. */
        String destination;
        long requestTime = -1;
        boolean feedbackEnabled;
        long price;
        long fee;
        int parts;
        final List<String[]> events = new ArrayList<>(); // type, isFinal, time
        final List<long[]> feedback = new ArrayList<>(); // received(1)/failed(0), time
        String waCategory;
        boolean waBillable;
        int waError;
        boolean protectBlock;
        String protectStatus;
        /** Key columns as the records show them: messageType / WhatsApp pricing category, context useCase, network. */
        String messageType = "";
        String useCase = "";
        String mcc = "";
        String mnc = "";
        String carrierName = "";

        /** {@code country/message_type/use_case}, as GroundTruth#byCountryTypeUseCase keys it. */
        String typeKey() {
            return GroundTruth.key(country, messageType, useCase);
        }

        /** {@code country/mcc/mnc/carrier_name}, as GroundTruth#byCarrier keys it. */
        String carrierKey() {
            return GroundTruth.key(country, mcc, mnc, carrierName);
        }
    }

    final Map<String, Msg> messages = new LinkedHashMap<>();
    final Map<String, List<long[]>> feedbackById = new HashMap<>();
    final Set<String> shapes = new TreeSet<>();
    final Set<String> destinations = new HashSet<>();
    final List<String[]> destinationsWithCountry = new ArrayList<>();
    long records;
    long duplicates;
    long late;
    long malformed;
    private final Set<String> seenPayloads = new HashSet<>();

    void add(GeneratedRecord r) {
        records++;
        String key = java.util.Base64.getEncoder().encodeToString(r.payload);
        boolean dup = !seenPayloads.add(key);
        byte[] p = r.payload;
        if (p.length > 2 && (p[0] & 0xFF) == 0x1f && (p[1] & 0xFF) == 0x8b) {
            JsonNode batch = parse(gunzip(p));
            shapes.add("cloudwatch_logs_batch_" + batch.get("logEvents").size());
            if (dup) {
                duplicates++;
            }
            long latestEvent = Long.MIN_VALUE;
            for (JsonNode le : batch.get("logEvents")) {
                JsonNode e = parse(le.get("message").asText().getBytes(StandardCharsets.UTF_8));
                latestEvent = Math.max(latestEvent, e.get("eventTimestamp").asLong());
                smsEvent(e, Long.MIN_VALUE, false);
            }
            if (r.arrivalTime - latestEvent > TrafficModel.HOUR) {
                late++;
            }
            return;
        }
        JsonNode o = parse(p);
        if (o == null) {
            malformed++;
            shapes.add(p[0] == '{' ? "malformed_truncated_json" : "malformed_garbage");
            return;
        }
        if (o.has("MessageFeedbackStatus")) {
            String st = o.get("MessageFeedbackStatus").asText();
            if (!"RECEIVED".equals(st) && !"FAILED".equals(st)) {
                malformed++;
                shapes.add("malformed_bad_feedback_status");
                return;
            }
            shapes.add("feedback_" + st);
            if (dup) {
                duplicates++;
            }
            if (r.arrivalTime - o.get("timestamp").asLong() > TrafficModel.HOUR) {
                late++;
            }
            feedbackById.computeIfAbsent(o.get("MessageId").asText(), k -> new ArrayList<>())
                    .add(new long[] {"RECEIVED".equals(st) ? 1 : 0, o.get("timestamp").asLong()});
            return;
        }
        String envelope = "raw";
        if (o.has("Type") && o.has("Message")) {
            envelope = "sns";
            o = parse(o.get("Message").asText().getBytes(StandardCharsets.UTF_8));
        } else if (o.has("detail-type")) {
            envelope = "eventbridge";
            o = o.get("detail");
        }
        if (o.has("whatsAppWebhookEntry")) {
            whatsapp(o, envelope, r, dup);
        } else {
            if (o.has("messageId")) {
                shapes.add("sms_" + envelope);
            }
            smsEvent(o, r.arrivalTime, dup);
        }
    }

    /** False (and a malformed record) when {@code node} lacks its id {@code field}; counts a duplicate otherwise. */
    private boolean hasId(JsonNode node, String field, boolean dup) {
        if (!node.has(field)) {
            malformed++;
            shapes.add("malformed_missing_message_id");
            return false;
        }
        if (dup) {
            duplicates++;
        }
        return true;
    }

    /** One SMS/MMS event; {@code arrival} = Long.MIN_VALUE when the caller judges lateness (batches). */
    private void smsEvent(JsonNode e, long arrival, boolean dup) {
        if (!hasId(e, "messageId", dup)) {
            return;
        }
        String type = e.get("eventType").asText();
        shapes.add("type_" + type);
        if (e.has("protectConfiguration")) {
            shapes.add("protect_" + e.get("protectConfiguration").get("protectStatus").asText());
        }
        if (!e.has("isoCountryCode")) {
            shapes.add("sms_without_iso_country");
        }
        long time = e.get("eventTimestamp").asLong();
        if (arrival != Long.MIN_VALUE && arrival - time > TrafficModel.HOUR) {
            late++;
        }
        Msg m = messages.computeIfAbsent(e.get("messageId").asText(), k -> new Msg());
        m.channel = type.startsWith("MEDIA_") ? Channel.MMS : Channel.SMS;
        String dest = e.has("destinationPhoneNumber") ? e.get("destinationPhoneNumber").asText() : null;
        String country = e.has("isoCountryCode") ? e.get("isoCountryCode").asText() : regionOf(dest);
        m.country = country;
        if (dest != null) {
            destinationsWithCountry.add(new String[] {dest, country});
            m.destination = dest;
        }
        m.origination = e.get("originationPhoneNumber").asText();
        m.requestTime = e.get("messageRequestTimestamp").asLong();
        m.price = micros(e.get("totalMessagePrice"));
        m.fee = micros(e.get("totalCarrierFee"));
        m.parts = e.get("totalMessageParts").asInt();
        m.protectBlock |= "BLOCK".equals(e.path("protectConfiguration").path("protectRecommendation").asText());
        if (e.has("protectConfiguration")) {
            m.protectStatus = e.get("protectConfiguration").path("protectStatus").asText();
        }
        if (e.has("context")) {
            m.feedbackEnabled |= "true".equals(e.get("context").path("feedbackEnabled").asText());
            m.useCase = e.get("context").path("useCase").asText("");
        }
        m.messageType = e.path("messageType").asText("");
        if (e.has("mcc")) {
            m.mcc = e.get("mcc").asText();
            m.mnc = e.get("mnc").asText();
            m.carrierName = e.path("carrierName").asText("");
        }
        m.events.add(new String[] {type, Boolean.toString(e.get("isFinal").asBoolean()), Long.toString(time)});
    }

    private void whatsapp(JsonNode header, String envelope, GeneratedRecord r, boolean dup) {
        JsonNode entry = parse(header.get("whatsAppWebhookEntry").asText().getBytes(StandardCharsets.UTF_8));
        JsonNode value = entry.get("changes").get(0).get("value");
        String origination = "+" + value.get("metadata").get("display_phone_number").asText();
        if (value.has("messages")) {
            JsonNode msg = value.get("messages").get(0);
            if (!hasId(msg, "id", dup)) {
                return;
            }
            shapes.add("wa_inbound_" + envelope);
            if (r.arrivalTime - msg.get("timestamp").asLong() * 1000 > TrafficModel.HOUR) {
                late++;
            }
            Msg m = messages.computeIfAbsent(msg.get("id").asText(), k -> new Msg());
            m.channel = Channel.WHATSAPP;
            m.inbound = true;
            m.country = regionOf("+" + msg.get("from").asText());
            destinationsWithCountry.add(new String[] {"+" + msg.get("from").asText(), m.country});
            m.origination = origination;
            m.events.add(new String[] {"INBOUND", "true", msg.get("timestamp").asText()});
            return;
        }
        JsonNode st = value.get("statuses").get(0);
        if (!hasId(st, "id", dup)) {
            return;
        }
        String status = st.get("status").asText();
        shapes.add("wa_" + status + "_" + envelope);
        long time = st.get("timestamp").asLong() * 1000;
        if (r.arrivalTime - time > TrafficModel.HOUR) {
            late++;
        }
        Msg m = messages.computeIfAbsent(st.get("id").asText(), k -> new Msg());
        m.channel = Channel.WHATSAPP;
        m.country = regionOf("+" + st.get("recipient_id").asText());
        destinationsWithCountry.add(new String[] {"+" + st.get("recipient_id").asText(), m.country});
        m.origination = origination;
        if (st.has("pricing")) {
            JsonNode pr = st.get("pricing");
            shapes.add("wa_pricing_" + pr.get("type").asText() + "_on_" + status);
            m.waCategory = pr.get("category").asText();
            m.messageType = m.waCategory;
            m.waBillable |= pr.get("billable").asBoolean();
        }
        if (st.has("errors")) {
            m.waError = st.get("errors").get(0).get("code").asInt();
            shapes.add("wa_error_" + m.waError);
        }
        m.events.add(new String[] {status, "false", Long.toString(time)});
    }

    /** Counts per channel and country (byOrigination=false) or per channel and origination. */
    Map<Channel, Map<String, GroundTruth.Counts>> counts(boolean byOrigination) {
        return counts(m -> byOrigination ? m.origination : m.country);
    }

    /** Counts per channel and the given key of each message. */
    Map<Channel, Map<String, GroundTruth.Counts>> counts(java.util.function.Function<Msg, String> key) {
        Map<Channel, Map<String, GroundTruth.Counts>> out = new EnumMap<>(Channel.class);
        for (Map.Entry<String, Msg> e : messages.entrySet()) {
            Msg m = e.getValue();
            GroundTruth.Counts c = out.computeIfAbsent(m.channel, k -> new TreeMap<>())
                    .computeIfAbsent(key.apply(m), k -> new GroundTruth.Counts());
            if (m.inbound) {
                c.add(SumColumn.INBOUND, 1);
                continue;
            }
            c.add(SumColumn.MESSAGES, 1);
            boolean success = false;
            FailureClass failure = null;
            boolean read = false;
            for (String[] ev : m.events) {
                String t = ev[0];
                if (m.channel == Channel.WHATSAPP) {
                    success |= t.equals("delivered") || t.equals("read");
                    read |= t.equals("read");
                    if (t.equals("failed")) {
                        failure = waClass(m.waError);
                    }
                } else if (Boolean.parseBoolean(ev[1])) {
                    String s = t.substring(t.indexOf('_') + 1);
                    if (s.equals("SUCCESSFUL") || s.equals("DELIVERED")) {
                        success = true;
                    } else {
                        failure = smsClass(s);
                    }
                }
            }
            if (success) {
                c.add(SumColumn.DELIVERED, 1);
            } else if (failure != null) {
                c.add(SumColumn.FAILED, 1);
                c.add(SumColumn.failedColumn(failure), 1);
            } else {
                c.add(SumColumn.OUTCOME_UNKNOWN, 1);
            }
            if (read) {
                c.add(SumColumn.READ, 1);
            }
            if (m.channel == Channel.WHATSAPP) {
                if (m.waBillable) {
                    c.add(GroundTruth.billableColumn(m.waCategory), 1);
                }
            } else {
                c.add(SumColumn.PROTECT_BLOCK_RECOMMENDED, m.protectBlock ? 1 : 0);
                c.add(SumColumn.PROTECT_RECOMMENDED_MONITOR, m.protectBlock && "MONITOR".equals(m.protectStatus) ? 1 : 0);
                c.add(SumColumn.PROTECT_RECOMMENDED_FILTER, m.protectBlock && "FILTER".equals(m.protectStatus) ? 1 : 0);
                c.add(SumColumn.PROTECT_BLOCKED, failure == FailureClass.PROTECT_BLOCKED ? 1 : 0);
                c.add(SumColumn.PRICE_MICROS, m.price);
                c.add(SumColumn.CARRIER_FEE_MICROS, m.fee);
                c.add(SumColumn.MESSAGE_PARTS, m.parts);
            }
            if (m.feedbackEnabled) {
                c.add(SumColumn.FEEDBACK_TRACKED, 1);
                boolean conv = false;
                boolean lateFb = false;
                for (long[] f : feedbackById.getOrDefault(e.getKey(), new ArrayList<>())) {
                    if (f[0] == 1) {
                        conv |= f[1] <= m.requestTime + 3_600_000L;
                        lateFb |= f[1] > m.requestTime + 3_600_000L;
                    }
                }
                c.add(SumColumn.CONVERTED, conv ? 1 : 0);
                c.add(SumColumn.FEEDBACK_FAILED, conv ? 0 : 1);
                c.add(SumColumn.LATE_FEEDBACK, lateFb ? 1 : 0);
            }
        }
        return out;
    }

    static FailureClass smsClass(String s) {
        switch (s) {
            case "BLOCKED": case "CARRIER_BLOCKED": case "SPAM": return FailureClass.BLOCKED;
            case "PROTECT_BLOCKED": return FailureClass.PROTECT_BLOCKED;
            case "INVALID": case "FILE_TYPE_UNSUPPORTED": case "FILE_SIZE_EXCEEDED": return FailureClass.INVALID;
            case "UNREACHABLE": case "CARRIER_UNREACHABLE": return FailureClass.UNREACHABLE;
            case "TTL_EXPIRED": return FailureClass.EXPIRED;
            default: return FailureClass.UNKNOWN;
        }
    }

    static FailureClass waClass(int code) {
        switch (code) {
            case 131047: case 131049: return FailureClass.POLICY;
            case 131026: return FailureClass.INVALID;
            case 131048: return FailureClass.BLOCKED;
            default: return FailureClass.UNKNOWN;
        }
    }

    static String regionOf(String e164) {
        try {
            return PHONE.getRegionCodeForNumber(PHONE.parse(e164, null));
        } catch (Exception e) {
            return "??";
        }
    }

    private static long micros(JsonNode n) {
        return n.decimalValue().movePointRight(6).longValueExact();
    }

    private static JsonNode parse(byte[] b) {
        try {
            return JSON.readTree(b);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] gunzip(byte[] b) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
