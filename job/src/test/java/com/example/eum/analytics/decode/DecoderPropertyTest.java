package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.DeadLetterReason;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Random bytes and random mutations of the samples never throw, and always give events or dead letters. */
class DecoderPropertyTest {
    private static final RecordDecoder DECODER = Samples.decoder();
    private static final List<byte[]> SAMPLES = Samples.all().stream()
            .map(p -> Samples.bytes(p.getFileName().toString())).collect(Collectors.toList());
    private static final Set<String> REASONS = Arrays.stream(DeadLetterReason.values())
            .map(DeadLetterReason::code).collect(Collectors.toSet());

    private static void check(byte[] payload) {
        DecodeResult r = DECODER.decode(Samples.record(payload));
        assertThat(r.events().size() + r.deadLetters().size()).isGreaterThan(0);
        for (DeadLetter d : r.deadLetters()) {
            assertThat(REASONS).contains(d.reason);
            assertThat(d.detail).isNotBlank().doesNotStartWith("decoder error");
            assertThat(d.payloadBytes).isGreaterThanOrEqualTo(0);
        }
        r.events().forEach(e -> {
            assertThat(e.eventId).hasSize(32);
            assertThat(e.messageId).isNotEmpty();
            assertThat(e.status).isNotNull();
            assertThat(e.sourceEnvelope).isNotEmpty();
        });
    }

    @Property(tries = 300)
    void randomBytes(@ForAll("bytes") byte[] payload) {
        check(payload);
    }

    @Property(tries = 500)
    void mutatedSamples(@ForAll("mutations") byte[] payload) {
        check(payload);
    }

    @Property(tries = 200)
    void gzippedMutatedSamples(@ForAll("mutations") byte[] payload) {
        check(Samples.gzip(payload));
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<Integer> sample = Arbitraries.integers().between(0, SAMPLES.size() - 1);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 4);
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<Byte> value = Arbitraries.of((byte) '"', (byte) '{', (byte) '}', (byte) ':', (byte) ',', (byte) '1',
                (byte) 'x', (byte) 0, (byte) 0xC3, (byte) '[', (byte) '\\', (byte) '-');
        return Combinators.combine(sample, kind, where, value).as((s, k, w, v) -> mutate(SAMPLES.get(s), k, w, v));
    }

    /** One edit: overwrite a byte, delete a byte, insert a byte, truncate, or duplicate a slice. */
    static byte[] mutate(byte[] src, int kind, double where, byte value) {
        int i = (int) (where * (src.length - 1));
        switch (kind) {
            case 0: {
                byte[] b = src.clone();
                b[i] = value;
                return b;
            }
            case 1: {
                byte[] b = new byte[src.length - 1];
                System.arraycopy(src, 0, b, 0, i);
                System.arraycopy(src, i + 1, b, i, src.length - i - 1);
                return b;
            }
            case 2: {
                byte[] b = new byte[src.length + 1];
                System.arraycopy(src, 0, b, 0, i);
                b[i] = value;
                System.arraycopy(src, i, b, i + 1, src.length - i);
                return b;
            }
            case 3:
                return Arrays.copyOf(src, i);
            default: {
                String s = new String(src, StandardCharsets.UTF_8);
                int cut = Math.min(s.length(), i);
                return (s.substring(0, cut) + s.substring(cut / 2)).getBytes(StandardCharsets.UTF_8);
            }
        }
    }
}
