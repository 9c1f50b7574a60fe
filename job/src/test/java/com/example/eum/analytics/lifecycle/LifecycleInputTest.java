package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.cli.Main;
import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.decode.DecoderSettings;
import com.example.eum.analytics.decode.RecordDecoder;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.RawRecord;
import com.example.eum.analytics.source.ReplayLineFormat;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle's view of an event ({@link LifecycleRules#lifecycleView}) and its serializer, over generated traffic
 * decoded by the real decoder (every channel, family and envelope, feedback, duplicates): the rules give the same
 * deltas, dead letters and state from the view as from the full event, and the serializer gives the view back exactly,
 * in far fewer bytes than Flink's POJO serializer of the full event.
 */
class LifecycleInputTest {
    @TempDir
    static Path dir;

    static List<CanonicalEvent> events;

    @BeforeAll
    static void generatedTraffic() throws Exception {
        Path file = dir.resolve("traffic.jsonl");
        PrintStream previous = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.commandLine().execute("generate", "--output", file.toString(), "--rate", "20", "--duration", "2m",
                    "--drain", "10m", "--seed", "5", "--countries", "US:40,IN:30,BR:30")).isZero();
        } finally {
            System.setOut(previous);
        }
        RecordDecoder decoder = new RecordDecoder(new DecoderSettings("lifecycle-input-test-key-0123456789abcdef"
                .getBytes(StandardCharsets.UTF_8), false));
        events = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            RawRecord r = ReplayLineFormat.toRecord(line.getBytes(StandardCharsets.UTF_8), "traffic.jsonl", 1_700_000_000_000L);
            if (r != null) {
                events.addAll(decoder.decode(r).events());
            }
        }
        assertThat(events).hasSizeGreaterThan(2_000);
    }

    private static JobConfig trackingConfig() {
        JobConfig cfg = new JobConfig();
        // a context flag and a listed use case both track feedback: the view must keep both context entries
        cfg.feedbackContextKey = "feedbackEnabled";
        cfg.feedbackTrackedUseCases = "otp";
        return cfg;
    }

    @Test
    void theRulesGiveTheSameDeltasDeadLettersAndStateFromTheViewAsFromTheFullEvent() {
        LifecycleRules rules = new LifecycleRules(trackingConfig(), new FixedWhatsAppFees());
        Map<String, MessageState> full = new HashMap<>();
        Map<String, MessageState> viewed = new HashMap<>();
        long watermark = Long.MIN_VALUE;
        int deltas = 0;
        for (CanonicalEvent e : events) {
            CanonicalEvent v = rules.lifecycleView(e);
            MessageState a = full.computeIfAbsent(e.messageId, k -> new MessageState());
            MessageState b = viewed.computeIfAbsent(e.messageId, k -> new MessageState());
            assertThat(rules.isDuplicate(b, v)).isEqualTo(rules.isDuplicate(a, e));
            List<MessageDelta> fromFull = rules.onEvent(a, e, watermark);
            List<MessageDelta> fromView = rules.onEvent(b, v, watermark);
            assertThat(text(fromView)).isEqualTo(text(fromFull));
            assertThat(fieldsOf(rules.lateRecord(v, watermark))).isEqualTo(fieldsOf(rules.lateRecord(e, watermark)));
            deltas += fromFull.size();
            watermark = Math.max(watermark, e.eventTime - 60_000);
        }
        for (String id : full.keySet()) {
            assertThat(fieldsOf(viewed.get(id))).isEqualTo(fieldsOf(full.get(id)));
            assertThat(text(rules.onFeedbackTimeout(viewed.get(id)))).isEqualTo(text(rules.onFeedbackTimeout(full.get(id))));
            assertThat(fieldsOf(rules.onExpiry(viewed.get(id)))).isEqualTo(fieldsOf(rules.onExpiry(full.get(id))));
        }
        assertThat(deltas).isGreaterThan(events.size() / 2);
    }

    @Test
    void theSerializerGivesTheViewBackExactlyInFewerBytesThanThePojoSerializerOfTheFullEvent() throws Exception {
        LifecycleRules rules = new LifecycleRules(trackingConfig(), new FixedWhatsAppFees());
        TypeSerializer<CanonicalEvent> compact = new LifecycleEventTypeInfo().createSerializer(new ExecutionConfig());
        TypeSerializer<CanonicalEvent> pojo = TypeInformation.of(CanonicalEvent.class).createSerializer(new ExecutionConfig());
        long compactBytes = 0;
        long pojoBytes = 0;
        List<CanonicalEvent> all = new ArrayList<>(events);
        CanonicalEvent nullValued = rules.lifecycleView(events.get(0));
        nullValued.context = new HashMap<>();
        nullValued.context.put("feedbackEnabled", null);
        all.add(nullValued);
        all.add(new CanonicalEvent());
        for (CanonicalEvent e : all) {
            CanonicalEvent v = e.context != null && e.context.containsValue(null) ? e : rules.lifecycleView(e);
            DataOutputSerializer out = new DataOutputSerializer(256);
            compact.serialize(v, out);
            compactBytes += out.length();
            CanonicalEvent back = compact.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(fieldsOf(back)).isEqualTo(fieldsOf(v));
            assertThat(fieldsOf(compact.copy(v))).isEqualTo(fieldsOf(v));
            DataOutputSerializer full = new DataOutputSerializer(1024);
            pojo.serialize(e, full);
            pojoBytes += full.length();
        }
        System.out.printf("lifecycle input: %.0f B per event (POJO serializer of the full event: %.0f B)%n",
                (double) compactBytes / all.size(), (double) pojoBytes / all.size());
        assertThat(compactBytes).isLessThan(pojoBytes * 2 / 3);
    }

    /** Every instance field of {@code o} (recursively for lists), by name: equality without relying on equals(). */
    private static Object fieldsOf(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof List) {
            List<Object> list = new ArrayList<>();
            for (Object item : (List<?>) o) {
                list.add(fieldsOf(item));
            }
            return list;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : o.getClass().getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                Object value = f.get(o);
                if (value instanceof Object[]) {
                    List<Object> items = new ArrayList<>();
                    for (Object item : (Object[]) value) {
                        items.add(item == null || item instanceof String ? item : fieldsOf(item));
                    }
                    value = items;
                } else if (value instanceof long[]) {
                    value = Arrays.toString((long[]) value);
                }
                values.put(f.getName(), value);
            } catch (IllegalAccessException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return values;
    }

    private static Object text(List<MessageDelta> deltas) {
        return fieldsOf(deltas);
    }
}
