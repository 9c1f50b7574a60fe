package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.VarLongs;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.StringValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics windows' state serializer: exact round trips without column names in the values, accumulators laid
 * out for this code on the way back, and the upgrades its snapshot allows (same layout, another layout migrated by
 * name, Flink's POJO serializer of releases 1 and 2).
 */
class MetricsAccumulatorSerializerTest {
    private static final MetricsAccumulatorSerializer S = MetricsAccumulatorSerializer.INSTANCE;

    @Test
    void everyFieldRoundTripsExactlyAndComesBackLaidOutForThisCode() throws IOException {
        List<MetricsAccumulator> accs = accumulators();
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (MetricsAccumulator acc : accs) {
            S.serialize(acc, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (MetricsAccumulator acc : accs) {
            MetricsAccumulator back = S.deserialize(in);
            assertThat(back.columns).isSameAs(MetricsAccumulator.CURRENT_COLUMNS);
            assertSameContents(back, acc);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void anEmptyAccumulatorIsAFewBytesAndATypicalOneFarSmallerThanThePojoSerializers() throws IOException {
        MetricsAccumulator empty = new MetricsAccumulator();
        assertThat(bytes(S, empty)).hasSizeLessThanOrEqualTo(8);
        MetricsAccumulator back = roundTrip(empty);
        assertThat(back.sums).hasSize(SumColumn.COUNT).containsOnly(0L);
        assertThat(back.latency.count).isZero();
        assertThat(back.latency.min).isEqualTo(Long.MAX_VALUE);
        assertThat(back.latency.max).isEqualTo(Long.MIN_VALUE);
        assertThat(back.carrierName).isNull();
        assertThat(back.carrierNameTime).isEqualTo(Long.MIN_VALUE);

        MetricsAccumulator typical = new MetricsAccumulator();
        for (int i = 0; i < 40; i++) {
            MessageDelta d = Deltas.delta(1_750_000_000_000L + i, com.example.eum.analytics.model.Channel.SMS, "US", "+1", "m" + i);
            d.set(SumColumn.MESSAGES, 1);
            d.set(SumColumn.DELIVERED, 1);
            d.set(SumColumn.PRICE_MICROS, 5_810);
            d.set(SumColumn.MESSAGE_PARTS, 1);
            d.latencyMs = 2_000 + 37 * i;
            d.latencyWeight = 1;
            d.carrierName = "T-Mobile USA";
            typical.add(d);
        }
        TypeSerializer<MetricsAccumulator> pojo = TypeInformation.of(MetricsAccumulator.class).createSerializer(new ExecutionConfig());
        int compact = bytes(S, typical).length;
        int reflective = bytes(pojo, typical).length;
        assertThat(compact).as("compact %d B vs POJO %d B", compact, reflective).isLessThan(reflective / 5);
    }

    @Test
    void copiesAreDeepAndEqual() throws IOException {
        for (MetricsAccumulator acc : accumulators()) {
            MetricsAccumulator copy = S.copy(acc);
            assertSameContents(copy, acc);
            assertThat(copy.sums).isNotSameAs(acc.sums);
            assertThat(copy.latency).isNotSameAs(acc.latency);
            assertThat(copy.latency.indices).isNotSameAs(acc.latency.indices);
            assertThat(copy.latency.counts).isNotSameAs(acc.latency.counts);
            // copying through the serialized form gives the same
            DataOutputSerializer out = new DataOutputSerializer(64);
            S.copy(new DataInputDeserializer(bytes(S, acc)), out);
            assertSameContents(S.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())), acc);
        }
        MetricsAccumulator a = accumulators().get(3);
        MetricsAccumulator copy = S.copy(a);
        copy.sums[0]++;
        copy.latency.add(123_456);
        assertThat(a.sums[0]).isEqualTo(copy.sums[0] - 1);
        assertThat(a.latency.count).isEqualTo(copy.latency.count - 1);
    }

    @Test
    void theSnapshotCarriesTheColumnNamesOnceAndRestoresThisSerializer() throws IOException {
        TypeSerializerSnapshot<MetricsAccumulator> read = writeAndRead(S.snapshotConfiguration());
        assertThat(read).isInstanceOf(MetricsAccumulatorSerializer.Snapshot.class);
        assertThat(((MetricsAccumulatorSerializer.Snapshot) read).columns()).containsExactly(MetricsAccumulator.CURRENT_COLUMNS);
        assertThat(read.restoreSerializer()).isSameAs(S);
        assertThat(S.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
    }

    @Test
    void stateInAnotherLayoutIsMigratedByName() throws IOException {
        // a release with delivered before messages, a column this code does not have, and without the others
        String[] otherLayout = {"delivered", "retired_column", "messages", "price_usd"};
        TypeSerializerSnapshot<MetricsAccumulator> old = writeAndRead(MetricsAccumulatorSerializer.forLayout(otherLayout).snapshotConfiguration());
        TypeSerializerSchemaCompatibility<MetricsAccumulator> compatibility = S.snapshotConfiguration().resolveSchemaCompatibility(old);
        assertThat(compatibility.isCompatibleAfterMigration()).isTrue();

        // a value as that release wrote it: sums 7, 99, 5, -3 in its order; latency 2 values; a carrier
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeByte(0);
        VarLongs.writeUnsigned(out, 0b1111);
        for (long v : new long[] {7, 99, 5, -3}) {
            VarLongs.writeSigned(out, v);
        }
        LatencySketch sketch = new LatencySketch();
        sketch.add(1_500);
        sketch.add(80_000);
        VarLongs.writeSigned(out, 2); // count
        VarLongs.writeSigned(out, 0); // zero count
        VarLongs.writeSigned(out, 1_500); // min
        VarLongs.writeSigned(out, 80_000); // max
        VarLongs.writeUnsigned(out, 2);
        VarLongs.writeSigned(out, sketch.indices[0]);
        VarLongs.writeSigned(out, 1);
        VarLongs.writeSigned(out, sketch.indices[1] - sketch.indices[0]);
        VarLongs.writeSigned(out, 1);
        StringValue.writeString("Vivo", out);
        VarLongs.writeSigned(out, 1_750_000_000_000L);

        MetricsAccumulator migrated = old.restoreSerializer().deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(migrated.columns).isSameAs(MetricsAccumulator.CURRENT_COLUMNS);
        assertThat(migrated.get(SumColumn.DELIVERED)).isEqualTo(7);
        assertThat(migrated.get(SumColumn.MESSAGES)).isEqualTo(5);
        assertThat(migrated.get(SumColumn.PRICE_MICROS)).isEqualTo(-3);
        long others = Arrays.stream(migrated.sums).sum() - 7 - 5 + 3;
        assertThat(others).as("new columns start at 0, the retired one is dropped").isZero();
        assertThat(migrated.latency.histogram()).isEqualTo(sketch.histogram());
        assertThat(migrated.latency.quantile(0.5)).isEqualTo(sketch.quantile(0.5));
        assertThat(migrated.carrierName).isEqualTo("Vivo");
        assertThat(migrated.carrierNameTime).isEqualTo(1_750_000_000_000L);

        // the same as the accumulator's own re-layout of that state
        MetricsAccumulator byAccumulator = new MetricsAccumulator();
        byAccumulator.columns = otherLayout;
        byAccumulator.sums = new long[] {7, 99, 5, -3};
        byAccumulator.layOutForThisCode();
        assertThat(migrated.sums).containsExactly(byAccumulator.sums);

        // and this code writes it in its own layout, which reads back unchanged
        assertSameContents(roundTrip(migrated), migrated);
    }

    @Test
    void statesOfFlinksPojoSerializerAreMigratedAndRewrittenLaidOutForThisCode() throws IOException {
        TypeSerializer<MetricsAccumulator> pojo = TypeInformation.of(MetricsAccumulator.class).createSerializer(new ExecutionConfig());
        TypeSerializerSnapshot<MetricsAccumulator> old = writeAndRead(pojo.snapshotConfiguration());
        assertThat(S.snapshotConfiguration().resolveSchemaCompatibility(old).isCompatibleAfterMigration()).isTrue();

        // release 1: no column names, sums in release 1's order; release 2: names in every value
        MetricsAccumulator release1 = new MetricsAccumulator();
        release1.sums = new long[MetricsAccumulator.RELEASE_1_COLUMNS.length];
        for (int i = 0; i < release1.sums.length; i++) {
            release1.sums[i] = 100 + i;
        }
        release1.latency.add(900);
        MetricsAccumulator release2 = accumulators().get(3);
        for (MetricsAccumulator written : List.of(release1, release2)) {
            MetricsAccumulator restored = old.restoreSerializer().deserialize(new DataInputDeserializer(bytes(pojo, written)));
            MetricsAccumulator rewritten = roundTrip(restored);
            assertThat(rewritten.columns).isSameAs(MetricsAccumulator.CURRENT_COLUMNS);
            for (SumColumn c : SumColumn.values()) {
                assertThat(rewritten.get(c)).as(c.columnName()).isEqualTo(written.get(c));
            }
            assertThat(rewritten.latency.histogram()).isEqualTo(written.latency.histogram());
        }
        assertThat(roundTrip(release1).get(SumColumn.FAILED)).isEqualTo(102);
    }

    @Test
    void otherSerializersStateIsIncompatible() {
        TypeSerializerSnapshot<MetricsAccumulator> foreign = new org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer<>(
                MetricsAccumulator.class, new ExecutionConfig()).snapshotConfiguration();
        assertThat(S.snapshotConfiguration().resolveSchemaCompatibility(foreign).isIncompatible()).isTrue();
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Empty, extremes, negative sums and latencies, take-backs, many buckets, with and without a carrier. */
    private static List<MetricsAccumulator> accumulators() {
        List<MetricsAccumulator> accs = new ArrayList<>();
        accs.add(new MetricsAccumulator());
        MetricsAccumulator extremes = laidOut();
        for (int i = 0; i < extremes.sums.length; i++) {
            extremes.sums[i] = i % 3 == 0 ? Long.MAX_VALUE : i % 3 == 1 ? Long.MIN_VALUE : -1;
        }
        extremes.latency.add(Long.MAX_VALUE);
        extremes.latency.add(-5);
        extremes.latency.add(1, Long.MIN_VALUE / 2);
        extremes.carrierName = "";
        extremes.carrierNameTime = Long.MAX_VALUE;
        accs.add(extremes);
        MetricsAccumulator takenBack = laidOut();
        takenBack.latency.add(5_000, 1);
        takenBack.latency.add(5_000, -1); // count back to 0, min and max still set
        takenBack.sums[SumColumn.PENDING.ordinal()] = -4;
        accs.add(takenBack);
        Random random = new Random(11);
        for (int n = 0; n < 200; n++) {
            MetricsAccumulator acc = laidOut();
            for (int i = 0; i < acc.sums.length; i++) {
                acc.sums[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(2_000) - 500;
            }
            int values = random.nextInt(n % 7 == 0 ? 3_000 : 40);
            for (int v = 0; v < values; v++) {
                acc.latency.add(random.nextInt(10) == 0 ? -random.nextInt(100) : (long) Math.exp(random.nextDouble() * 20),
                        1 + random.nextInt(3));
            }
            if (random.nextBoolean()) {
                acc.carrierName = "Carrier ünïcode " + random.nextInt(50);
                acc.carrierNameTime = 1_750_000_000_000L + random.nextInt(1_000_000);
            }
            accs.add(acc);
        }
        return accs;
    }

    private static MetricsAccumulator laidOut() {
        MetricsAccumulator acc = new MetricsAccumulator();
        acc.layOutForThisCode();
        return acc;
    }

    /** Equal totals by column (layouts aside), sketch and carrier. */
    private static void assertSameContents(MetricsAccumulator actualAsIs, MetricsAccumulator expected) {
        MetricsAccumulator actual = MetricsAccumulatorSerializer.INSTANCE.copy(actualAsIs);
        actual.layOutForThisCode();
        MetricsAccumulator e = MetricsAccumulatorSerializer.INSTANCE.copy(expected);
        e.layOutForThisCode();
        assertThat(actual.sums).containsExactly(e.sums);
        assertThat(actual.latency.indices).containsExactly(e.latency.indices);
        assertThat(actual.latency.counts).containsExactly(e.latency.counts);
        assertThat(actual.latency.zeroCount).isEqualTo(e.latency.zeroCount);
        assertThat(actual.latency.count).isEqualTo(e.latency.count);
        assertThat(actual.latency.min).isEqualTo(e.latency.min);
        assertThat(actual.latency.max).isEqualTo(e.latency.max);
        assertThat(actual.carrierName).isEqualTo(e.carrierName);
        assertThat(actual.carrierNameTime).isEqualTo(e.carrierNameTime);
    }

    private static byte[] bytes(TypeSerializer<MetricsAccumulator> serializer, MetricsAccumulator acc) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(acc, out);
        return out.getCopyOfBuffer();
    }

    private static MetricsAccumulator roundTrip(MetricsAccumulator acc) throws IOException {
        return S.deserialize(new DataInputDeserializer(bytes(S, acc)));
    }

    private static TypeSerializerSnapshot<MetricsAccumulator> writeAndRead(TypeSerializerSnapshot<MetricsAccumulator> snapshot)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()),
                MetricsAccumulatorSerializerTest.class.getClassLoader());
    }
}
