package com.example.eum.analytics.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Turns a planned record into the bytes AWS would deliver (DOMAIN.md §1-§4, shapes as in the sample records, job/src/test/resources/samples):
 * a configuration-set event JSON (raw, in an SNS notification, in an EventBridge event, or gzip CloudWatch Logs
 * subscription batch), a WhatsApp Social header around a {@code whatsAppWebhookEntry} string (raw or in SNS), a
 * message-feedback record, or a deliberately malformed record. Deterministic: envelope ids come from the message
 * seed and the record's ordinal, so a duplicate renders byte-identical to its original.
 */
final class PayloadRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final String REGION = "us-east-1";
    private static final Map<String, String> DESCRIPTIONS = new HashMap<>();

    static {
        DESCRIPTIONS.put("PENDING", "Message is pending delivery");
        DESCRIPTIONS.put("SUCCESSFUL", "Message has been accepted by phone carrier");
        DESCRIPTIONS.put("DELIVERED", "Message has been accepted by phone");
        DESCRIPTIONS.put("CARRIER_UNREACHABLE", "Transient error on the recipient carrier network");
        DESCRIPTIONS.put("UNREACHABLE", "Recipient device is not reachable");
        DESCRIPTIONS.put("BLOCKED", "Recipient device or carrier is blocking messages to this recipient");
        DESCRIPTIONS.put("CARRIER_BLOCKED", "Carrier blocked the message content");
        DESCRIPTIONS.put("SPAM", "Carrier identified the message as spam");
        DESCRIPTIONS.put("INVALID", "Destination phone number is not valid");
        DESCRIPTIONS.put("TTL_EXPIRED", "Message was not delivered within its time to live");
        DESCRIPTIONS.put("PROTECT_BLOCKED", "Message blocked by protect configuration");
        DESCRIPTIONS.put("UNKNOWN", "No final status received from carrier");
        DESCRIPTIONS.put("FILE_TYPE_UNSUPPORTED", "Media file type is not supported");
        DESCRIPTIONS.put("FILE_SIZE_EXCEEDED", "Media file is larger than 600 KB");
    }

    private static final Map<Integer, String[]> WA_ERRORS = new HashMap<>();

    static {
        WA_ERRORS.put(131047, new String[] {"Re-engagement message",
            "Message failed to send because more than 24 hours have passed since the customer last replied to this number."});
        WA_ERRORS.put(131026, new String[] {"Message undeliverable",
            "Unable to deliver message. The recipient may not be a WhatsApp user."});
        WA_ERRORS.put(131048, new String[] {"Spam rate limit hit",
            "Message failed to send because there are restrictions on how many messages can be sent from this phone number."});
        WA_ERRORS.put(131049, new String[] {"Meta chose not to deliver",
            "This message was not delivered to maintain healthy ecosystem engagement."});
        WA_ERRORS.put(131000, new String[] {"Something went wrong", "Message failed to send due to an unknown error."});
    }

    private PayloadRenderer() {}

    /** The payload bytes of {@code rec}. */
    static byte[] render(MessagePlan p, MessagePlan.Record rec) {
        SplittableRandom rr = new SplittableRandom(TrafficModel.mix(p.messageSeed ^ (0x632BE59BD9B4E019L * (rec.sourceOrdinal + 1))));
        if (rec.malformed != null) {
            return malformed(p, rec.malformed, rr);
        }
        MessagePlan.Event first = p.events.get(rec.events[0]);
        if (first.type.startsWith("FEEDBACK_")) {
            return bytes(feedback(p.messageId, first.type.substring("FEEDBACK_".length()), first.time));
        }
        switch (p.kind) {
            case WHATSAPP:
            case WHATSAPP_INBOUND:
                ObjectNode header = socialHeader(p, first, rr, true);
                return p.envelope == MessagePlan.Envelope.SNS ? bytes(sns(header, first.time, rr, "whatsapp-events")) : bytes(header);
            default:
                return smsRecord(p, rec, rr);
        }
    }

    private static byte[] smsRecord(MessagePlan p, MessagePlan.Record rec, SplittableRandom rr) {
        MessagePlan.Event ev = p.events.get(rec.events[rec.events.length - 1]);
        switch (p.envelope) {
            case SNS:
                return bytes(sns(smsEvent(p, ev, true), ev.time, rr, "sms-events"));
            case EVENTBRIDGE: {
                ObjectNode o = JSON.createObjectNode();
                o.put("version", "0");
                o.put("id", TrafficModel.uuid(rr));
                o.put("detail-type", p.kind == MessagePlan.Kind.MMS ? "Media Message Delivery Status Updated"
                        : "Text Message Delivery Status Updated");
                o.put("source", "aws.sms-voice");
                o.put("account", TrafficModel.ACCOUNT);
                o.put("time", Instant.ofEpochMilli(ev.time).truncatedTo(ChronoUnit.SECONDS).toString());
                o.put("region", REGION);
                o.putArray("resources");
                o.set("detail", smsEvent(p, ev, false));
                return bytes(o);
            }
            case CLOUDWATCH_LOGS: {
                ObjectNode o = JSON.createObjectNode();
                o.put("messageType", "DATA_MESSAGE");
                o.put("owner", TrafficModel.ACCOUNT);
                o.put("logGroup", "/eum/sms-events");
                o.put("logStream", "sms-events-" + (1 + Math.floorMod(p.messageSeed, 4)));
                o.putArray("subscriptionFilters").add("sms-events-to-kinesis");
                ArrayNode logEvents = o.putArray("logEvents");
                for (int e : rec.events) {
                    MessagePlan.Event lev = p.events.get(e);
                    ObjectNode le = logEvents.addObject();
                    le.put("id", String.format("%020d%020d%016d", Math.abs(rr.nextLong() % 100000000000000000L), lev.time,
                            Math.abs(rr.nextLong() % 10000000000000000L)));
                    le.put("timestamp", lev.time);
                    le.put("message", string(smsEvent(p, lev, true)));
                }
                return gzip(bytes(o));
            }
            default:
                return bytes(smsEvent(p, ev, true));
        }
    }

    /** The configuration-set event; EventBridge's detail has no destination number and no context. */
    static ObjectNode smsEvent(MessagePlan p, MessagePlan.Event ev, boolean full) {
        String prefix = p.kind == MessagePlan.Kind.MMS ? "MEDIA_" : "TEXT_";
        String status = ev.type.substring(prefix.length());
        ObjectNode o = JSON.createObjectNode();
        o.put("eventType", ev.type);
        o.put("eventVersion", "1.0");
        o.put("eventTimestamp", ev.time);
        o.put("isFinal", ev.isFinal);
        o.put("originationPhoneNumber", p.origination);
        if (full) {
            o.put("destinationPhoneNumber", p.destination);
        }
        if (!p.omitIsoCountryCode) {
            o.put("isoCountryCode", p.country);
        }
        o.put("isInternationalSend", p.origination.startsWith("+1") && !"US".equals(p.country) && !"CA".equals(p.country));
        if (p.carrier != null) {
            o.put("mcc", p.carrier.mcc);
            o.put("mnc", p.carrier.mnc);
            o.put("carrierName", p.carrier.name);
        }
        o.put("messageId", p.messageId);
        o.put("messageRequestTimestamp", p.requestTime);
        if (p.kind == MessagePlan.Kind.SMS) {
            o.put("messageEncoding", p.encoding);
        }
        o.put("messageType", p.messageType);
        o.put("messageStatus", status);
        o.put("messageStatusDescription", DESCRIPTIONS.getOrDefault(status, status));
        if (full) {
            ObjectNode ctx = o.putObject("context");
            ctx.put("useCase", p.useCase);
            ctx.put("tenant", "example-tenant-01");
            if (p.feedbackEnabled) {
                ctx.put("feedbackEnabled", "true");
            }
        }
        o.put("totalMessageParts", p.parts);
        o.put("totalMessagePrice", usd(p.priceMicros));
        o.put("totalCarrierFee", usd(p.carrierFeeMicros));
        if (p.protectStatus != null) {
            ObjectNode pc = o.putObject("protectConfiguration");
            pc.put("protectConfigurationId", p.protectConfigurationId);
            pc.put("protectStatus", p.protectStatus);
            pc.put("protectRecommendation", p.protectRecommendation);
        }
        return o;
    }

    private static BigDecimal usd(long micros) {
        return micros == 0 ? new BigDecimal("0.0") : BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    }

    private static ObjectNode sns(ObjectNode inner, long eventTime, SplittableRandom rr, String topic) {
        ObjectNode o = JSON.createObjectNode();
        o.put("Type", "Notification");
        o.put("MessageId", TrafficModel.uuid(rr));
        o.put("TopicArn", "arn:aws:sns:" + REGION + ":" + TrafficModel.ACCOUNT + ":" + topic);
        o.put("Message", string(inner));
        o.put("Timestamp", Instant.ofEpochMilli(eventTime + 50 + rr.nextInt(400)).toString());
        o.put("SignatureVersion", "1");
        o.put("Signature", "EXAMPLEsignatureBase64==");
        o.put("SigningCertURL", "https://sns." + REGION + ".amazonaws.com/SimpleNotificationService-0000000000000000000000.pem");
        o.put("UnsubscribeURL", "https://sns." + REGION + ".amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:" + REGION + ":"
                + TrafficModel.ACCOUNT + ":" + topic + ":00000000-0000-4000-8000-examplesub01");
        return o;
    }

    /** AWS Social header around the Meta webhook entry (a JSON string). */
    private static ObjectNode socialHeader(MessagePlan p, MessagePlan.Event ev, SplittableRandom rr, boolean withId) {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode ctx = o.putObject("context");
        ObjectNode waba = ctx.putArray("MetaWabaIds").addObject();
        waba.put("wabaId", TrafficModel.WABA_ID);
        waba.put("arn", "arn:aws:social-messaging:" + REGION + ":" + TrafficModel.ACCOUNT + ":waba/0000aaaa1111bbbb2222cccc3example");
        ObjectNode phone = ctx.putArray("MetaPhoneNumberIds").addObject();
        phone.put("metaPhoneNumberId", p.phoneNumberId);
        phone.put("arn", "arn:aws:social-messaging:" + REGION + ":" + TrafficModel.ACCOUNT + ":phone-number-id/" + p.phoneNumberId + "example");
        o.put("whatsAppWebhookEntry", string(webhookEntry(p, ev, withId)));
        o.put("aws_account_id", TrafficModel.ACCOUNT);
        o.put("message_timestamp", Instant.ofEpochMilli(ev.time + 100).plusNanos(rr.nextInt(1_000_000)).toString());
        o.put("messageId", TrafficModel.uuid(rr));
        return o;
    }

    private static ObjectNode webhookEntry(MessagePlan p, MessagePlan.Event ev, boolean withId) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("id", TrafficModel.WABA_ID);
        ObjectNode change = entry.putArray("changes").addObject();
        ObjectNode value = change.putObject("value");
        value.put("messaging_product", "whatsapp");
        ObjectNode meta = value.putObject("metadata");
        meta.put("display_phone_number", p.origination.substring(1));
        meta.put("phone_number_id", p.phoneNumberId);
        String seconds = Long.toString(ev.time / 1000);
        String waNumber = p.destination.substring(1);
        if (p.kind == MessagePlan.Kind.WHATSAPP_INBOUND) {
            ObjectNode contact = value.putArray("contacts").addObject();
            contact.putObject("profile").put("name", p.contactName);
            contact.put("wa_id", waNumber);
            ObjectNode msg = value.putArray("messages").addObject();
            msg.put("from", waNumber);
            if (withId) {
                msg.put("id", p.messageId);
            }
            msg.put("timestamp", seconds);
            msg.putObject("text").put("body", p.inboundText);
            msg.put("type", "text");
        } else {
            ObjectNode st = value.putArray("statuses").addObject();
            if (withId) {
                st.put("id", p.messageId);
            }
            st.put("status", ev.type);
            st.put("timestamp", seconds);
            st.put("recipient_id", waNumber);
            if (ev.pricing) {
                ObjectNode pr = st.putObject("pricing");
                pr.put("billable", p.billable);
                pr.put("pricing_model", p.pricingModel);
                if (p.pricingType != null) {
                    pr.put("type", p.pricingType);
                }
                pr.put("category", p.category);
                if (p.conversationId != null) {
                    ObjectNode conversation = st.putObject("conversation");
                    conversation.put("id", p.conversationId);
                    conversation.putObject("origin").put("type", p.category);
                }
            }
            if ("failed".equals(ev.type)) {
                String[] err = WA_ERRORS.get(p.errorCode);
                ObjectNode e = st.putArray("errors").addObject();
                e.put("code", p.errorCode);
                e.put("title", err[0]);
                e.put("message", err[0]);
                e.putObject("error_data").put("details", err[1]);
                e.put("href", "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/");
            }
        }
        change.put("field", "messages");
        return entry;
    }

    private static ObjectNode feedback(String messageId, String status, long time) {
        ObjectNode o = JSON.createObjectNode();
        o.put("MessageId", messageId);
        o.put("MessageFeedbackStatus", status);
        o.put("timestamp", time);
        return o;
    }

    private static byte[] malformed(MessagePlan p, MessagePlan.Malformed kind, SplittableRandom rr) {
        MessagePlan.Event ev = p.events.get(0);
        boolean wa = p.kind == MessagePlan.Kind.WHATSAPP || p.kind == MessagePlan.Kind.WHATSAPP_INBOUND;
        switch (kind) {
            case TRUNCATED_JSON: {
                byte[] whole = wa ? bytes(socialHeader(p, ev, rr, true)) : bytes(smsEvent(p, ev, true));
                return Arrays.copyOf(whole, whole.length * 3 / 5);
            }
            case GARBAGE_BYTES: {
                byte[] b = new byte[16 + rr.nextInt(48)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) rr.nextInt(256);
                }
                b[0] = (byte) (0x80 | rr.nextInt(0x80));
                return b;
            }
            case MISSING_MESSAGE_ID:
                if (wa) {
                    return bytes(socialHeader(p, ev, rr, false));
                }
                ObjectNode o = smsEvent(p, ev, true);
                o.remove("messageId");
                return bytes(o);
            default:
                return bytes(feedback(p.messageId, "DELIVERED", p.requestTime + 30_000));
        }
    }

    private static String string(ObjectNode o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(ObjectNode o) {
        return string(o).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
