package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.Direction;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.Status;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.example.eum.analytics.decode.SampleDecodingTest.sha16;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every routing shape of deploy/data-plane.yaml (fixtures in {@code src/test/resources/routing}, written in the
 * documented shapes, provenance in their README) decodes into the canonical rows checked here by hand.
 */
class RoutingShapesTest {
    private static final String ACCOUNT = "111122223333";
    private final RecordDecoder decoder = Samples.decoder();

    static byte[] fixture(String name) {
        try (InputStream in = RoutingShapesTest.class.getResourceAsStream("/routing/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture routing/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DecodeResult decode(String name) {
        return decoder.decode(Samples.record(fixture(name)));
    }

    private CanonicalEvent only(String name) {
        DecodeResult r = decode(name);
        assertThat(r.deadLetters()).as(name).isEmpty();
        assertThat(r.events()).as(name).hasSize(1);
        return r.events().get(0);
    }

    private DeadLetter deadLetterOnly(String name) {
        DecodeResult r = decode(name);
        assertThat(r.events()).as(name).isEmpty();
        assertThat(r.deadLetters()).as(name).hasSize(1);
        return r.deadLetters().get(0);
    }

    @Test
    void everyFixtureHasACheckHere() throws URISyntaxException, IOException {
        Path dir = Paths.get(RoutingShapesTest.class.getResource("/routing").toURI());
        List<String> names;
        try (Stream<Path> s = Files.list(dir)) {
            names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().collect(Collectors.toList());
        }
        assertThat(names).containsExactly(
                "app_feedback_record.json",
                "eventbridge_cloudtrail_put_message_feedback.json",
                "eventbridge_cloudtrail_put_message_feedback_error.json",
                "eventbridge_cloudtrail_send_text_message.json",
                "eventbridge_sms_voice_media_delivered.json",
                "eventbridge_sms_voice_text_delivered.json",
                "eventbridge_sms_voice_voice_completed.json",
                "eventbridge_social_whatsapp_delivered.json",
                "eventbridge_social_whatsapp_failed.json",
                "eventbridge_social_whatsapp_read.json",
                "eventbridge_social_whatsapp_received.json",
                "eventbridge_social_whatsapp_sent.json",
                "pipe_sqs_batch_whatsapp_statuses.json",
                "pipe_sqs_raw_whatsapp_status.json",
                "pipe_sqs_sns_whatsapp_status.json");
    }

    @Test
    void smsVoiceEventBridgeRuleCarriesTheWholeConfigurationSetEvent() throws Exception {
        CanonicalEvent t = only("eventbridge_sms_voice_text_delivered.json");
        assertThat(t.sourceEnvelope).isEqualTo("EVENTBRIDGE>RAW");
        assertThat(t.accountId).isEqualTo(ACCOUNT);
        assertThat(t.channel).isEqualTo(Channel.SMS);
        assertThat(t.status).isEqualTo(Status.DELIVERED);
        assertThat(t.isFinal).isTrue();
        assertThat(t.messageId).isEqualTo("11111111-0000-4000-8000-routing00001");
        assertThat(t.eventId).isEqualTo(sha16("11111111-0000-4000-8000-routing00001|TEXT_DELIVERED|1748872876310|true"));
        assertThat(t.eventTime).isEqualTo(1_748_872_876_310L);
        assertThat(t.requestTime).isEqualTo(1_748_872_800_000L);
        assertThat(t.isoCountryCode).isEqualTo("US");
        assertThat(t.destinationHash).isEqualTo(Samples.hash("+14255550123"));
        assertThat(t.destinationNumber).isNull();
        assertThat(t.priceMicros).isEqualTo(5_810L);
        assertThat(t.carrierFeeMicros).isEqualTo(3_020L);
        assertThat(t.carrierName).isEqualTo("Example Wireless US");

        CanonicalEvent m = only("eventbridge_sms_voice_media_delivered.json");
        assertThat(m.channel).isEqualTo(Channel.MMS);
        assertThat(m.status).isEqualTo(Status.DELIVERED);
        assertThat(m.priceMicros).isEqualTo(18_800L);
        assertThat(m.sourceEnvelope).isEqualTo("EVENTBRIDGE>RAW");

        CanonicalEvent v = only("eventbridge_sms_voice_voice_completed.json");
        assertThat(v.channel).isEqualTo(Channel.VOICE);
        assertThat(v.isFinal).isTrue();
        assertThat(v.priceMicros).isEqualTo(13_000L);
    }

    @Test
    void socialMessagingEventBridgeStatusesBecomeWhatsAppStatusesWithoutRecipientOrPricing() throws Exception {
        String id = "4bee7d29-0000-4000-8000-routingwa001";
        CanonicalEvent sent = only("eventbridge_social_whatsapp_sent.json");
        CanonicalEvent delivered = only("eventbridge_social_whatsapp_delivered.json");
        CanonicalEvent read = only("eventbridge_social_whatsapp_read.json");
        for (CanonicalEvent e : List.of(sent, delivered, read)) {
            assertThat(e.channel).isEqualTo(Channel.WHATSAPP);
            assertThat(e.direction).isEqualTo(Direction.OUTBOUND);
            assertThat(e.messageId).isEqualTo(id);
            assertThat(e.sourceEnvelope).isEqualTo("EVENTBRIDGE>SOCIAL_EVENT");
            assertThat(e.accountId).isEqualTo(ACCOUNT);
            assertThat(e.originationId).isEqualTo("+12065550100");
            assertThat(e.wabaId).isEqualTo("100000000000001");
            assertThat(e.phoneNumberId).isEqualTo("200000000000002");
            // what this route loses (deploy/README.md): recipient, country, pricing, conversation
            assertThat(e.destinationHash).isNull();
            assertThat(e.isoCountryCode).isNull();
            assertThat(e.pricingCategory).isNull();
            assertThat(e.billable).isNull();
            assertThat(e.conversationId).isNull();
            assertThat(e.failureClass).isNull();
        }
        assertThat(sent.status).isEqualTo(Status.SENT);
        assertThat(sent.isFinal).isFalse();
        assertThat(sent.eventTime).isEqualTo(1_748_872_802_000L);
        assertThat(sent.eventId).isEqualTo(sha16(id + "|sent|1748872802000"));
        assertThat(delivered.status).isEqualTo(Status.DELIVERED);
        assertThat(delivered.isFinal).isTrue();
        assertThat(delivered.eventType).isEqualTo("delivered");
        assertThat(delivered.eventTime).isEqualTo(1_748_872_804_000L);
        assertThat(delivered.eventId).isEqualTo(sha16(id + "|delivered|1748872804000"));
        assertThat(read.status).isEqualTo(Status.READ);
        assertThat(read.eventTime).isEqualTo(1_748_872_830_000L);

        CanonicalEvent failed = only("eventbridge_social_whatsapp_failed.json");
        assertThat(failed.status).isEqualTo(Status.FAILED);
        assertThat(failed.isFinal).isTrue();
        assertThat(failed.failureClass).isEqualTo(FailureClass.UNKNOWN);
        assertThat(failed.errorCode).isNull();
    }

    @Test
    void socialMessagingInboundEventsAreCountedDeadLettersNamingTheSnsRoute() {
        DeadLetter d = deadLetterOnly("eventbridge_social_whatsapp_received.json");
        assertThat(d.reason).isEqualTo("unsupported_event");
        assertThat(d.detail).contains("WhatsApp Message Received").contains("SNS event destination");
    }

    /** The columns of the SNS route's WhatsApp status, identical whether or not SQS and a pipe carried it. */
    private static void indiaDeliveredStatus(CanonicalEvent e) throws Exception {
        String wamid = "wamid.ROUTING000000000000000000000000000000001";
        assertThat(e.channel).isEqualTo(Channel.WHATSAPP);
        assertThat(e.status).isEqualTo(Status.DELIVERED);
        assertThat(e.isFinal).isTrue();
        assertThat(e.messageId).isEqualTo(wamid);
        assertThat(e.eventTime).isEqualTo(1_748_872_804_000L);
        assertThat(e.eventId).isEqualTo(sha16(wamid + "|delivered|1748872804000"));
        assertThat(e.destinationHash).isEqualTo(Samples.hash("+919876543210"));
        assertThat(e.isoCountryCode).isEqualTo("IN");
        assertThat(e.originationId).isEqualTo("+12065550100");
        assertThat(e.pricingCategory).isEqualTo("utility");
        assertThat(e.pricingModel).isEqualTo("CBP");
        assertThat(e.billable).isTrue();
        assertThat(e.conversationId).isEqualTo("00000000000000000000000routing01");
        assertThat(e.wabaId).isEqualTo("100000000000001");
        assertThat(e.phoneNumberId).isEqualTo("200000000000002");
        assertThat(e.accountId).isEqualTo(ACCOUNT);
    }

    @Test
    void snsToSqsToPipeBodyDecodesLikeTheSnsNotification() throws Exception {
        CanonicalEvent viaSns = only("pipe_sqs_sns_whatsapp_status.json");
        indiaDeliveredStatus(viaSns);
        assertThat(viaSns.sourceEnvelope).isEqualTo("SQS>SNS>SOCIAL");

        CanonicalEvent raw = only("pipe_sqs_raw_whatsapp_status.json");
        indiaDeliveredStatus(raw);
        assertThat(raw.sourceEnvelope).isEqualTo("SQS>SOCIAL");
        assertThat(raw.eventId).isEqualTo(viaSns.eventId);
    }

    @Test
    void aBatchOfSqsMessagesInOneRecordGivesOneEventPerMessage() throws Exception {
        DecodeResult r = decode("pipe_sqs_batch_whatsapp_statuses.json");
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).hasSize(2);
        indiaDeliveredStatus(r.events().get(0));
        CanonicalEvent read = r.events().get(1);
        assertThat(read.status).isEqualTo(Status.READ);
        assertThat(read.messageId).isEqualTo(r.events().get(0).messageId);
        assertThat(read.eventTime).isEqualTo(1_748_872_840_000L);
        assertThat(read.pricingCategory).isNull();
        assertThat(read.sourceEnvelope).isEqualTo("SQS>SNS>SOCIAL");
    }

    @Test
    void aBadMessageInAnSqsBatchIsItsOwnDeadLetter() {
        String good = new String(fixture("pipe_sqs_raw_whatsapp_status.json"), java.nio.charset.StandardCharsets.UTF_8);
        String bad = good.replaceFirst("\"body\": \"[^\\n]*\",", "\"body\": \"{not json\",");
        DecodeResult r = Samples.decode("[" + good + "," + bad + "]");
        assertThat(r.events()).hasSize(1);
        assertThat(r.deadLetters()).hasSize(1);
        assertThat(r.deadLetters().get(0).reason).isEqualTo("malformed_json");
        assertThat(r.deadLetters().get(0).detail).startsWith("[1]").contains("SQS body");
    }

    @Test
    void cloudTrailPutMessageFeedbackBecomesAFeedbackEvent() throws Exception {
        String id = "11111111-0000-4000-8000-routing00001";
        CanonicalEvent f = only("eventbridge_cloudtrail_put_message_feedback.json");
        assertThat(f.status).isEqualTo(Status.FEEDBACK);
        assertThat(f.feedbackStatus).isEqualTo("RECEIVED");
        assertThat(f.eventType).isEqualTo("FEEDBACK_RECEIVED");
        assertThat(f.channel).isNull();
        assertThat(f.isFinal).isFalse();
        assertThat(f.messageId).isEqualTo(id);
        assertThat(f.eventTime).isEqualTo(1_748_872_842_000L);
        assertThat(f.eventId).isEqualTo(sha16(id + "|RECEIVED|1748872842000"));
        assertThat(f.sourceEnvelope).isEqualTo("EVENTBRIDGE>CLOUDTRAIL>FEEDBACK");
        assertThat(f.accountId).isEqualTo(ACCOUNT);
        assertThat(f.destinationHash).isNull();
    }

    @Test
    void failedFeedbackCallsAndOtherApiCallsAreUnsupportedEvents() {
        DeadLetter error = deadLetterOnly("eventbridge_cloudtrail_put_message_feedback_error.json");
        assertThat(error.reason).isEqualTo("unsupported_event");
        assertThat(error.detail).contains("ResourceNotFoundException");

        DeadLetter other = deadLetterOnly("eventbridge_cloudtrail_send_text_message.json");
        assertThat(other.reason).isEqualTo("unsupported_event");
        assertThat(other.detail).contains("SendTextMessage");
    }

    @Test
    void cloudTrailRecordWithoutStatusIsAMissingFieldAtRequestParameters() {
        String json = new String(fixture("eventbridge_cloudtrail_put_message_feedback.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"messageFeedbackStatus\": \"RECEIVED\"", "\"other\": 1");
        DecodeResult r = Samples.decode(json);
        assertThat(r.events()).isEmpty();
        assertThat(r.deadLetters()).hasSize(1);
        assertThat(r.deadLetters().get(0).reason).isEqualTo("missing_field");
        assertThat(r.deadLetters().get(0).detail).contains("requestParameters").contains("messageFeedbackStatus");
    }

    @Test
    void applicationFeedbackRecordFromTheSnippetDecodes() throws Exception {
        String id = "11111111-0000-4000-8000-routing00002";
        CanonicalEvent f = only("app_feedback_record.json");
        assertThat(f.feedbackStatus).isEqualTo("FAILED");
        assertThat(f.eventTime).isEqualTo(1_748_873_100_250L);
        assertThat(f.eventId).isEqualTo(sha16(id + "|FAILED|1748873100250"));
        assertThat(f.sourceEnvelope).isEqualTo("FEEDBACK");
    }
}
