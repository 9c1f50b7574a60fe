package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.Direction;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.Status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Envelopes, nesting, key spellings, batches and fan-out, built around the shared samples. */
class EnvelopeAndFamilyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RecordDecoder decoder = Samples.decoder();

    static String sns(String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("Type", "Notification");
        n.put("MessageId", "5e0f0c1a-0000-4000-8000-examplesns99");
        n.put("TopicArn", "arn:aws:sns:us-east-1:111122223333:t");
        n.put("Message", message);
        return n.toString();
    }

    static String eventBridge(String detailJson, String detailType) throws Exception {
        ObjectNode n = JSON.createObjectNode();
        n.put("version", "0");
        n.put("detail-type", detailType);
        n.put("source", "aws.sms-voice");
        n.put("account", "111122223333");
        n.set("detail", JSON.readTree(detailJson));
        return n.toString();
    }

    static String logsBatch(String messageType, String... messages) {
        ObjectNode n = JSON.createObjectNode();
        n.put("messageType", messageType);
        n.put("owner", "444455556666");
        n.put("logGroup", "/g");
        ArrayNode evs = n.putArray("logEvents");
        int i = 0;
        for (String m : messages) {
            ObjectNode ev = evs.addObject();
            ev.put("id", "id" + i++);
            ev.put("timestamp", 1748872800000L);
            ev.put("message", m);
        }
        return n.toString();
    }

    static String lambdaAwslogs(byte[] gz) {
        return "{\"awslogs\":{\"data\":\"" + Base64.getEncoder().encodeToString(gz) + "\"}}";
    }

    private DecodeResult decode(byte[] b) {
        return decoder.decode(Samples.record(b));
    }

    private DecodeResult decode(String s) {
        return decode(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sameEventHasTheSameIdThroughEveryEnvelope() throws Exception {
        String raw = Samples.text("sms_text_delivered.json");
        String compact = JSON.readTree(raw).toString();
        String id = Samples.one(raw).eventId;

        CanonicalEvent sns = Samples.one(sns(raw));
        CanonicalEvent eb = Samples.one(eventBridge(raw, "Text Message Delivery Status Updated"));
        byte[] batch = logsBatch("DATA_MESSAGE", compact).getBytes(StandardCharsets.UTF_8);
        CanonicalEvent cwGzip = Samples.one(decoder, Samples.gzip(batch));
        CanonicalEvent cwLambda = Samples.one(lambdaAwslogs(Samples.gzip(batch)));
        CanonicalEvent snsInCw = Samples.one(decoder, Samples.gzip(
                logsBatch("DATA_MESSAGE", sns(compact)).getBytes(StandardCharsets.UTF_8)));

        assertThat(sns.sourceEnvelope).isEqualTo("SNS>RAW");
        assertThat(eb.sourceEnvelope).isEqualTo("EVENTBRIDGE>RAW");
        assertThat(cwGzip.sourceEnvelope).isEqualTo("CLOUDWATCH_LOGS>RAW");
        assertThat(cwLambda.sourceEnvelope).isEqualTo("CLOUDWATCH_LOGS>RAW");
        assertThat(snsInCw.sourceEnvelope).isEqualTo("CLOUDWATCH_LOGS>SNS>RAW");
        assertThat(cwGzip.accountId).isEqualTo("444455556666");
        assertThat(List.of(sns.eventId, eb.eventId, cwGzip.eventId, cwLambda.eventId, snsInCw.eventId)).containsOnly(id);
    }

    @Test
    void whatsAppIdStableRawAndSnsAndFeedbackThroughSns() {
        String wa = Samples.text("wa_status_delivered.json");
        assertThat(Samples.one(sns(wa)).eventId).isEqualTo(Samples.one(wa).eventId);
        CanonicalEvent fb = Samples.one(sns(Samples.text("feedback_received.json")));
        assertThat(fb.sourceEnvelope).isEqualTo("SNS>FEEDBACK");
        assertThat(fb.eventId).isEqualTo(Samples.one(Samples.text("feedback_received.json")).eventId);
    }

    @Test
    void cloudWatchControlMessageGivesNothing() {
        DecodeResult r = decode(Samples.gzip(logsBatch("CONTROL_MESSAGE", "CWL CONTROL MESSAGE: Checking health of destination")
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(r.events()).isEmpty();
        assertThat(r.deadLetters()).isEmpty();
    }

    @Test
    void cloudWatchBatchWithOneBadLogEventKeepsTheGoodOnes() throws Exception {
        String good1 = JSON.readTree(Samples.text("sms_text_successful.json")).toString();
        String good2 = JSON.readTree(Samples.text("sms_text_delivered.json")).toString();
        DecodeResult r = decode(Samples.gzip(logsBatch("DATA_MESSAGE", good1, "{\"eventType\":\"TEXT_DELIVERED\"", good2)
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(r.events()).extracting(e -> e.eventType).containsExactly("TEXT_SUCCESSFUL", "TEXT_DELIVERED");
        assertThat(r.deadLetters()).hasSize(1);
        DeadLetter d = r.deadLetters().get(0);
        assertThat(d.reason).isEqualTo("malformed_json");
        assertThat(d.detail).startsWith("logEvents[1]: ");
        assertThat(d.payload).isEqualTo("{\"eventType\":\"TEXT_DELIVERED\"");
        assertThat(d.source).isEqualTo("test-stream");
    }

    @Test
    void eventBridgeRegistrationStatusChangeIsUnsupported() throws Exception {
        DecodeResult r = decode(eventBridge("{\"registrationId\":\"r-1\"}", "Registration Status Change"));
        assertThat(r.events()).isEmpty();
        assertThat(r.deadLetters()).extracting(d -> d.reason).containsExactly("unsupported_event");
    }

    @Test
    void snsSubscriptionConfirmationIsUnsupported() {
        DecodeResult r = decode("{\"Type\":\"SubscriptionConfirmation\",\"TopicArn\":\"arn:aws:sns:us-east-1:111122223333:t\","
                + "\"Message\":\"You have chosen to subscribe\",\"SubscribeURL\":\"https://example.invalid\"}");
        assertThat(r.events()).isEmpty();
        assertThat(r.deadLetters()).extracting(d -> d.reason).containsExactly("unsupported_event");
        assertThat(r.deadLetters().get(0).detail).isEqualTo("SNS SubscriptionConfirmation carries no message event");
    }

    @Test
    void feedbackBothKeySpellingsAndIsoTimestamp() {
        CanonicalEvent upper = Samples.one("{\"MessageId\":\"m-1\",\"MessageFeedbackStatus\":\"RECEIVED\",\"timestamp\":1748872841000}");
        CanonicalEvent lower = Samples.one("{\"messageId\":\"m-1\",\"messageFeedbackStatus\":\"RECEIVED\",\"timestamp\":\"2025-06-02T14:00:41Z\"}");
        assertThat(lower.eventTime).isEqualTo(1748872841000L);
        assertThat(lower.eventId).isEqualTo(upper.eventId);
        assertThat(lower.messageId).isEqualTo("m-1");
        DecodeResult bad = Samples.decode("{\"MessageId\":\"m-1\",\"MessageFeedbackStatus\":\"CLICKED\",\"timestamp\":1748872841000}");
        assertThat(bad.deadLetters()).extracting(d -> d.reason).containsExactly("invalid_value");
        DecodeResult noTime = Samples.decode("{\"MessageId\":\"m-1\",\"MessageFeedbackStatus\":\"FAILED\"}");
        assertThat(noTime.deadLetters()).extracting(d -> d.detail).containsExactly("timestamp: required field is absent or null");
    }

    @Test
    void whatsAppLowerCaseKeyAndEntryAsObject() throws Exception {
        ObjectNode header = (ObjectNode) JSON.readTree(Samples.text("wa_status_read.json"));
        String entry = header.get("whatsAppWebhookEntry").textValue();
        String expectedId = Samples.one(header.toString()).eventId;

        header.remove("whatsAppWebhookEntry");
        header.put("whatsappWebhookEntry", entry);
        CanonicalEvent lower = Samples.one(header.toString());
        assertThat(lower.eventId).isEqualTo(expectedId);

        header.set("whatsappWebhookEntry", JSON.readTree(entry));
        CanonicalEvent asObject = Samples.one(header.toString());
        assertThat(asObject.eventId).isEqualTo(expectedId);
        assertThat(asObject.status).isEqualTo(Status.READ);
    }

    /** A webhook entry with the given statuses and inbound messages (and text bodies that must not survive). */
    static String whatsAppRecord(int statuses, int messages) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("id", "100000000000001");
        ObjectNode value = entry.putArray("changes").addObject().put("field", "messages").putObject("value");
        value.put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "12065550100").put("phone_number_id", "200000000000002");
        String[] names = {"sent", "delivered", "read", "failed", "deleted", "warning"};
        ArrayNode st = value.putArray("statuses");
        for (int i = 0; i < statuses; i++) {
            st.addObject().put("id", "wamid.S" + i).put("status", names[i % names.length])
                    .put("timestamp", String.valueOf(1748872800L + i)).put("recipient_id", "1425555013" + i);
        }
        ArrayNode ms = value.putArray("messages");
        for (int i = 0; i < messages; i++) {
            ObjectNode m = ms.addObject().put("from", "1425555014" + i).put("id", "wamid.M" + i)
                    .put("timestamp", String.valueOf(1748872900L + i)).put("type", i == 0 ? "text" : "image");
            m.putObject("text").put("body", "secret body " + i);
            m.putObject("image").put("caption", "secret caption").put("id", "media-1");
        }
        value.putArray("contacts").addObject().put("wa_id", "14255550140").putObject("profile").put("name", "Secret Name");
        ObjectNode header = JSON.createObjectNode();
        header.put("whatsAppWebhookEntry", entry.toString());
        header.put("aws_account_id", "111122223333");
        return header.toString();
    }

    @Test
    void whatsAppFansOutThreeStatusesAndTwoMessagesToFiveEvents() {
        DecodeResult r = Samples.decode(whatsAppRecord(3, 2));
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).hasSize(5);
        assertThat(r.events()).extracting(e -> e.status)
                .containsExactly(Status.SENT, Status.DELIVERED, Status.READ, Status.RECEIVED, Status.RECEIVED);
        assertThat(r.events()).extracting(e -> e.direction).containsExactly(Direction.OUTBOUND, Direction.OUTBOUND,
                Direction.OUTBOUND, Direction.INBOUND, Direction.INBOUND);
        assertThat(r.events()).extracting(e -> e.isFinal).containsExactly(false, true, true, true, true);
        assertThat(r.events()).extracting(e -> e.eventType)
                .containsExactly("sent", "delivered", "read", "inbound_text", "inbound_image");
        assertThat(r.events()).extracting(e -> e.eventTime)
                .containsExactly(1748872800000L, 1748872801000L, 1748872802000L, 1748872900000L, 1748872901000L);
        assertThat(r.events()).extracting(e -> e.eventId).doesNotHaveDuplicates();
        assertThat(r.events().get(4).destinationHash).isEqualTo(Samples.hash("+14255550141"));
        assertThat(r.events().get(0).wabaId).isEqualTo("100000000000001");
        assertThat(r.events().get(0).phoneNumberId).isEqualTo("200000000000002");
        assertThat(r.toString()).doesNotContain("secret");
    }

    @Test
    void allSixWhatsAppStatusesMapByName() {
        DecodeResult r = Samples.decode(whatsAppRecord(6, 0));
        assertThat(r.events()).extracting(e -> e.status).containsExactly(Status.SENT, Status.DELIVERED, Status.READ,
                Status.FAILED, Status.DELETED, Status.WARNING);
        assertThat(r.events()).extracting(e -> e.isFinal).containsExactly(false, true, true, true, true, false);
        assertThat(r.events().get(3).failureClass).isEqualTo(FailureClass.UNKNOWN);
    }

    @Test
    void whatsAppBadStatusIsItsOwnDeadLetter() {
        String rec = whatsAppRecord(2, 0).replace("\\\"status\\\":\\\"delivered\\\"", "\\\"status\\\":\\\"bounced\\\"");
        DecodeResult r = Samples.decode(rec);
        assertThat(r.events()).extracting(e -> e.status).containsExactly(Status.SENT);
        assertThat(r.deadLetters()).hasSize(1);
        assertThat(r.deadLetters().get(0).reason).isEqualTo("invalid_value");
        assertThat(r.deadLetters().get(0).detail).startsWith("changes[0].value.statuses[1]: status:");
    }

    @Test
    void whatsAppErrorsOnlyValueIsUnsupported() {
        String entry = "{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                + "\"metadata\":{\"display_phone_number\":\"12065550100\",\"phone_number_id\":\"2\"},"
                + "\"errors\":[{\"code\":131000,\"title\":\"Something went wrong\"}]}}]}";
        ObjectNode header = JSON.createObjectNode().put("whatsAppWebhookEntry", entry);
        DecodeResult r = Samples.decode(header.toString());
        assertThat(r.events()).isEmpty();
        assertThat(r.deadLetters()).extracting(d -> d.reason).containsExactly("unsupported_event");
    }

    private static String smsWith(String field, String jsonValue) throws Exception {
        ObjectNode n = (ObjectNode) JSON.readTree(Samples.text("sms_text_delivered.json"));
        if (jsonValue == null) {
            n.remove(field);
        } else {
            n.set(field, JSON.readTree(jsonValue));
        }
        return n.toString();
    }

    @Test
    void isFinalAbsentDefaultsFromTheTypeGroup() throws Exception {
        assertThat(Samples.one(smsWith("isFinal", null)).isFinal).isTrue();
        String pending = smsWith("isFinal", null).replace("TEXT_DELIVERED", "TEXT_PENDING");
        assertThat(Samples.one(pending).isFinal).isFalse();
        // the record's own flag wins over the group
        assertThat(Samples.one(smsWith("isFinal", "false")).isFinal).isFalse();
    }

    @Test
    void rcsAndVoiceAndMediaTypes() throws Exception {
        CanonicalEvent fallback = Samples.one(smsWith("isFinal", null).replace("TEXT_DELIVERED", "RCS_FALLEN_BACK_TO_SMS"));
        assertThat(fallback.channel).isEqualTo(Channel.RCS);
        assertThat(fallback.status).isEqualTo(Status.SENT);
        assertThat(fallback.isFinal).isFalse();
        CanonicalEvent read = Samples.one(smsWith("eventType", "\"RCS_READ\""));
        assertThat(read.status).isEqualTo(Status.READ);
        CanonicalEvent busy = Samples.one(smsWith("eventType", "\"VOICE_BUSY\""));
        assertThat(busy.channel).isEqualTo(Channel.VOICE);
        assertThat(busy.failureClass).isEqualTo(FailureClass.UNREACHABLE);
        CanonicalEvent size = Samples.one(smsWith("eventType", "\"MEDIA_FILE_SIZE_EXCEEDED\""));
        assertThat(size.channel).isEqualTo(Channel.MMS);
        assertThat(size.failureClass).isEqualTo(FailureClass.INVALID);
        // an RCS message reported with TEXT_* types stays SMS (cannot be told apart)
        CanonicalEvent agent = Samples.one(smsWith("originationPhoneNumber", "\"example_rcs_agent\""));
        assertThat(agent.channel).isEqualTo(Channel.SMS);
        assertThat(agent.originationId).isEqualTo("example_rcs_agent");
    }

    @Test
    void unknownTypeWithKnownPrefixIsInvalidValue() throws Exception {
        DecodeResult r = Samples.decode(smsWith("eventType", "\"TEXT_TELEPORTED\""));
        assertThat(r.events()).isEmpty();
        assertThat(r.deadLetters()).extracting(d -> d.reason).containsExactly("invalid_value");
        assertThat(r.deadLetters().get(0).detail).isEqualTo("eventType: unknown event type TEXT_TELEPORTED");
        DecodeResult other = Samples.decode(smsWith("eventType", "\"EMAIL_SENT\""));
        assertThat(other.deadLetters()).extracting(d -> d.reason).containsExactly("unknown_family");
    }

    @Test
    void mccAsNumberContextValuesAndMoneyRounding() throws Exception {
        CanonicalEvent e = Samples.one(smsWith("mcc", "310").replace("\"mnc\":\"260\"", "\"mnc\":\"05\"")
                .replace("\"totalMessagePrice\":0.00581", "\"totalMessagePrice\":0.0000125")
                .replace("\"totalCarrierFee\":0.00302", "\"totalCarrierFee\":\"0.0000135\"")
                .replace("\"tenant\":\"example-tenant-01\"", "\"tenant\":7,\"flags\":{\"a\":true}"));
        assertThat(e.mcc).isEqualTo("310");
        assertThat(e.mnc).isEqualTo("05");
        assertThat(e.priceMicros).isEqualTo(12L);      // 12.5 -> 12 (half-even)
        assertThat(e.carrierFeeMicros).isEqualTo(14L); // 13.5 -> 14 (half-even)
        assertThat(e.context).containsEntry("tenant", "7").containsEntry("flags", "{\"a\":true}");
    }

    @Test
    void countryFallsBackToTheNumber() throws Exception {
        CanonicalEvent lower = Samples.one(smsWith("isoCountryCode", "\"ca\""));
        assertThat(lower.isoCountryCode).isEqualTo("CA");
        assertThat(lower.countrySource).isEqualTo("EVENT");
        CanonicalEvent gb = Samples.one(smsWith("isoCountryCode", null).replace("+14255550111", "+442079460123"));
        assertThat(gb.isoCountryCode).isEqualTo("GB");
        assertThat(gb.countrySource).isEqualTo("PHONE_NUMBER");
        CanonicalEvent bogusIso = Samples.one(smsWith("isoCountryCode", "\"USA\"").replace("+14255550111", "+442079460123"));
        assertThat(bogusIso.isoCountryCode).isEqualTo("GB");
        CanonicalEvent invalidNumber = Samples.one(smsWith("isoCountryCode", null).replace("+14255550111", "+19990000000"));
        assertThat(invalidNumber.isoCountryCode).isEqualTo("US");
        assertThat(invalidNumber.countrySource).isEqualTo("CALLING_CODE");
        CanonicalEvent none = Samples.one(smsWith("isoCountryCode", null).replace("+14255550111", "ALPHA"));
        assertThat(none.isoCountryCode).isNull();
        assertThat(none.countrySource).isNull();
    }
}
