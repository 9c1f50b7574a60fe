package com.example.eum.analytics.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whatever the byte reader takes, LiteJson's Jackson reader takes too and reads the same (fields, kinds, values):
 * over single-byte mutations of every sample, plain and wrapped in an SNS envelope (so that the edit lands in JSON
 * held in a string, or breaks its escaping). A document the byte reader refuses goes to Jackson, so refusing is
 * always allowed; taking something Jackson refuses, or reading it differently, is not.
 */
class Utf8JsonReaderPropertyTest {
    private static final List<byte[]> SAMPLES = Samples.all().stream()
            .map(p -> Samples.bytes(p.getFileName().toString())).collect(Collectors.toList());
    private final Utf8JsonReader reader = new Utf8JsonReader(Utf8JsonReaderTest.SETTINGS.maxNestingDepth(),
            Utf8JsonReaderTest.SETTINGS.maxInflatedBytes());
    private final JsonFactory jackson = Utf8JsonReaderTest.jacksonAsTheDecoderHasIt();

    @Property(tries = 1500)
    void whatTheByteReaderTakesJacksonReadsTheSame(@ForAll("mutations") byte[] doc) {
        LiteJson fast = reader.read(doc, doc.length);
        boolean taken = fast != null && (!reader.sawNonAscii() || utf8(doc));
        Statistics.collect(taken ? "taken" : "left to Jackson");
        // the edits keep many documents valid: the comparison below must really run
        Statistics.coverage(c -> c.check("taken").percentage(p -> p > 15));
        if (!taken) {
            return; // left to Jackson (or to the UTF-8 check before it)
        }
        LiteJson slow;
        try (JsonParser p = jackson.createParser(doc)) {
            slow = LiteJson.readDocument(p, jackson);
        } catch (IOException | LiteJson.Bail e) {
            slow = null;
        }
        assertThat(slow).as("Jackson on what the byte reader took: %s", new String(doc, StandardCharsets.UTF_8)).isNotNull();
        assertThat(fast.describe()).isEqualTo(slow.describe());
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<Integer> sample = Arbitraries.integers().between(0, SAMPLES.size() - 1);
        Arbitrary<Boolean> wrapped = Arbitraries.of(false, true);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 4);
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<Byte> value = Arbitraries.of((byte) '"', (byte) '{', (byte) '}', (byte) ':', (byte) ',', (byte) '1',
                (byte) 'x', (byte) 0, (byte) 0xC3, (byte) '[', (byte) '\\', (byte) '-', (byte) ' ', (byte) 'u', (byte) '0',
                (byte) '.', (byte) 'e', (byte) '\n');
        return Combinators.combine(sample, wrapped, kind, where, value).as((s, w, k, at, v) ->
                DecoderPropertyTest.mutate(w ? inSns(SAMPLES.get(s)) : SAMPLES.get(s), k, at, v));
    }

    private static byte[] inSns(byte[] doc) {
        String text = new String(doc, StandardCharsets.UTF_8);
        String quoted = "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        return ("{\"Type\":\"Notification\",\"MessageId\":\"m\",\"Message\":" + quoted + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static boolean utf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
