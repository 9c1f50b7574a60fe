package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.RawRecord;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of bad input gives exactly one dead letter with the right reason, and no event. */
class HostileInputTest {
    private final RecordDecoder decoder = Samples.decoder();
    private static final String SMS = Samples.text("sms_text_delivered.json");

    private DeadLetter dead(byte[] payload) {
        DecodeResult r = decoder.decode(Samples.record(payload));
        assertThat(r.events()).isEmpty();
        assertThat(r.deadLetters()).hasSize(1);
        DeadLetter d = r.deadLetters().get(0);
        assertThat(d.source).isEqualTo("test-stream");
        assertThat(d.ingestTime).isEqualTo(Samples.INGEST);
        assertThat(d.detail).doesNotContain("4255550111").doesNotContain("2065550100");
        return d;
    }

    private DeadLetter dead(String json) {
        return dead(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void emptyAndBlank() {
        assertThat(dead(new byte[0]).reason).isEqualTo("empty");
        assertThat(dead("  \n\t ").reason).isEqualTo("empty");
        assertThat(dead((byte[]) null).reason).isEqualTo("empty");
    }

    @Test
    void overTheSizeLimit() {
        byte[] big = new byte[DecoderSettings.DEFAULT_MAX_RECORD_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        DeadLetter d = dead(big);
        assertThat(d.reason).isEqualTo("too_large");
        assertThat(d.detail).isEqualTo("record has 1048577 bytes, limit 1048576");
        assertThat(d.payloadBytes).isEqualTo(1048577);
        assertThat(d.payloadTruncated).isTrue();
        assertThat(d.payload.getBytes(StandardCharsets.UTF_8)).hasSize(DeadLetter.MAX_PAYLOAD_BYTES);
    }

    @Test
    void notUtf8() {
        byte[] b = "{\"eventType\":\"TEXT_DELIVERED\",\"x\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        DeadLetter d = dead(b);
        assertThat(d.reason).isEqualTo("not_utf8");
        // binary that is not gzip may hold anything: withheld unless raw numbers are opted in (PayloadRedactorTest)
        assertThat(d.payload).isNull();
        assertThat(d.payloadBytes).isEqualTo(b.length);
        assertThat(d.detail).contains("binary payload withheld");
    }

    @Test
    void malformedAndTruncatedJson() {
        DeadLetter d = dead(SMS.substring(0, SMS.length() / 2));
        assertThat(d.reason).isEqualTo("malformed_json");
        assertThat(d.detail).startsWith("not valid JSON at line");
        assertThat(dead("{\"a\":1} trailing").reason).isEqualTo("malformed_json");
        assertThat(dead("{\"eventType\":\"TEXT_DELIVERED\",\"eventType\":\"TEXT_PENDING\"}").reason).isEqualTo("malformed_json");
        assertThat(dead("not json at all").reason).isEqualTo("malformed_json");
    }

    @Test
    void nestingDeeperThanTheLimit() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            b.append("{\"a\":");
        }
        b.append('1');
        for (int i = 0; i < 200; i++) {
            b.append('}');
        }
        DeadLetter d = dead(b.toString());
        assertThat(d.reason).isEqualTo("too_deep");
        assertThat(d.detail).isEqualTo("JSON nested deeper than 64 levels");
        StringBuilder arr = new StringBuilder();
        for (int i = 0; i < 100000; i++) {
            arr.append('[');
        }
        assertThat(dead(arr.toString()).reason).isEqualTo("too_deep");
    }

    @Test
    void envelopesNestedTooDeep() {
        String s = SMS;
        for (int i = 0; i < 5; i++) {
            s = EnvelopeAndFamilyTest.sns(s);
        }
        DeadLetter d = dead(s);
        assertThat(d.reason).isEqualTo("too_deep");
        assertThat(d.detail).isEqualTo("envelopes nested deeper than 4");
    }

    @Test
    void notAnObject() {
        DeadLetter d = dead("[1,2,3]");
        assertThat(d.reason).isEqualTo("wrong_type");
        assertThat(d.detail).isEqualTo("record: expected a JSON object, got array");
        assertThat(dead("42").reason).isEqualTo("wrong_type");
    }

    @Test
    void wrongTypes() {
        DeadLetter ts = dead(SMS.replace("\"eventTimestamp\": 1748872876310", "\"eventTimestamp\": \"yesterday\""));
        assertThat(ts.reason).isEqualTo("wrong_type");
        assertThat(ts.detail).isEqualTo("eventTimestamp: expected a whole number, got a non-numeric string");
        DeadLetter fin = dead(SMS.replace("\"isFinal\": true", "\"isFinal\": 1"));
        assertThat(fin.reason).isEqualTo("wrong_type");
        assertThat(fin.detail).isEqualTo("isFinal: expected a boolean, got number");
        DeadLetter price = dead(SMS.replace("\"totalMessagePrice\": 0.00581", "\"totalMessagePrice\": \"cheap\""));
        assertThat(price.detail).isEqualTo("totalMessagePrice: expected a decimal number (USD), got string");
        assertThat(dead(SMS.replace("\"context\": {", "\"context\": [{").replace("\"tenant\": \"example-tenant-01\"\n  }",
                "\"tenant\": \"example-tenant-01\"\n  }]")).detail).isEqualTo("context: expected an object, got array");
        // a numeric string is accepted for a time
        assertThat(decoder.decode(Samples.record(SMS.replace("\"eventTimestamp\": 1748872876310",
                "\"eventTimestamp\": \"1748872876310\""))).events()).hasSize(1);
    }

    @Test
    void missingRequiredFields() {
        for (String field : new String[] {"messageId", "eventTimestamp"}) {
            String s = SMS.replaceAll("\"" + field + "\": [^,]+,", "");
            DeadLetter d = dead(s);
            assertThat(d.reason).isEqualTo("missing_field");
            assertThat(d.detail).isEqualTo(field + ": required field is absent or null");
        }
        assertThat(dead(SMS.replace("\"eventType\": \"TEXT_DELIVERED\"", "\"eventType\": null")).reason)
                .isEqualTo("unknown_family");
    }

    @Test
    void outOfRangeTimeIsInvalid() {
        DeadLetter d = dead(SMS.replace("\"eventTimestamp\": 1748872876310", "\"eventTimestamp\": 1748872876"));
        assertThat(d.reason).isEqualTo("invalid_value");
        assertThat(d.detail).isEqualTo("eventTimestamp: epoch milliseconds outside 2000-01-01..2100-01-01");
        assertThat(dead(SMS.replace("\"totalMessagePrice\": 0.00581", "\"totalMessagePrice\": -1")).reason)
                .isEqualTo("invalid_value");
    }

    @Test
    void badBase64AndBadGzip() {
        assertThat(dead("{\"awslogs\":{\"data\":\"!!!not base64***\"}}").reason).isEqualTo("bad_base64");
        String notGzip = Base64.getEncoder().encodeToString("plain text".getBytes(StandardCharsets.UTF_8));
        assertThat(dead("{\"awslogs\":{\"data\":\"" + notGzip + "\"}}").reason).isEqualTo("bad_gzip");
        byte[] gz = Samples.gzip(SMS.getBytes(StandardCharsets.UTF_8));
        DeadLetter truncated = dead(Arrays.copyOf(gz, gz.length / 2));
        assertThat(truncated.reason).isEqualTo("bad_gzip");
        assertThat(truncated.payloadBase64).isTrue();
        assertThat(dead(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}).reason).isEqualTo("bad_gzip");
    }

