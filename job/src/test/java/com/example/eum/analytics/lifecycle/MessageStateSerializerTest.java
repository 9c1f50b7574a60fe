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
 * extreme times, except the message id, which is the state's key (the operator sets it on read); it is smaller than
 * the POJO serializer; it reads format 1 (release 2's layout, a fixture written by release 2's serializer); and it
 * accepts the POJO serializer's state by migration.
 */
class MessageStateSerializerTest {
    private static final TypeSerializer<MessageState> POJO = TypeInformation.of(MessageState.class).createSerializer(new ExecutionConfig());

    @Test
    void everyFieldRoundTripsForRandomStates() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            MessageState s = randomState(random);
            assertThat(fields(roundTrip(s))).isEqualTo(fields(printed(s)));
            assertThat(fields(MessageStateSerializer.INSTANCE.copy(s))).isEqualTo(fields(printed(s)));
        }
    }

    /**
     * Event ids read back as their 64-bit prints still recognise the exact redelivery of an event, and only that: an
     * id differing in any digit (in the print or beyond it) or a non-decoder id is not a duplicate.
     */
    @Test
    void aRedeliveryIsRecognisedByTheIdsPrintInStateReadBack() throws Exception {
        LifecycleRules rules = new LifecycleRules(new com.example.eum.analytics.config.JobConfig(), new FixedWhatsAppFees());
        String id = "0123456789abcdef00112233445566ff";
        MessageState s = typicalDeliveredSms();
        s.seenEventIds = new String[] {id, "legacy-id-7"};
        MessageState read = roundTrip(s);
        assertThat(read.seenEventIds).containsExactly("0123456789abcdef", "legacy-id-7");
        assertThat(rules.isDuplicate(read, eventWithId(id))).isTrue();
        assertThat(rules.isDuplicate(read, eventWithId("legacy-id-7"))).isTrue();
        assertThat(rules.isDuplicate(read, eventWithId("0123456789abcdee00112233445566ff"))).isFalse();
        assertThat(rules.isDuplicate(read, eventWithId("0123456789abcdef0011223344556600"))).as("beyond the print: 2^-64 by design")
                .isTrue();
        assertThat(rules.isDuplicate(read, eventWithId("0123456789abcdefXX112233445566ff"))).as("not a decoder id").isFalse();
        assertThat(rules.isDuplicate(read, eventWithId("legacy-id-8"))).isFalse();
    }

    private static com.example.eum.analytics.model.CanonicalEvent eventWithId(String id) {
        com.example.eum.analytics.model.CanonicalEvent e = new com.example.eum.analytics.model.CanonicalEvent();
        e.eventId = id;
        return e;
    }

    /** The message id is the key of the state: not written again in the value (format 2). */
    @Test
    void theMessageIdIsNotInTheSerializedState() throws Exception {
        MessageState s = typicalDeliveredSms();
        DataOutputSerializer out = new DataOutputSerializer(64);
        MessageStateSerializer.INSTANCE.serialize(s, out);
        MessageState read = MessageStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(read.messageId).isNull();
        assertThat(new String(out.getCopyOfBuffer(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(s.messageId);
    }

    /**
     * Format 1, release 2's layout (in its savepoints, and in RocksDB until a message is next written):
     * {@code message-state-format1.bin} holds {@link #formatOneStates()} as release 2's serializer wrote them (an int
     * count, then the records); every field, the message id included, reads back.
     */
    @Test
    void stateWrittenInFormatOneByReleaseTwoReadsBackExactly() throws Exception {
        List<MessageState> expected = formatOneStates();
        byte[] bytes;
        try (java.io.InputStream in = getClass().getResourceAsStream("/lifecycle/message-state-format1.bin")) {
            bytes = in.readAllBytes();
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        assertThat(in.readInt()).isEqualTo(expected.size());
        for (MessageState s : expected) {
            MessageState read = MessageStateSerializer.INSTANCE.deserialize(in);
            assertThat(fields(read)).isEqualTo(fields(s));
            // and rewritten in format 2, it keeps every field but the message id, with event ids as their prints
            assertThat(fields(roundTrip(read))).isEqualTo(fields(printed(s)));
        }
        assertThat(in.available()).isZero();
    }

    /**
     * The states of the format-1 fixture, built explicitly (not by reflection, so that a field added later does not
     * change them): a typical delivered SMS, a tracked OTP with feedback, a WhatsApp message, held feedback, non-hex
     * ids and extreme times.
     */
    static List<MessageState> formatOneStates() {
        List<MessageState> states = new ArrayList<>();
        states.add(typicalDeliveredSms());
        Random r = new Random(11);
        for (int i = 0; i < 60; i++) {
            MessageState s = new MessageState();
            long base = i % 7 == 0 ? MessageState.NONE : 1_748_872_800_000L + r.nextInt(1_000_000_000);
            s.messageId = i % 3 == 0 ? "wamid.GEN" + Long.toHexString(r.nextLong()).toUpperCase() : java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) i}).toString();
            s.channel = i % 5 == 0 ? null : Channel.values()[i % Channel.values().length];
            s.isoCountryCode = i % 6 == 0 ? null : new String[] {"US", "IN", "BR", "GB", "DE"}[i % 5];
            s.originationId = i % 4 == 0 ? "+1206555" + (1000 + i) : i % 4 == 1 ? "pool-" + i : i % 4 == 2 ? null : "+0" + i;
            s.messageType = new String[] {"TRANSACTIONAL", "PROMOTIONAL", "service", null, "custom-" + i}[i % 5];
            s.useCase = i % 2 == 0 ? "otp-login" : null;
            s.mcc = i % 3 == 0 ? null : i % 3 == 1 ? "310" : "40" + (i % 10);
            s.mnc = i % 3 == 0 ? null : i % 2 == 0 ? "260" : "0" + (i % 10);
            s.carrierName = i % 2 == 0 ? "T-Mobile USA" : null;
            String[] ids = new String[i % (LifecycleRules.MAX_SEEN_IDS + 1)];
            for (int k = 0; k < ids.length; k++) {
                ids[k] = (i + k) % 9 == 0 ? "e" + k : String.format("%016x%016x", r.nextLong(), r.nextLong());
            }
            s.seenEventIds = ids;
            s.maxEventTime = base;
            long t = base == MessageState.NONE ? 1_748_872_800_000L : base;
            s.counted = (i & 1) != 0;
            s.inboundCounted = (i & 2) != 0;
            s.pendingCounted = (i & 4) != 0;
            s.priceCounted = (i & 8) != 0;
            s.carrierFeeCounted = (i & 16) != 0;
            s.partsCounted = (i & 32) != 0;
            s.pricingSeen = (i & 3) == 3;
            s.readCounted = (i & 5) == 5;
            s.protectBlockCounted = (i & 6) == 6;
            s.protectBlockedCounted = (i & 9) == 9;
            s.feedbackTracked = (i & 10) == 10;
            s.untrackedFeedbackCounted = (i & 12) == 12;
            s.feedbackTrackedCounted = (i & 17) == 17;
            s.feedbackDeadlinePassed = (i & 18) == 18;
            s.attributionTime = i % 8 == 0 ? MessageState.NONE : t - r.nextInt(100_000);
            s.requestTime = i % 4 == 0 ? MessageState.NONE : s.attributionTime;
            s.sentTime = i % 3 == 0 ? t - 1_000 : MessageState.NONE;
            s.pendingClosedTime = i % 5 == 0 ? MessageState.NONE : t - 500;
            s.outcome = i % 4;
            s.outcomeTime = s.outcome == 0 ? MessageState.NONE : t - 500;
            s.failureClass = s.outcome == 2 ? FailureClass.values()[i % FailureClass.values().length] : null;
            s.deliveryLatencyMs = i % 6 == 0 ? MessageState.LATENCY_NOT_KEPT : i % 6 == 1 ? -1 : r.nextInt(90_000);
            s.firstReceivedTime = i % 3 == 1 ? t + 60_000 : MessageState.NONE;
            s.firstFailedTime = i % 11 == 1 ? t + 3_600_000 : MessageState.NONE;
            s.feedbackOutcome = i % 3;
            s.feedbackOutcomeTime = s.feedbackOutcome == 0 ? MessageState.NONE : t + 60_000;
            s.lateFeedbackTime = i % 13 == 0 ? t + 7_200_000 : i % 17 == 0 ? Long.MAX_VALUE : MessageState.NONE;
            s.feedbackTimer = i % 2 == 0 ? t + 3_600_000 : MessageState.NONE;
            s.expiryTimer = t + 72 * 3_600_000L;
            s.unknownTimer = i % 5 == 2 ? t + 72 * 3_600_000L : i % 19 == 0 ? Long.MIN_VALUE + 1 : MessageState.NONE;
            int held = i % 10 == 0 ? 2 : 0;
            s.heldFeedback = new HeldFeedback[held];
            for (int k = 0; k < held; k++) {
                HeldFeedback h = new HeldFeedback();
                h.eventId = k == 0 ? String.format("%016x%016x", r.nextLong(), r.nextLong()) : null;
                h.feedbackStatus = k == 0 ? "RECEIVED" : "FAILED";
                h.eventTime = t + k * 1_000;
                h.source = "stream-" + k;
                h.ingestTime = t + 5_000;
                s.heldFeedback[k] = h;
            }
            s.heldFeedbackCount = held == 0 ? 0 : held + i % 3;
            states.add(s);
        }
        return states;
    }

    @Test
    void aTypicalDeliveredMessageTakesAQuarterOfThePojoBytes() throws Exception {
        MessageState s = typicalDeliveredSms();
        int compact = bytes(MessageStateSerializer.INSTANCE, s);
        int pojo = bytes(POJO, s);
        assertThat(fields(roundTrip(s))).isEqualTo(fields(printed(s)));
        assertThat(compact).isLessThan(pojo / 4).isLessThanOrEqualTo(80);
    }

    private static MessageState typicalDeliveredSms() {
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
        return s;
    }

    @Test
    void statesOfEarlierReleasesWrittenByThePojoSerializerMigrate() {
        TypeSerializerSchemaCompatibility<MessageState> c = MessageStateSerializer.INSTANCE.snapshotConfiguration()
                .resolveSchemaCompatibility(POJO.snapshotConfiguration());
        assertThat(c.isCompatibleAfterMigration()).isTrue();
        assertThat(MessageStateSerializer.INSTANCE.snapshotConfiguration()
                .resolveSchemaCompatibility(MessageStateSerializer.INSTANCE.snapshotConfiguration()).isCompatibleAsIs()).isTrue();
    }

    /**
     * An event id the serializer keeps as its 64-bit print: the decoder's 32 lowercase hex digits (or 16, a print
     * already), checked here independently of {@link EventIdPrints}.
     */
    private static String printedId(String id) {
        return id != null && id.matches("[0-9a-f]{32}|[0-9a-f]{16}") ? id.substring(0, 16) : id;
    }

    /** {@code s} as it reads back: every event id that is the decoder's as its print. */
    private static MessageState printed(MessageState s) {
        MessageState p = new MessageState();
        for (Field f : MessageState.class.getFields()) {
            try {
                if (!Modifier.isStatic(f.getModifiers())) {
                    f.set(p, f.get(s));
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        p.seenEventIds = java.util.Arrays.stream(s.seenEventIds).map(MessageStateSerializerTest::printedId).toArray(String[]::new);
        p.heldFeedback = new HeldFeedback[s.heldFeedback.length];
        for (int i = 0; i < p.heldFeedback.length; i++) {
            HeldFeedback h = s.heldFeedback[i];
            HeldFeedback c = new HeldFeedback();
            c.eventId = printedId(h.eventId);
            c.feedbackStatus = h.feedbackStatus;
            c.eventTime = h.eventTime;
            c.source = h.source;
            c.ingestTime = h.ingestTime;
            p.heldFeedback[i] = c;
        }
        return p;
    }

    /** Serialized and read back; the message id set again from the key, as the operator does. */
    private static MessageState roundTrip(MessageState s) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        MessageStateSerializer.INSTANCE.serialize(s, out);
        MessageState read = MessageStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        read.messageId = s.messageId;
        return read;
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
