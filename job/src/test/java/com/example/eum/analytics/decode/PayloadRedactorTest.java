package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.DeadLetterReason;
import com.example.eum.analytics.model.RawRecord;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadRedactorTest {
    private static final Path SAMPLES = Samples.dir();

    @Test
    void masksNumbersAndBodiesInTruncatedRawJson() {
        String truncated = "{\"eventType\":\"TEXT_DELIVERED\",\"destinationPhoneNumber\":\"+14255550111\",\"messageId\":\"m1\",\"eventTim";
        assertThat(PayloadRedactor.redactText(truncated))
                .isEqualTo("{\"eventType\":\"TEXT_DELIVERED\",\"destinationPhoneNumber\":\"<redacted>\",\"messageId\":\"m1\",\"eventTim");
    }

    @Test
    void masksFieldsInsideJsonNestedInStrings() throws Exception {
        // the inbound sample: whatsAppWebhookEntry is a JSON string (quotes escaped once) holding number, name and body
        String inbound = Files.readString(SAMPLES.resolve("wa_inbound_text.json"));
        String redacted = PayloadRedactor.redactText(inbound);
        assertThat(redacted).doesNotContain("14255550123").doesNotContain("Diego").doesNotContain("Hi, is my order")
                .contains("\\\"from\\\":\\\"<redacted>\\\"").contains("\\\"body\\\":\\\"<redacted>\\\"")
                .contains("\\\"display_phone_number\\\":\\\"12065550100\\\"");
        // SNS around a Social event: quotes escaped twice
        String sns = Files.readString(SAMPLES.resolve("envelope_sns_wa_status_delivered.json"));
        assertThat(PayloadRedactor.redactText(sns)).doesNotContain("14255550123").contains("wamid.EXAMPLE");
    }

    @Test
    void anEscapedQuoteInsideABodyDoesNotEndTheMask() {
        String text = "{\"text\":{\"body\":\"he said \\\"call +44 7700 900123\\\" ok\"},\"id\":\"wamid.X\"}";
        assertThat(PayloadRedactor.redactText(text)).isEqualTo("{\"text\":{\"body\":\"<redacted>\"},\"id\":\"wamid.X\"}");
    }

    @Test
    void masksAnyPlusDigitsRunOutsideKnownFields() {
        assertThat(PayloadRedactor.redactText("{\"note\":\"call +4915112345678 now\",\"ts\":1748872800000}"))
                .isEqualTo("{\"note\":\"call +<redacted> now\",\"ts\":1748872800000}");
    }

    @Test
    void gzipPayloadsAreShownInflatedAndMaskedOtherBinaryIsWithheld() throws Exception {
        RecordDecoder decoder = new RecordDecoder(new DecoderSettings("k".repeat(32).getBytes(StandardCharsets.UTF_8), false));
        // a CloudWatch-style gzip whose JSON is broken: bad gzip content after inflation -> malformed JSON
        byte[] gz = gzip("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":\"{\\\"destinationPhoneNumber\\\":\\\"+14255550111\\\"".getBytes(StandardCharsets.UTF_8));
        DeadLetter fromGzip = single(decoder, gz);
        assertThat(fromGzip.payloadBase64).isFalse();
        assertThat(fromGzip.payload).doesNotContain("4255550111").contains("<redacted>");
        assertThat(fromGzip.detail).contains("gunzipped and redacted");

        DeadLetter binary = single(decoder, new byte[] {0x00, 0x01, 0x02, (byte) 0xff});
        assertThat(binary.payload).isNull();
        assertThat(binary.payloadBytes).isEqualTo(4);
        assertThat(binary.detail).contains("withheld");
    }

    @Test
    void optInKeepsThePayloadAsReceived() {
        RecordDecoder decoder = new RecordDecoder(new DecoderSettings("k".repeat(32).getBytes(StandardCharsets.UTF_8), true));
        String truncated = "{\"destinationPhoneNumber\":\"+14255550111\",\"eventTim";
        DeadLetter d = single(decoder, truncated.getBytes(StandardCharsets.UTF_8));
        assertThat(d.reason).isEqualTo(DeadLetterReason.MALFORMED_JSON.code());
        assertThat(d.payload).isEqualTo(truncated);
    }

    private static DeadLetter single(RecordDecoder decoder, byte[] payload) {
        DecodeResult r = decoder.decode(new RawRecord(payload, "test", 1L));
        assertThat(r.events()).isEmpty();
        List<DeadLetter> dls = r.deadLetters();
        assertThat(dls).hasSize(1);
        return dls.get(0);
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }
}