    @Test
    void gzipBombIsStoppedAtTheInflatedLimit() {
        byte[] zeros = new byte[DecoderSettings.DEFAULT_MAX_INFLATED_BYTES + 10];
        byte[] bomb = Samples.gzip(zeros);
        assertThat(bomb.length).isLessThan(DecoderSettings.DEFAULT_MAX_RECORD_BYTES);
        DeadLetter d = dead(bomb);
        assertThat(d.reason).isEqualTo("bad_gzip");
        assertThat(d.detail).startsWith("inflated size exceeds 8388608 bytes");
    }

    @Test
    void gzipInsideGzipIsUnwrappedOnlyAsDeepAsEnvelopesMayNest() {
        byte[] layered = SMS.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < DecoderSettings.DEFAULT_MAX_ENVELOPE_DEPTH; i++) {
            layered = Samples.gzip(layered);
        }
        assertThat(Samples.one(decoder, layered).messageId).isNotEmpty();
        DeadLetter oneTooMany = dead(Samples.gzip(layered));
        assertThat(oneTooMany.reason).isEqualTo("too_deep");
        assertThat(oneTooMany.detail).startsWith("gzip nested deeper than 4 layers");
        // thousands of tiny layers: refused after the limit, not inflated one by one down the stack
        byte[] stack = new byte[] {'{', '}'};
        for (int i = 0; i < 1000; i++) {
            stack = Samples.gzip(stack);
        }
        assertThat(dead(stack).reason).isEqualTo("too_deep");
    }

    @Test
    void awslogsDataHoldingGzipInsideGzipIsBadGzip() {
        byte[] batch = Samples.bytes("envelope_cwlogs_subscription_decoded.json");
        String twice = Base64.getEncoder().encodeToString(Samples.gzip(Samples.gzip(batch)));
        DeadLetter d = dead("{\"awslogs\":{\"data\":\"" + twice + "\"}}");
        assertThat(d.reason).isEqualTo("bad_gzip");
        assertThat(d.detail).isEqualTo("awslogs.data: gzip inside gzip (CloudWatch Logs compresses a batch once)");
    }

    @Test
    void negativeMessagePartsAreInvalid() {
        DeadLetter d = dead(SMS.replaceFirst("\"totalMessageParts\"\\s*:\\s*\\d+", "\"totalMessageParts\":-1"));
        assertThat(d.reason).isEqualTo("invalid_value");
        assertThat(d.detail).isEqualTo("totalMessageParts: negative count");
        assertThat(Samples.one(SMS.replaceFirst("\"totalMessageParts\"\\s*:\\s*\\d+", "\"totalMessageParts\":0")).messageParts)
                .isZero();
    }

    @Test
    void aPriceNoMessageCostsIsInvalidSoWindowSumsCannotOverflow() {
        // 9e12 USD is 9e18 micro-USD: it fits a long, so two of them in one window would overflow the sum
        String price = "\"totalMessagePrice\"\\s*:\\s*[0-9.]+";
        DeadLetter d = dead(SMS.replaceFirst(price, "\"totalMessagePrice\":9000000000000"));
        assertThat(d.reason).isEqualTo("invalid_value");
        assertThat(d.detail).isEqualTo("totalMessagePrice: amount over 10000 USD for one message");
        assertThat(dead(SMS.replaceFirst(price, "\"totalMessagePrice\":10000.000001")).reason).isEqualTo("invalid_value");
        assertThat(Samples.one(SMS.replaceFirst(price, "\"totalMessagePrice\":10000")).priceMicros).isEqualTo(10_000_000_000L);
        assertThat(dead(SMS.replaceFirst("\"totalCarrierFee\"\\s*:\\s*[0-9.]+", "\"totalCarrierFee\":\"20000\"")).detail)
                .isEqualTo("totalCarrierFee: amount over 10000 USD for one message");
    }

    @Test
    void unknownFamily() {
        DeadLetter d = dead("{\"hello\":\"world\"}");
        assertThat(d.reason).isEqualTo("unknown_family");
        assertThat(d.payload).isEqualTo("{\"hello\":\"world\"}");
        assertThat(d.payloadBase64).isFalse();
    }

    @Test
    void snsWithANonJsonMessage() {
        DeadLetter d = dead(EnvelopeAndFamilyTest.sns("hello +14255550111"));
        assertThat(d.reason).isEqualTo("malformed_json");
        assertThat(d.detail).startsWith("SNS Message: not valid JSON");
    }

    @Test
    void transportErrorBecomesItsReason() {
        RawRecord r = Samples.record("abc$$".getBytes(StandardCharsets.US_ASCII));
        r.transportError = "bad_base64";
        DecodeResult res = decoder.decode(r);
        assertThat(res.events()).isEmpty();
        assertThat(res.deadLetters()).extracting(x -> x.reason).containsExactly("bad_base64");
        assertThat(res.deadLetters().get(0).payload).isEqualTo("abc$$");
    }

    @Test
    void hugeNumberIsRejected() {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            digits.append('9');
        }
        DeadLetter d = dead(SMS.replace("\"totalMessagePrice\": 0.00581", "\"totalMessagePrice\": " + digits));
        assertThat(d.reason).isEqualTo("too_large");
    }
}
