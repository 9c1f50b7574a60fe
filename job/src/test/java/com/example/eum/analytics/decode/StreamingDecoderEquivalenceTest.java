package com.example.eum.analytics.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.example.eum.analytics.generator.GeneratedRecord;
import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.RecordSequence;
import com.example.eum.analytics.generator.TrafficModel;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.RawRecord;
import com.example.eum.analytics.source.ReplayLineFormat;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The streaming fast path changes no output: every record decodes to the same events and dead letters, field by
 * field, as through the tree-based path alone (the decoder before the fast path existed, kept as the fallback for
 * rare shapes). Inputs: generated traffic in every envelope family (with its malformed records, at the default
 * share and at a high one, with per-message and per-conversation WhatsApp pricing), every sample, and hostile
 * mutants of them. Also proves the fast path really carries the generated traffic.
 */
class StreamingDecoderEquivalenceTest {
    private static final List<Field> EVENT_FIELDS = publicFields(CanonicalEvent.class);
    private static final List<Field> DEAD_LETTER_FIELDS = publicFields(DeadLetter.class);

    private final Tally tally = new Tally();

    @Test
    void generatedTrafficDecodesTheSameAndMostlyOnTheFastPath() {
        for (boolean raw : new boolean[] {false, true}) {
            Pair d = new Pair(raw);
            GeneratorSettings s = settings(40, 4, 1);
            compareAll(d, generated(s), "default mix, raw numbers " + raw);
        }
        // the generated traffic is the common case: nearly all of it must take the fast path
        assertThat(tally.records).isGreaterThan(10_000);
        assertThat(tally.fast).as("records decoded by the streaming path").isGreaterThan(tally.records * 97 / 100);
        assertThat(tally.events).isGreaterThan(tally.records * 9 / 10);
    }

    @Test
    void moreMalformedAndConversationPricedTrafficDecodesTheSame() {
        GeneratorSettings s = settings(20, 3, 2);
        s.malformedShare = 0.2;
        s.cbpShare = 0.5;
        s.whatsappShare = 0.4;
        s.inboundShare = 0.1;
        compareAll(new Pair(false), generated(s), "malformed 20%, CBP");
        assertThat(tally.deadLetters).as("dead letters compared").isGreaterThan(100);
        assertThat(tally.fast).isGreaterThan(tally.records / 2);
    }

    @Test
    void samplesAndHostileMutantsDecodeTheSame() {
        List<RawRecord> records = new ArrayList<>();
        for (Path p : Samples.all()) {
            byte[] b = Samples.bytes(p.getFileName().toString());
            records.add(Samples.record(b));
            records.add(Samples.record(Samples.gzip(b)));
        }
        HostileRecords hostile = new HostileRecords(20261128L);
        int n = hostile.bases() * HostileRecords.Kind.values().length * 4;
        for (int i = 0; i < n; i++) {
            RawRecord r = ReplayLineFormat.toRecord(hostile.next(i).line, "hostile", Samples.INGEST);
            if (r != null) {
                records.add(r);
            }
        }
        for (boolean raw : new boolean[] {false, true}) {
            compareAll(new Pair(raw), records, "samples and mutants, raw numbers " + raw);
        }
        assertThat(tally.deadLetters).isGreaterThan(n / 2);
        assertThat(tally.fast).as("samples and valid mutants on the fast path").isGreaterThan(40);
    }

    private void compareAll(Pair d, List<RawRecord> records, String what) {
        for (int i = 0; i < records.size(); i++) {
            RawRecord r = records.get(i);
            DecodeResult tree = d.tree.decode(r);
            DecodeResult both = d.fast.decode(r);
            String where = what + ", record " + i;
            compare(tree, both, where);
            tally.records++;
            tally.events += tree.events().size();
            tally.deadLetters += tree.deadLetters().size();
            if (d.fast.streamingOnly(r) != null) {
                tally.fast++;
                assertThat(tree.deadLetters()).as(where + ": the fast path took a record that gives dead letters").isEmpty();
            }
        }
    }

    private static void compare(DecodeResult expected, DecodeResult actual, String where) {
        assertThat(actual.events()).as(where + " events").hasSameSizeAs(expected.events());
        assertThat(actual.deadLetters()).as(where + " dead letters").hasSameSizeAs(expected.deadLetters());
        for (int i = 0; i < expected.events().size(); i++) {
            sameFields(EVENT_FIELDS, expected.events().get(i), actual.events().get(i), where + " event " + i);
        }
        for (int i = 0; i < expected.deadLetters().size(); i++) {
            sameFields(DEAD_LETTER_FIELDS, expected.deadLetters().get(i), actual.deadLetters().get(i), where + " dead letter " + i);
        }
    }

    private static void sameFields(List<Field> fields, Object expected, Object actual, String where) {
        try {
            for (Field f : fields) {
                Object e = f.get(expected);
                Object a = f.get(actual);
                if (!Objects.equals(e, a)) {
                    fail(where + ": " + f.getName() + " is " + a + ", the tree decoder gives " + e);
                }
            }
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Field> publicFields(Class<?> type) {
        List<Field> out = new ArrayList<>();
        for (Field f : type.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                out.add(f);
            }
        }
        assertThat(out).hasSizeGreaterThan(5);
        return out;
    }

    private static GeneratorSettings settings(double rate, int minutes, long seed) {
        GeneratorSettings s = new GeneratorSettings();
        s.rate = rate;
        s.duration = Duration.ofMinutes(minutes);
        s.drain = Duration.ofMinutes(10);
        s.seed = seed;
        return s;
    }

    private static List<RawRecord> generated(GeneratorSettings s) {
        List<RawRecord> out = new ArrayList<>();
        RecordSequence seq = new RecordSequence(new TrafficModel(s));
        while (seq.hasNext()) {
            GeneratedRecord g = seq.next();
            out.add(new RawRecord(g.payload, "generated", g.arrivalTime));
        }
        return out;
    }

    /** The decoder as shipped and the tree-based path alone, with the same settings. */
    private static final class Pair {
        final RecordDecoder fast;
        final RecordDecoder tree;

        Pair(boolean includeRawNumbers) {
            DecoderSettings s = new DecoderSettings(Samples.KEY, includeRawNumbers);
            fast = new RecordDecoder(s);
            tree = new RecordDecoder(s, false);
        }
    }

    private static final class Tally {
        long records;
        long fast;
        long events;
        long deadLetters;
    }
}
