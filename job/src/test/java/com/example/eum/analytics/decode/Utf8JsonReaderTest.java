package com.example.eum.analytics.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.RawRecord;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The byte reader makes of a document exactly what LiteJson's Jackson reader makes of it (every field, kind and
 * value, checked against {@link LiteJson#describe} of both, and values asserted), including escapes, unicode, JSON
 * nested in strings once and twice, numbers of every form, nulls and absent fields; and it gives up (null) on every
 * malformed document, and on the valid shapes it leaves to Jackson, so that the decoder's output, dead letters
 * included, is what it was.
 */
class Utf8JsonReaderTest {
    static final DecoderSettings SETTINGS = new DecoderSettings(Samples.KEY, false);
    private final Utf8JsonReader reader = new Utf8JsonReader(SETTINGS.maxNestingDepth(), SETTINGS.maxInflatedBytes());
    private final JsonFactory jackson = jacksonAsTheDecoderHasIt();

    /** LiteJson's Jackson reader's factory, as RecordDecoder makes it for the fast path. */
    static JsonFactory jacksonAsTheDecoderHasIt() {
        JsonFactory f = RecordDecoder.newMapper(SETTINGS).getFactory().copy();
        f.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return f;
    }

    private LiteJson bytes(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return reader.read(b, b.length);
    }

    /** LiteJson's Jackson reader on the same bytes; null when it fails or gives up. */
    private LiteJson viaJackson(String json) {
        try (JsonParser p = jackson.createParser(json.getBytes(StandardCharsets.UTF_8))) {
            return LiteJson.readDocument(p, jackson);
        } catch (IOException | LiteJson.Bail e) {
            return null;
        }
    }

    /** Read by both readers, the same; the byte reader's result. */
    private LiteJson same(String json) {
        LiteJson fast = bytes(json);
        LiteJson slow = viaJackson(json);
        assertThat(fast).as("byte reader on %s", json).isNotNull();
        assertThat(slow).as("Jackson reader on %s", json).isNotNull();
        assertThat(fast.describe()).isEqualTo(slow.describe());
        return fast;
    }

    @Test
    void configurationSetEventFieldByField() {
        LiteJson o = same("{\"eventType\":\"TEXT_DELIVERED\",\"eventVersion\":\"1.0\",\"eventTimestamp\":1748872800853,"
                + "\"isFinal\":true,\"destinationPhoneNumber\":\"+17025550147\",\"isInternationalSend\":false,"
                + "\"carrierName\":\"AT&T Mobility\",\"mcc\":null,\"context\":{\"useCase\":\"order-update\",\"tenant\":\"t1\"},"
                + "\"totalMessageParts\":1,\"totalMessagePrice\":0.00581,\"totalCarrierFee\":3}");
        assertThat(o.optString("eventType")).isEqualTo("TEXT_DELIVERED");
        assertThat(o.optLong("eventTimestamp")).isEqualTo(1748872800853L);
        assertThat(o.optBoolean("isFinal")).isTrue();
        assertThat(o.optString("carrierName")).isEqualTo("AT&T Mobility");
        assertThat(o.kind("mcc")).isEqualTo(LiteJson.NULL);
        assertThat(o.optString("mcc")).isNull();
        assertThat(o.kind("mnc")).isEqualTo(LiteJson.ABSENT);
        assertThat(o.optString("mnc")).isNull();
        assertThat(o.kind("eventVersion")).as("skipped by name").isEqualTo(LiteJson.OTHER);
        assertThat(o.kind("isInternationalSend")).isEqualTo(LiteJson.OTHER);
        assertThat(o.optObject("context").stringMap()).containsExactly(Map.entry("useCase", "order-update"), Map.entry("tenant", "t1"));
        assertThat(o.decimalText("totalMessagePrice")).isEqualTo("0.00581");
        assertThat(o.optLong("totalCarrierFee")).isEqualTo(3L);
        assertThat(reader.sawNonAscii()).isFalse();
    }

    @Test
    void escapesAndUnicode() {
        LiteJson o = same("{\"a\":\"q\\\"b\\\\s\\/\\b\\f\\n\\r\\t.\",\"u\":\"\\u00e9\\u4E2D\\ud83d\\ude00\\u0000\","
                + "\"raw\":\"é中😀\",\"nämé\":\"x\",\"e\":\"\"}");
        assertThat(o.optString("a")).isEqualTo("q\"b\\s/\b\f\n\r\t.");
        assertThat(o.optString("u")).isEqualTo("é中😀\u0000");
        assertThat(o.optString("raw")).isEqualTo("é中😀");
        assertThat(o.optString("nämé")).isEqualTo("x");
        assertThat(o.optString("e")).isEmpty();
        assertThat(reader.sawNonAscii()).as("raw UTF-8 is left for the caller to check").isTrue();
        // skipped values are checked, not decoded: a lone surrogate escape there is fine (Jackson takes it too)
        assertThat(same("{\"text\":{\"body\":\"\\ud800 \\\" \\u0041\"},\"id\":\"1\"}").optString("id")).isEqualTo("1");
    }

    @Test
    void jsonNestedInStringsOnceAndTwice() {
        String entry = "{\"id\":\"waba\",\"changes\":[{\"value\":{\"statuses\":[{\"id\":\"wamid.1\",\"status\":\"read\"}]}}]}";
        String message = "{\"whatsAppWebhookEntry\":" + quote(entry) + ",\"aws_account_id\":\"111122223333\"}";
        LiteJson sns = same("{\"Type\":\"Notification\",\"Message\":" + quote(message) + ",\"Timestamp\":\"t\"}");
        assertThat(sns.kind("Message")).isEqualTo(LiteJson.NESTED);
        LiteJson header = sns.nested("Message");
        assertThat(header.optString("aws_account_id")).isEqualTo("111122223333");
        LiteJson inner = header.nested("whatsAppWebhookEntry");
        assertThat(inner.optString("id")).isEqualTo("waba");
        LiteJson value = ((LiteJson) inner.optArray("changes").get(0)).optObject("value");
        assertThat(((LiteJson) value.optArray("statuses").get(0)).optString("status")).isEqualTo("read");

        // strings in those fields that are no object are kept as strings, as the Jackson reader keeps them
        assertThat(same("{\"Message\":\"{\"}").optString("Message")).isEqualTo("{");
        assertThat(same("{\"Message\":\" {\\\"a\\\":1}\"}").optString("Message")).isEqualTo(" {\"a\":1}");
        assertThat(same("{\"Message\":\"hello\"}").optString("Message")).isEqualTo("hello");
        assertThat(same("{\"message\":{\"a\":1}}").kind("message")).as("an object, not a string").isEqualTo(LiteJson.OBJECT);
        // unicode inside the nested document, escaped and raw
        LiteJson u = same("{\"message\":\"{\\\"n\\\":\\\"\\\\u00e9 é \\\\\\\"q\\\\\\\"\\\"}\"}");
        assertThat(u.nested("message").optString("n")).isEqualTo("é é \"q\"");
        // a nested document that is malformed: the byte reader leaves the whole record (the Jackson one keeps a string)
        assertThat(bytes("{\"Message\":\"{\\\"a\\\":}\"}")).isNull();
        assertThat(bytes("{\"Message\":\"{\\\"a\\\":1}x\"}")).isNull();
    }

    @Test
    void numbersOfEveryForm() {
        LiteJson o = same("{\"z\":0,\"nz\":-0,\"n\":-12,\"max\":123456789012345678,\"d\":1.50,\"e\":1e5,"
                + "\"E\":-0.0E+1,\"s\":2.5e-3}");
        assertThat(o.optLong("z")).isZero();
        assertThat(o.optLong("nz")).isZero();
        assertThat(o.optLong("n")).isEqualTo(-12L);
        assertThat(o.optLong("max")).isEqualTo(123456789012345678L);
        assertThat(o.decimalText("d")).isEqualTo("1.50");
        assertThat(o.decimalText("e")).isEqualTo("1e5");
        assertThat(o.decimalText("E")).isEqualTo("-0.0E+1");
        assertThat(o.decimalText("s")).isEqualTo("2.5e-3");
        // 19 digits and more: valid, left to Jackson
        assertThat(bytes("{\"big\":1234567890123456789}")).isNull();
        assertThat(viaJackson("{\"big\":1234567890123456789}").optLong("big")).isEqualTo(1234567890123456789L);
    }

    @Test
    void whiteSpaceEmptyContainersAndArrays() {
        LiteJson o = same(" \t\r\n{ \"a\" : 1 ,\n\"b\" : [ 1 , { } , [ ] , \"s\" , { \"c\" : true } ] , \"o\" : { } } \n");
        List<Object> b = o.optArray("b");
        assertThat(b).hasSize(5);
        assertThat(b.get(0)).isNull();
        assertThat(((LiteJson) b.get(4)).optBoolean("c")).isTrue();
        assertThat(o.optObject("o").stringMap()).isEmpty();
    }

    @Test
    void objectsOfOneShapeInAnotherOrderAndNamesThatArePrefixes() {
        String a = "{\"id\":\"1\",\"idx\":\"2\",\"i\":\"3\"}";
        String b = "{\"idx\":\"4\",\"i\":\"5\",\"id\":\"6\"}";
        LiteJson o = same("{\"list\":[" + a + "," + a + "," + b + "," + a + "]}");
        List<Object> list = o.optArray("list");
        assertThat(((LiteJson) list.get(1)).optString("idx")).isEqualTo("2");
        assertThat(((LiteJson) list.get(2)).optString("id")).isEqualTo("6");
        assertThat(((LiteJson) list.get(2)).optString("i")).isEqualTo("5");
        assertThat(((LiteJson) list.get(3)).optString("i")).isEqualTo("3");
    }

    @Test
    void manyDistinctNamesStillReadAndDuplicatesStillFound() {
        StringBuilder doc = new StringBuilder("{");
        for (int i = 0; i < 700; i++) {
            doc.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
        }
        LiteJson o = same(doc + "}");
        assertThat(o.optLong("f0")).isZero();
        assertThat(o.optLong("f699")).isEqualTo(699L);
        assertThat(bytes(doc + ",\"f699\":1}")).as("a duplicate past the name table's capacity").isNull();
        assertThat(bytes(doc + ",\"f3\":1}")).as("a duplicate early in a long object").isNull();
    }

    @Test
    void objectsOfManyThousandFieldsKeptOrSkippedAndTheirDuplicates() {
        // duplicates are looked up by hash, not by comparing every name with every other (100,000 fields: 5e9 pairs)
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            fields.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        LiteJson kept = same("{\"o\":{" + fields + "}}").optObject("o");
        assertThat(kept.optLong("k0")).isZero();
        assertThat(kept.optLong("k99999")).isEqualTo(99_999L);
        assertThat(kept.kind("k100000")).isEqualTo(LiteJson.ABSENT);
        assertThat(same("{\"text\":{" + fields + "},\"id\":\"1\"}").kind("text")).as("skipped").isEqualTo(LiteJson.OTHER);
        for (String doc : new String[] {"{\"o\":{" + fields + ",\"k5\":1}}", "{\"text\":{" + fields + ",\"k99999\":1}}"}) {
            assertThat(bytes(doc)).isNull();
            assertThat(viaJackson(doc)).isNull();
        }
    }

    @Test
    void malformedDocumentsGiveUpAsJacksonFails() {
        String[] malformed = {
            "", " ", "[]", "\"s\"", "{", "{\"a\":1", "{\"a\":1,}", "{,}", "{\"a\":[1,]}", "{\"a\"1}", "{\"a\":01}",
            "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":-}", "{\"a\":1e}", "{'a':1}", "{a:1}", "{\"a\":tru}",
            "{\"a\":nul}", "{\"a\":NaN}", "{\"a\":1}x", "{}{}", "{\"a\":1} //", "/* c */{}", "{\"a\":\"x\ty\"}",
            "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12g4\"}", "{\"a\":\"unterminated}",
            "{\"a\":1,\"a\":2}", "{\"o\":{\"b\":1,\"b\":1}}", "{\"l\":[{\"b\":1,\"b\":1}]}",
            "{\"text\":{\"b\":1,\"b\":1}}", "{\"a\":[1 2]}", "{\"a\":{\"b\":1}}}", "\u0000{}",
        };
        for (String json : malformed) {
            assertThat(bytes(json)).as("byte reader on %s", json).isNull();
            assertThat(viaJackson(json)).as("Jackson reader on %s", json).isNull();
        }
    }

    @Test
    void validShapesLeftToJacksonGiveUp() {
        // a lone surrogate escape in a kept value, an escaped name, nesting past the reader's depth: Jackson reads them
        String[] leftToJackson = {"{\"a\":\"\\ud800\"}", "{\"a\\u0062\":1}", "{\"Message\":\"\\u007b}\"}",
            "{\"a\":" + "[".repeat(Utf8JsonReader.MAX_DEPTH) + "]".repeat(Utf8JsonReader.MAX_DEPTH) + "}"};
        for (String json : leftToJackson) {
            assertThat(bytes(json)).as("byte reader on %s", json).isNull();
            assertThat(viaJackson(json)).as("Jackson reader on %s", json).isNotNull();
        }
    }

    @Test
    void recordsGiveTheTreeDecodersEventsAndDeadLetters() {
        RecordDecoder fast = new RecordDecoder(SETTINGS);
        RecordDecoder tree = new RecordDecoder(SETTINGS, false);
        String event = "{\"eventType\":\"TEXT_DELIVERED\",\"messageId\":\"m-é\",\"eventTimestamp\":1748872800853,"
                + "\"destinationPhoneNumber\":\"+447700900123\",\"carrierName\":\"Caf\\u00e9 Telecom\"}";
        byte[][] payloads = {
            utf8(event),
            utf8("{\"Type\":\"Notification\",\"Message\":" + quote(event) + "}"),
            utf8("{\"eventType\":\"TEXT_DELIVERED\",\"messageId\":\"m\",\"eventTimestamp\":1748872800853,\"messageId\":\"n\"}"),
            utf8("{\"eventType\":\"TEXT_DELIVERED\",\"messageId\":\"m\"}"),
            utf8("{\"eventType\":\"TEXT_DELIVERED\",\"messageId\":\"m\",\"eventTimestamp\":1748872800853,}"),
            utf8("{\"Type\":\"Notification\",\"Message\":\"{\\\"eventType\\\":}\"}"),
            utf8("\uFEFF" + event),
            invalidUtf8InAString(event),
        };
        for (byte[] p : payloads) {
            RawRecord r = Samples.record(p);
            DecodeResult expected = tree.decode(r);
            DecodeResult actual = fast.decode(r);
            assertThat(actual.events()).hasSameSizeAs(expected.events());
            for (int i = 0; i < expected.events().size(); i++) {
                CanonicalEvent e = expected.events().get(i);
                CanonicalEvent a = actual.events().get(i);
                assertThat(a).usingRecursiveComparison().isEqualTo(e);
            }
            assertThat(actual.deadLetters()).hasSameSizeAs(expected.deadLetters());
            for (int i = 0; i < expected.deadLetters().size(); i++) {
                DeadLetter e = expected.deadLetters().get(i);
                assertThat(actual.deadLetters().get(i)).usingRecursiveComparison().isEqualTo(e);
            }
        }
        CanonicalEvent e = fast.streamingOnly(Samples.record(payloads[0])).events().get(0);
        assertThat(e.messageId).isEqualTo("m-é");
        assertThat(e.carrierName).isEqualTo("Café Telecom");
        assertThat(fast.decode(Samples.record(payloads[3])).deadLetters().get(0).reason).isEqualTo("missing_field");
        assertThat(fast.decode(Samples.record(payloads[7])).deadLetters().get(0).reason).isEqualTo("not_utf8");
    }

    private static byte[] invalidUtf8InAString(String event) {
        byte[] b = utf8(event);
        for (int i = 0; i + 2 < b.length; i++) {
            if (b[i] == 'C' && b[i + 1] == 'a' && b[i + 2] == 'f') {
                b[i] = (byte) 0xC3; // a lead byte followed by 'a': not UTF-8
                return b;
            }
        }
        throw new AssertionError("no Caf in " + event);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The text as a JSON string literal. */
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
