package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.Direction;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.Status;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Every shared sample record decodes to the canonical rows checked here by hand against the sample files. */
class SampleDecodingTest {
    private static final String MSG1 = "0a1b2c3d-0000-4000-8000-example00001";
    private static final String WAMID1 = "wamid.EXAMPLE0000000000000000000000000000001";
    private static final String ORIGINATION = "+12065550100";

    private final RecordDecoder decoder = Samples.decoder();

    /** The documented identity hashed independently of EventIds: first 16 bytes of SHA-256, hex. */
    static String sha16(String identity) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            b.append(String.format("%02x", d[i]));
        }
        return b.toString();
    }

    private List<CanonicalEvent> events(String sample) {
        DecodeResult r = decoder.decode(Samples.record(Samples.bytes(sample)));
        assertThat(r.deadLetters()).as(sample).isEmpty();
        return r.events();
    }

    private CanonicalEvent only(String sample) {
        List<CanonicalEvent> e = events(sample);
        assertThat(e).as(sample).hasSize(1);
        return e.get(0);
    }

    /** Columns every US SMS sample shares. */
    private static void usSms(CanonicalEvent e, String destination) {
        assertThat(e.channel).isEqualTo(Channel.SMS);
        assertThat(e.direction).isEqualTo(Direction.OUTBOUND);
        assertThat(e.originationId).isEqualTo(ORIGINATION);
        assertThat(e.destinationHash).isEqualTo(Samples.hash(destination)).hasSize(64);
        assertThat(e.destinationNumber).isNull();
        assertThat(e.isoCountryCode).isEqualTo("US");
        assertThat(e.countrySource).isEqualTo("EVENT");
        assertThat(e.sourceEnvelope).isEqualTo("RAW");
        assertThat(e.source).isEqualTo("test-stream");
        assertThat(e.ingestTime).isEqualTo(Samples.INGEST);
    }

    @Test
    void everySampleFileHasACheckHere() {
        List<String> names = new ArrayList<>();
        for (Path p : Samples.all()) {
            names.add(p.getFileName().toString());
        }
        assertThat(names).containsExactlyInAnyOrder(
                "envelope_cwlogs_subscription_decoded.json", "envelope_cwlogs_subscription_lambda_awslogs.json",
                "envelope_eventbridge_sms_text_delivered.json", "envelope_sns_sms_text_delivered.json",
                "envelope_sns_wa_status_delivered.json", "feedback_failed.json", "feedback_received.json",
                "mms_media_delivered.json", "sms_text_blocked.json", "sms_text_carrier_unreachable.json",
                "sms_text_delivered.json", "sms_text_pending.json", "sms_text_protect_blocked.json",
                "sms_text_successful.json", "sms_text_successful_protect_monitor.json",
                "sms_text_unknown_after_72h.json", "voice_voice_completed.json", "wa_inbound_text.json",
                "wa_status_delivered.json", "wa_status_failed.json", "wa_status_read.json",
                "wa_status_sent_conversation_pricing.json", "wa_status_sent_pmp_no_conversation.json");
    }

    @Test
    void smsPending() throws Exception {
        CanonicalEvent e = only("sms_text_pending.json");
        usSms(e, "+14255550111");
        assertThat(e.eventType).isEqualTo("TEXT_PENDING");
        assertThat(e.status).isEqualTo(Status.PENDING);
        assertThat(e.failureClass).isNull();
        assertThat(e.isFinal).isFalse();
        assertThat(e.messageId).isEqualTo(MSG1);
        assertThat(e.eventId).isEqualTo(sha16(MSG1 + "|TEXT_PENDING|1748872800350|false"));
        assertThat(e.eventTime).isEqualTo(1748872800350L);
        assertThat(e.requestTime).isEqualTo(1748872800000L);
        assertThat(e.mcc).isEqualTo("310");
        assertThat(e.mnc).isEqualTo("260");
        assertThat(e.carrierName).isEqualTo("Example Wireless US");
        assertThat(e.messageType).isEqualTo("TRANSACTIONAL");
        assertThat(e.messageEncoding).isEqualTo("GSM");
        assertThat(e.priceMicros).isEqualTo(5810L);
        assertThat(e.carrierFeeMicros).isEqualTo(3020L);
        assertThat(e.messageParts).isEqualTo(1);
        assertThat(e.context).containsExactly(entry("useCase", "otp-login"), entry("tenant", "example-tenant-01"));
        assertThat(e.accountId).isNull();
        assertThat(e.protectConfigurationId).isNull();
    }

    @Test
    void smsSuccessfulAndDeliveredAreBothDeliveredAndFinal() throws Exception {
        CanonicalEvent s = only("sms_text_successful.json");
        usSms(s, "+14255550111");
        assertThat(s.status).isEqualTo(Status.DELIVERED);
        assertThat(s.isFinal).isTrue();
        assertThat(s.eventTime).isEqualTo(1748872800820L);
        assertThat(s.eventId).isEqualTo(sha16(MSG1 + "|TEXT_SUCCESSFUL|1748872800820|true"));

        CanonicalEvent d = only("sms_text_delivered.json");
        usSms(d, "+14255550111");
        assertThat(d.eventType).isEqualTo("TEXT_DELIVERED");
        assertThat(d.status).isEqualTo(Status.DELIVERED);
        assertThat(d.isFinal).isTrue();
        assertThat(d.eventTime).isEqualTo(1748872876310L);
        assertThat(d.eventId).isEqualTo(sha16(MSG1 + "|TEXT_DELIVERED|1748872876310|true"));
        assertThat(d.messageId).isEqualTo(s.messageId);
        assertThat(d.destinationHash).isEqualTo(s.destinationHash);
    }

    @Test
    void smsCarrierUnreachableInCanada() {
        CanonicalEvent e = only("sms_text_carrier_unreachable.json");
        assertThat(e.channel).isEqualTo(Channel.SMS);
        assertThat(e.status).isEqualTo(Status.FAILED);
        assertThat(e.failureClass).isEqualTo(FailureClass.UNREACHABLE);
        assertThat(e.isFinal).isTrue();
        assertThat(e.messageId).isEqualTo("0a1b2c3d-0000-4000-8000-example00002");
        assertThat(e.isoCountryCode).isEqualTo("CA");
        assertThat(e.countrySource).isEqualTo("EVENT");
        assertThat(e.mcc).isEqualTo("302");
        assertThat(e.mnc).isEqualTo("720");
        assertThat(e.priceMicros).isEqualTo(7520L);
        assertThat(e.carrierFeeMicros).isEqualTo(0L);
        assertThat(e.destinationHash).isEqualTo(Samples.hash("+15145550122"));
    }

    @Test
    void smsBlockedPromotional() {
        CanonicalEvent e = only("sms_text_blocked.json");
        usSms(e, "+12065550133");
        assertThat(e.status).isEqualTo(Status.FAILED);
        assertThat(e.failureClass).isEqualTo(FailureClass.BLOCKED);
        assertThat(e.messageType).isEqualTo("PROMOTIONAL");
        assertThat(e.context).containsEntry("useCase", "marketing-newsletter");
    }

    @Test
    void smsProtectBlockedCarriesProtectColumns() {
        CanonicalEvent e = only("sms_text_protect_blocked.json");
        usSms(e, "+14255550144");
        assertThat(e.status).isEqualTo(Status.FAILED);
        assertThat(e.failureClass).isEqualTo(FailureClass.PROTECT_BLOCKED);
        assertThat(e.mcc).isNull();
        assertThat(e.carrierName).isNull();
        assertThat(e.priceMicros).isEqualTo(0L);
        assertThat(e.protectConfigurationId).isEqualTo("protect-00000000000000000000000example01");
        assertThat(e.protectStatus).isEqualTo("FILTER");
        assertThat(e.protectRecommendation).isEqualTo("BLOCK");
    }

    @Test
    void smsDeliveredUnderProtectMonitor() {
        CanonicalEvent e = only("sms_text_successful_protect_monitor.json");
        usSms(e, "+14255550155");
        assertThat(e.status).isEqualTo(Status.DELIVERED);
        assertThat(e.failureClass).isNull();
        assertThat(e.protectStatus).isEqualTo("MONITOR");
        assertThat(e.protectRecommendation).isEqualTo("BLOCK");
    }

    @Test
    void smsUnknownAfter72Hours() {
        CanonicalEvent e = only("sms_text_unknown_after_72h.json");
        usSms(e, "+12065550166");
        assertThat(e.status).isEqualTo(Status.FAILED);
        assertThat(e.failureClass).isEqualTo(FailureClass.UNKNOWN);
        assertThat(e.isFinal).isTrue();
        assertThat(e.eventTime - e.requestTime).isEqualTo(72L * 3600 * 1000);
    }

    @Test
    void mmsDelivered() {
        CanonicalEvent e = only("mms_media_delivered.json");
        assertThat(e.channel).isEqualTo(Channel.MMS);
        assertThat(e.eventType).isEqualTo("MEDIA_DELIVERED");
        assertThat(e.status).isEqualTo(Status.DELIVERED);
        assertThat(e.isFinal).isTrue();
        assertThat(e.priceMicros).isEqualTo(22000L);
        assertThat(e.carrierFeeMicros).isEqualTo(5000L);
        assertThat(e.messageEncoding).isNull();
        assertThat(e.mcc).isEqualTo("310");
        assertThat(e.destinationHash).isEqualTo(Samples.hash("+14255550177"));
    }

    @Test
    void voiceCompletedIsDelivered() {
        CanonicalEvent e = only("voice_voice_completed.json");
        assertThat(e.channel).isEqualTo(Channel.VOICE);
        assertThat(e.status).isEqualTo(Status.DELIVERED);
        assertThat(e.isFinal).isTrue();
        assertThat(e.priceMicros).isEqualTo(13000L);
        assertThat(e.carrierFeeMicros).isEqualTo(0L);
        assertThat(e.messageParts).isNull();
        assertThat(e.mcc).isNull();
        assertThat(e.isoCountryCode).isEqualTo("US");
        assertThat(e.context).containsEntry("useCase", "otp-voice-fallback");
    }

    @Test
    void snsAndEventBridgeEnvelopes() {
        CanonicalEvent raw = only("sms_text_delivered.json");
        CanonicalEvent sns = only("envelope_sns_sms_text_delivered.json");
        assertThat(sns.sourceEnvelope).isEqualTo("SNS>RAW");
        assertThat(sns.eventId).isEqualTo(raw.eventId);
        assertThat(sns.messageId).isEqualTo(MSG1);
        assertThat(sns.destinationHash).isEqualTo(raw.destinationHash);

        CanonicalEvent eb = only("envelope_eventbridge_sms_text_delivered.json");
        assertThat(eb.sourceEnvelope).isEqualTo("EVENTBRIDGE>RAW");
        assertThat(eb.eventId).isEqualTo(raw.eventId);
        assertThat(eb.accountId).isEqualTo("111122223333");
        assertThat(eb.destinationHash).isNull();
        assertThat(eb.context).isNull();
        assertThat(eb.isoCountryCode).isEqualTo("US");
        assertThat(eb.priceMicros).isEqualTo(5810L);
    }

    @Test
    void cloudWatchLogsBatchDecodedAndLambdaShapeGiveTheSameTwoEvents() throws Exception {
        for (String sample : new String[] {"envelope_cwlogs_subscription_decoded.json",
                "envelope_cwlogs_subscription_lambda_awslogs.json"}) {
            List<CanonicalEvent> e = events(sample);
            assertThat(e).as(sample).hasSize(2);
            assertThat(e).extracting(x -> x.eventType).containsExactly("TEXT_SUCCESSFUL", "TEXT_DELIVERED");
            assertThat(e).extracting(x -> x.sourceEnvelope).containsOnly("CLOUDWATCH_LOGS>RAW");
            assertThat(e).extracting(x -> x.accountId).containsOnly("111122223333");
            assertThat(e.get(0).eventId).isEqualTo(sha16(MSG1 + "|TEXT_SUCCESSFUL|1748872800820|true"));
            assertThat(e.get(1).eventId).isEqualTo(sha16(MSG1 + "|TEXT_DELIVERED|1748872876310|true"));
        }
    }

    /** Columns every WhatsApp sample shares. */
    private static void whatsApp(CanonicalEvent e, String envelope) {
        assertThat(e.channel).isEqualTo(Channel.WHATSAPP);
        assertThat(e.originationId).isEqualTo(ORIGINATION);
        assertThat(e.accountId).isEqualTo("111122223333");
        assertThat(e.wabaId).isEqualTo("100000000000001");
        assertThat(e.phoneNumberId).isEqualTo("200000000000002");
        assertThat(e.sourceEnvelope).isEqualTo(envelope);
        assertThat(e.isoCountryCode).isEqualTo("US");
        assertThat(e.countrySource).isEqualTo("PHONE_NUMBER");
        assertThat(e.destinationNumber).isNull();
    }

    @Test
    void whatsAppSentWithConversationPricing() throws Exception {
        CanonicalEvent e = only("wa_status_sent_conversation_pricing.json");
        whatsApp(e, "SOCIAL");
        assertThat(e.direction).isEqualTo(Direction.OUTBOUND);
        assertThat(e.eventType).isEqualTo("sent");
        assertThat(e.status).isEqualTo(Status.SENT);
        assertThat(e.isFinal).isFalse();
        assertThat(e.messageId).isEqualTo(WAMID1);
        assertThat(e.eventTime).isEqualTo(1748872802000L);
        assertThat(e.eventId).isEqualTo(sha16(WAMID1 + "|sent|1748872802000"));
        assertThat(e.destinationHash).isEqualTo(Samples.hash("+14255550123"));
        assertThat(e.pricingModel).isEqualTo("CBP");
        assertThat(e.pricingCategory).isEqualTo("utility");
        assertThat(e.pricingType).isNull();
        assertThat(e.billable).isTrue();
        assertThat(e.conversationId).isEqualTo("00000000000000000000000example001");
        assertThat(e.conversationOrigin).isEqualTo("utility");
        assertThat(e.failureClass).isNull();
    }

    @Test
    void whatsAppDeliveredReadAndThroughSns() throws Exception {
        CanonicalEvent d = only("wa_status_delivered.json");
        whatsApp(d, "SOCIAL");
        assertThat(d.status).isEqualTo(Status.DELIVERED);
        assertThat(d.isFinal).isTrue();
        assertThat(d.eventTime).isEqualTo(1748872804000L);
        assertThat(d.eventId).isEqualTo(sha16(WAMID1 + "|delivered|1748872804000"));

        CanonicalEvent viaSns = only("envelope_sns_wa_status_delivered.json");
        whatsApp(viaSns, "SNS>SOCIAL");
        assertThat(viaSns.eventId).isEqualTo(d.eventId);
        assertThat(viaSns.destinationHash).isEqualTo(d.destinationHash);

        CanonicalEvent r = only("wa_status_read.json");
        whatsApp(r, "SOCIAL");
        assertThat(r.status).isEqualTo(Status.READ);
        assertThat(r.isFinal).isTrue();
        assertThat(r.eventTime).isEqualTo(1748872895000L);
        assertThat(r.pricingModel).isNull();
        assertThat(r.conversationId).isNull();
    }

    @Test
    void whatsAppFailedReEngagementIsPolicy() {
        CanonicalEvent e = only("wa_status_failed.json");
        whatsApp(e, "SOCIAL");
        assertThat(e.status).isEqualTo(Status.FAILED);
        assertThat(e.failureClass).isEqualTo(FailureClass.POLICY);
        assertThat(e.isFinal).isTrue();
        assertThat(e.errorCode).isEqualTo(131047);
        assertThat(e.errorTitle).isEqualTo("Re-engagement message");
        assertThat(e.messageId).isEqualTo("wamid.EXAMPLE0000000000000000000000000000002");
        assertThat(e.eventTime).isEqualTo(1748873100000L);
        assertThat(e.destinationHash).isEqualTo(Samples.hash("+14255550124"));
    }

    @Test
    void whatsAppPerMessagePricingWithoutConversation() {
        CanonicalEvent e = only("wa_status_sent_pmp_no_conversation.json");
        whatsApp(e, "SOCIAL");
        assertThat(e.status).isEqualTo(Status.SENT);
        assertThat(e.pricingModel).isEqualTo("PMP");
        assertThat(e.pricingType).isEqualTo("regular");
        assertThat(e.pricingCategory).isEqualTo("marketing");
        assertThat(e.conversationId).isNull();
        assertThat(e.conversationOrigin).isNull();
        assertThat(e.eventTime).isEqualTo(1748873400000L);
    }

    @Test
    void whatsAppInboundText() throws Exception {
        CanonicalEvent e = only("wa_inbound_text.json");
        whatsApp(e, "SOCIAL");
        assertThat(e.direction).isEqualTo(Direction.INBOUND);
        assertThat(e.status).isEqualTo(Status.RECEIVED);
        assertThat(e.eventType).isEqualTo("inbound_text");
        assertThat(e.messageType).isEqualTo("text");
        assertThat(e.messageId).isEqualTo("wamid.EXAMPLEINBOUND000000000000000000000001");
        assertThat(e.eventId).isEqualTo(sha16("wamid.EXAMPLEINBOUND000000000000000000000001|inbound"));
        assertThat(e.eventTime).isEqualTo(1748873700000L);
        assertThat(e.destinationHash).isEqualTo(Samples.hash("+14255550123"));
    }

    @Test
    void feedbackReceivedAndFailed() throws Exception {
        CanonicalEvent r = only("feedback_received.json");
        assertThat(r.channel).isNull();
        assertThat(r.direction).isEqualTo(Direction.OUTBOUND);
        assertThat(r.eventType).isEqualTo("FEEDBACK_RECEIVED");
        assertThat(r.status).isEqualTo(Status.FEEDBACK);
        assertThat(r.feedbackStatus).isEqualTo("RECEIVED");
        assertThat(r.isFinal).isFalse();
        assertThat(r.messageId).isEqualTo(MSG1);
        assertThat(r.eventTime).isEqualTo(1748872841000L);
        assertThat(r.eventId).isEqualTo(sha16(MSG1 + "|RECEIVED|1748872841000"));
        assertThat(r.sourceEnvelope).isEqualTo("FEEDBACK");
        assertThat(r.destinationHash).isNull();

        CanonicalEvent f = only("feedback_failed.json");
        assertThat(f.eventType).isEqualTo("FEEDBACK_FAILED");
        assertThat(f.feedbackStatus).isEqualTo("FAILED");
        assertThat(f.messageId).isEqualTo("0a1b2c3d-0000-4000-8000-example00002");
        assertThat(f.eventTime).isEqualTo(1748874000000L);
    }

    @Test
    void rawNumbersOnlyWhenOptedIn() {
        RecordDecoder optIn = new RecordDecoder(new DecoderSettings(Samples.KEY, true));
        CanonicalEvent sms = Samples.one(optIn, Samples.bytes("sms_text_delivered.json"));
        assertThat(sms.destinationNumber).isEqualTo("+14255550111");
        CanonicalEvent wa = Samples.one(optIn, Samples.bytes("wa_inbound_text.json"));
        assertThat(wa.destinationNumber).isEqualTo("+14255550123");
    }

    @Test
    void hashDependsOnTheKey() {
        RecordDecoder other = new RecordDecoder(new DecoderSettings("another-key".getBytes(StandardCharsets.UTF_8), false));
        CanonicalEvent a = Samples.one(Samples.decoder(), Samples.bytes("sms_text_delivered.json"));
        CanonicalEvent b = Samples.one(other, Samples.bytes("sms_text_delivered.json"));
        assertThat(a.destinationHash).isNotEqualTo(b.destinationHash);
        assertThat(a.eventId).isEqualTo(b.eventId);
    }

    /** Used by the privacy test: every decoded event of every sample file. */
    static Map<String, List<CanonicalEvent>> decodeAllSamples() {
        RecordDecoder d = Samples.decoder();
        Map<String, List<CanonicalEvent>> out = new LinkedHashMap<>();
        for (Path p : Samples.all()) {
            String name = p.getFileName().toString();
            DecodeResult r = d.decode(Samples.record(Samples.bytes(name)));
            assertThat(r.deadLetters()).as(name).isEmpty();
            out.put(name, r.events());
        }
        return out;
    }
}
