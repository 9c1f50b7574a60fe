package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.FailureClass;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MessageStateSerializer}: every field of {@link MessageState} (found by reflection, so a new field that the
 * serializer forgets fails here) comes back exactly, for random values including NONE, nulls, non-hex event ids and
 * extreme times; it is smaller than the POJO serializer; and it accepts the POJO serializer's state by migration.
 */
class MessageStateSerializerTest {
    private static final TypeSerializer<MessageState> POJO = TypeInformation.of(MessageState.class).createSerializer(new ExecutionConfig());

    @Test
    void everyFieldRoundTripsForRandomStates() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            MessageState s = randomState(random);
            assertThat(fields(roundTrip(s))).isEqualTo(fields(s));
            assertThat(fields(MessageStateSerializer.INSTANCE.copy(s))).isEqualTo(fields(s));
        }
    }

    @Test
    void aTypicalDeliveredMessageTakesAboutHalfThePojoBytes() throws Exception {
        MessageState s = new MessageState();
        s.messageId = "5d1b2f3a-8c1e-4b7a-9d2e-0f6a7b8c9d0e";
        s.channel = Channel.SMS;
        s.isoCountryCode = "IN";
        s.originationId = "+14255550100";
        s.messageType = "TRANSACTIONAL";
        s.useCase = "otp";
        s.mcc = "404";
        s.mnc = "45";
        s.carrierName = "Airtel";
        s.seenEventIds = new String[] {"0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"};
        s.maxEventTime = 1_764_300_000_000L;
        s.attributionTime = s.maxEventTime - 4_000;
        s.requestTime = s.attributionTime;
        s.counted = true;
        s.outcome = MessageState.OUTCOME_DELIVERED;
        s.outcomeTime = s.maxEventTime;
        s.deliveryLatencyMs = 4_000;
        s.priceCounted = true;
        s.expiryTimer = s.maxEventTime + 96 * 3_600_000L;
        int compact = bytes(MessageStateSerializer.INSTANCE, s);
        int pojo = bytes(POJO, s);
        assertThat(fields(roundTrip(s))).isEqualTo(fields(s));
        assertThat(compact).isLessThan(pojo * 2 / 3).isLessThanOrEqualTo(200);
    }

    @Test
    void statesOfEarlierReleasesWrittenByThePojoSerializerMigrate() {
        TypeSerializerSchemaCompatibility<MessageState> c = MessageStateSerializer.INSTANCE.snapshotConfiguration()
                .resolveSchemaCompatibility(POJO.snapshotConfiguration());
        assertThat(c.isCompatibleAfterMigration()).isTrue();
        assertThat(MessageStateSerializer.INSTANCE.snapshotConfiguration()
                .resolveSchemaCompatibility(MessageStateSerializer.INSTANCE.snapshotConfiguration()).isCompatibleAsIs()).isTrue();
    }

    private static MessageState roundTrip(MessageState s) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        MessageStateSerializer.INSTANCE.serialize(s, out);
        return MessageStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    private static int bytes(TypeSerializer<MessageState> serializer, MessageState s) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(s, out);
        return out.length();
    }

    private static MessageState randomState(Random r) throws IllegalAccessException {
        MessageState s = new MessageState();
        long base = r.nextInt(4) == 0 ? MessageState.NONE : 1_764_300_000_000L + r.nextInt(1_000_000_000);
        for (Field f : MessageState.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            Class<?> t = f.getType();
            if (t == boolean.class) {
                f.setBoolean(s, r.nextBoolean());
            } else if (t == int.class) {
                f.setInt(s, r.nextInt(5));
            } else if (t == long.class) {
                int kind = r.nextInt(5);
                f.setLong(s, kind == 0 ? MessageState.NONE : kind == 1 ? r.nextLong() : kind == 2 || base == MessageState.NONE
                        ? -2 + r.nextInt(100_000) : base + r.nextInt(400_000_000) - 200_000_000L);
            } else if (t == String.class) {
                f.set(s, r.nextInt(4) == 0 ? null : "v" + r.nextInt(1000) + (r.nextBoolean() ? "é中" : ""));
            } else if (t == Channel.class) {
                f.set(s, r.nextBoolean() ? null : Channel.values()[r.nextInt(Channel.values().length)]);
            } else if (t == FailureClass.class) {
                f.set(s, r.nextBoolean() ? null : FailureClass.values()[r.nextInt(FailureClass.values().length)]);
            } else if (t == String[].class) {
                String[] ids = new String[r.nextInt(LifecycleRules.MAX_SEEN_IDS + 1)];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = r.nextBoolean() ? String.format("%016x%016x", r.nextLong(), r.nextLong()) : "e" + r.nextInt(100);
                }
                f.set(s, ids);
            } else if (t == HeldFeedback[].class) {
                HeldFeedback[] held = new HeldFeedback[r.nextInt(3)];
                for (int i = 0; i < held.length; i++) {
                    HeldFeedback h = new HeldFeedback();
                    h.eventId = r.nextBoolean() ? String.format("%016x%016x", r.nextLong(), r.nextLong()) : null;
                    h.feedbackStatus = r.nextBoolean() ? "RECEIVED" : "FAILED";
                    h.eventTime = r.nextLong();
                    h.source = "stream-" + r.nextInt(3);
                    h.ingestTime = base == MessageState.NONE ? 5 : base + r.nextInt(1000);
                    held[i] = h;
                }
                f.set(s, held);
            } else {
                throw new AssertionError("MessageState." + f.getName() + " has a type this test (and maybe the serializer) does not know: " + t);
            }
        }
        // maxEventTime is the base of the other times
        s.maxEventTime = base;
        return s;
    }

    private static Object fields(Object o) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Enum) {
            return o;
        }
        if (o instanceof Object[]) {
            List<Object> items = new ArrayList<>();
            for (Object item : (Object[]) o) {
                items.add(fields(item));
            }
            return items;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : o.getClass().getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                try {
                    values.put(f.getName(), fields(f.get(o)));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }
}
