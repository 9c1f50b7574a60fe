package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.SumColumn;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deltas' explicit serializer gives every field back exactly (nulls, every channel, negative corrections, sums at
 * the extremes of a long, every column at once, none at all), in fewer bytes than Flink's POJO serializer, and its
 * snapshot restores it.
 */
class MessageDeltaSerializerTest {
    private static final MessageDeltaSerializer SERIALIZER = MessageDeltaSerializer.INSTANCE;

    @Test
    void everyFieldComesBackExactly() throws IOException {
        for (MessageDelta d : deltas()) {
            MessageDelta back = roundTrip(d);
            assertThat(back).usingRecursiveComparison().isEqualTo(d);
            assertThat(SERIALIZER.copy(d)).usingRecursiveComparison().isEqualTo(d);
            assertThat(SERIALIZER.copy(d).sums).isNotSameAs(d.sums);
        }
    }

    @Test
    void aTypicalDeltaIsAFractionOfThePojoSerializersBytes() throws IOException {
        MessageDelta d = typical();
        @SuppressWarnings("deprecation")
        TypeSerializer<MessageDelta> pojo = TypeInformation.of(MessageDelta.class).createSerializer(new ExecutionConfig());
        DataOutputSerializer pojoOut = new DataOutputSerializer(512);
        pojo.serialize(d, pojoOut);
        DataOutputSerializer out = new DataOutputSerializer(512);
        SERIALIZER.serialize(d, out);
        assertThat(out.length()).isLessThan(pojoOut.length() / 2);
    }

    @Test
    void copyingSerializedBytesKeepsTheValue() throws IOException {
        MessageDelta d = typical();
        DataOutputSerializer out = new DataOutputSerializer(256);
        SERIALIZER.serialize(d, out);
        DataOutputSerializer copied = new DataOutputSerializer(256);
        SERIALIZER.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(SERIALIZER.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer())))
                .usingRecursiveComparison().isEqualTo(d);
    }

    @Test
    void itsSnapshotRestoresTheSameSerializer() {
        TypeSerializerSchemaCompatibility<MessageDelta> compatibility = SERIALIZER.snapshotConfiguration()
                .resolveSchemaCompatibility(SERIALIZER);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(SERIALIZER.snapshotConfiguration().restoreSerializer()).isSameAs(SERIALIZER);
        assertThat(MessageDeltaTypeInfo.INSTANCE.createSerializer(new org.apache.flink.api.common.serialization.SerializerConfigImpl()))
                .isSameAs(SERIALIZER);
    }

    private static MessageDelta roundTrip(MessageDelta d) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(d, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        MessageDelta back = SERIALIZER.deserialize(in);
        assertThat(in.available()).as("bytes left after " + d).isZero();
        return back;
    }

    private static MessageDelta typical() {
        MessageDelta d = new MessageDelta();
        d.attributionTime = 1_767_225_600_000L;
        d.channel = Channel.SMS;
        d.isoCountryCode = "US";
        d.originationId = "+18005550100";
        d.messageId = "3f1c9a8e-5b2d-4c7e-9a10-1b2c3d4e5f60";
        d.messageType = "TRANSACTIONAL";
        d.useCase = "otp";
        d.mcc = "310";
        d.mnc = "410";
        d.carrierName = "AT&T";
        d.add(SumColumn.DELIVERED, 1);
        d.add(SumColumn.PENDING, -1);
        d.latencyMs = 2_345;
        return d;
    }

    private static List<MessageDelta> deltas() {
        List<MessageDelta> all = new ArrayList<>();
        all.add(new MessageDelta());
        all.add(typical());
        MessageDelta extremes = typical();
        extremes.channel = null;
        extremes.attributionTime = Long.MIN_VALUE;
        for (SumColumn c : SumColumn.values()) {
            extremes.set(c, c.ordinal() % 2 == 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
        }
        extremes.latencyMs = Long.MAX_VALUE;
        extremes.latencyWeight = -1;
        all.add(extremes);
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 2_000; i++) {
            MessageDelta d = new MessageDelta();
            d.attributionTime = random.nextLong();
            d.channel = random.nextInt(4) == 0 ? null : Channel.values()[random.nextInt(Channel.values().length)];
            d.isoCountryCode = maybe(random, "BR");
            d.originationId = maybe(random, "+4479460" + random.nextInt(10_000));
            d.messageId = maybe(random, "m-" + random.nextLong());
            d.conversationId = maybe(random, "c-é-" + random.nextInt());
            d.messageType = maybe(random, "PROMOTIONAL");
            d.useCase = maybe(random, "");
            d.mcc = maybe(random, "724");
            d.mnc = maybe(random, "05");
            d.carrierName = maybe(random, "Claro 中文");
            for (int k = random.nextInt(5); k > 0; k--) {
                d.set(SumColumn.values()[random.nextInt(SumColumn.COUNT)], random.nextInt(3) == 0 ? random.nextLong()
                        : random.nextInt(-3, 4));
            }
            d.latencyMs = random.nextBoolean() ? -1 : random.nextLong(0, 1L << 40);
            d.latencyWeight = random.nextBoolean() ? 1 : -1;
            all.add(d);
        }
        return all;
    }

    private static String maybe(SplittableRandom random, String value) {
        return random.nextInt(3) == 0 ? null : value;
    }
}
