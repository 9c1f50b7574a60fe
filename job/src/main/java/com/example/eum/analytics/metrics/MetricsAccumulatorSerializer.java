package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.StatelessSerializer;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.util.Arrays;

import static com.example.eum.analytics.model.VarLongs.readSigned;
import static com.example.eum.analytics.model.VarLongs.readUnsigned;
import static com.example.eum.analytics.model.VarLongs.writeSigned;
import static com.example.eum.analytics.model.VarLongs.writeUnsigned;

/**
 * The serializer of the metrics windows' state ({@link MetricsAccumulator}, the window contents of
 * {@code metrics-by-country}, {@code metrics-by-origination} and {@code metrics-by-carrier}). On RocksDB every delta
 * reads and writes its window's accumulator, so it is written small and without reflection: the sums in one layout
 * of column names (this code's, {@link MetricsAccumulator#CURRENT_COLUMNS}) without the names, a bitmap of the
 * non-zero ones followed by them as zig-zag variable-length numbers; the latency sketch's buckets as index gaps and
 * counts; the carrier name and its time. Flink's POJO serializer wrote the 33 column names (about 500 bytes) and
 * every sum as 8 bytes in each value.
 *
 * <p>The layout is in the {@link Snapshot}, once per state. Deserialized accumulators are laid out for this code
 * ({@code columns == CURRENT_COLUMNS}, so {@link MetricsAccumulator#layOutForThisCode()} is a no-op on them).
 * Upgrades ({@link Snapshot#resolveSchemaCompatibility}): state of this serializer with the same columns restores as
 * is; with other columns (a later or earlier release) it is read in its layout and re-laid out by name
 * ({@link MetricsAccumulator#positionsInThisCode}: known columns kept, new ones 0, dropped ones dropped); state of
 * Flink's POJO serializer (releases 1 and 2) is read by it and rewritten by this one, re-laid out before it is written.
 */
public final class MetricsAccumulatorSerializer extends StatelessSerializer<MetricsAccumulator> {
    private static final long serialVersionUID = 1L;

    /** The serializer of this code's layout: the one the job writes state with. */
    public static final MetricsAccumulatorSerializer INSTANCE = new MetricsAccumulatorSerializer(MetricsAccumulator.CURRENT_COLUMNS);

    private static final int MIN_UNSET = 1;
    private static final int MAX_UNSET = 1 << 1;
    private static final int CARRIER_TIME_UNSET = 1 << 2;

    /** The column names of the sums this serializer reads and writes, in order. */
    private final String[] layout;
    /** For each column of {@link #layout}, its position in this code's sums, -1 when this code has no such column. */
    private final int[] positions;

    private MetricsAccumulatorSerializer(String[] layout) {
        this.layout = layout;
        this.positions = MetricsAccumulator.positionsInThisCode(layout);
    }

    /** The serializer of state written in {@code layout} (this code's: {@link #INSTANCE}). */
    static MetricsAccumulatorSerializer forLayout(String[] layout) {
        return Arrays.equals(layout, MetricsAccumulator.CURRENT_COLUMNS) ? INSTANCE : new MetricsAccumulatorSerializer(layout.clone());
    }

    @Override
    public MetricsAccumulator createInstance() {
        return new MetricsAccumulator();
    }

    @Override
    public MetricsAccumulator copy(MetricsAccumulator from) {
        MetricsAccumulator to = new MetricsAccumulator();
        to.columns = from.columns; // never modified: shared, as all accumulators of one layout share it
        to.sums = from.sums.clone();
        LatencySketch l = from.latency;
        to.latency.indices = l.indices.clone();
        to.latency.counts = l.counts.clone();
        to.latency.zeroCount = l.zeroCount;
        to.latency.count = l.count;
        to.latency.min = l.min;
        to.latency.max = l.max;
        to.carrierName = from.carrierName;
        to.carrierNameTime = from.carrierNameTime;
        return to;
    }

    @Override
    public void serialize(MetricsAccumulator acc, DataOutputView out) throws IOException {
        acc.layOutForThisCode(); // a new accumulator, or one read by the POJO serializer of an earlier release
        LatencySketch l = acc.latency;
        out.writeByte((l.min == Long.MAX_VALUE ? MIN_UNSET : 0) | (l.max == Long.MIN_VALUE ? MAX_UNSET : 0)
                | (acc.carrierNameTime == Long.MIN_VALUE ? CARRIER_TIME_UNSET : 0));
        long[] sums = acc.sums;
        for (int word = 0; word < layout.length; word += Long.SIZE) {
            long nonZero = 0;
            for (int i = word; i < layout.length && i < word + Long.SIZE; i++) {
                nonZero |= sum(sums, i) != 0 ? 1L << (i - word) : 0;
            }
            writeUnsigned(out, nonZero);
        }
        for (int i = 0; i < layout.length; i++) {
            long v = sum(sums, i);
            if (v != 0) {
                writeSigned(out, v);
            }
        }
        writeSigned(out, l.count);
        writeSigned(out, l.zeroCount);
        if (l.min != Long.MAX_VALUE) {
            writeSigned(out, l.min);
        }
        if (l.max != Long.MIN_VALUE) {
            writeSigned(out, l.max);
        }
        writeUnsigned(out, l.indices.length);
        int previous = 0;
        for (int p = 0; p < l.indices.length; p++) {
            writeSigned(out, (long) l.indices[p] - previous);
            previous = l.indices[p];
            writeSigned(out, l.counts[p]);
        }
        StringValue.writeString(acc.carrierName, out);
        if (acc.carrierNameTime != Long.MIN_VALUE) {
            writeSigned(out, acc.carrierNameTime);
        }
    }

    /** This code's total of the layout's column i (0 for a column this code does not have). */
    private long sum(long[] sums, int i) {
        return positions[i] < 0 ? 0 : sums[positions[i]];
    }

    @Override
    public MetricsAccumulator deserialize(DataInputView in) throws IOException {
        MetricsAccumulator acc = new MetricsAccumulator();
        int flags = in.readUnsignedByte();
        long[] sums = new long[MetricsAccumulator.CURRENT_COLUMNS.length];
        long[] nonZero = new long[(layout.length + Long.SIZE - 1) / Long.SIZE];
        for (int w = 0; w < nonZero.length; w++) {
            nonZero[w] = readUnsigned(in);
        }
        for (int i = 0; i < layout.length; i++) {
            long v = (nonZero[i / Long.SIZE] & (1L << (i % Long.SIZE))) != 0 ? readSigned(in) : 0;
            if (positions[i] >= 0) {
                sums[positions[i]] = v;
            }
        }
        acc.sums = sums;
        acc.columns = MetricsAccumulator.CURRENT_COLUMNS;
        LatencySketch l = acc.latency;
        l.count = readSigned(in);
        l.zeroCount = readSigned(in);
        l.min = (flags & MIN_UNSET) != 0 ? Long.MAX_VALUE : readSigned(in);
        l.max = (flags & MAX_UNSET) != 0 ? Long.MIN_VALUE : readSigned(in);
        int buckets = (int) readUnsigned(in);
        if (buckets < 0 || buckets > LatencySketch.MAX_BUCKETS) {
            throw new IOException("a metrics window's latency sketch with " + buckets + " buckets (at most "
                    + LatencySketch.MAX_BUCKETS + "): the state is not in this serializer's format");
        }
        int[] indices = new int[buckets];
        long[] counts = new long[buckets];
        long index = 0;
        for (int p = 0; p < buckets; p++) {
            index += readSigned(in);
            indices[p] = (int) index;
            counts[p] = readSigned(in);
        }
        l.indices = indices;
        l.counts = counts;
        acc.carrierName = StringValue.readString(in);
        acc.carrierNameTime = (flags & CARRIER_TIME_UNSET) != 0 ? Long.MIN_VALUE : readSigned(in);
        return acc;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricsAccumulatorSerializer && Arrays.equals(layout, ((MetricsAccumulatorSerializer) o).layout);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(layout);
    }

    @Override
    public TypeSerializerSnapshot<MetricsAccumulator> snapshotConfiguration() {
        return new Snapshot(layout);
    }

    /**
     * The layout of the state (its column names, in order), written once per state; decides how state written by an
     * earlier serializer is read ({@link #resolveSchemaCompatibility}).
     */
    public static final class Snapshot implements TypeSerializerSnapshot<MetricsAccumulator> {
        private static final int VERSION = 1;

        private String[] columns;

        /** For Flink, which reads the snapshot with {@link #readSnapshot}. */
        public Snapshot() {}

        Snapshot(String[] columns) {
            this.columns = columns;
        }

        @Override
        public int getCurrentVersion() {
            return VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeInt(columns.length);
            for (String c : columns) {
                out.writeUTF(c);
            }
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            if (readVersion != VERSION) {
                throw new IOException("metrics window state in serializer snapshot version " + readVersion
                        + "; this release reads version " + VERSION);
            }
            String[] read = new String[in.readInt()];
            for (int i = 0; i < read.length; i++) {
                read[i] = in.readUTF();
            }
            columns = read;
        }

        @Override
        public TypeSerializer<MetricsAccumulator> restoreSerializer() {
            return forLayout(columns);
        }

        /**
         * This serializer's state in the same layout: as is; in another layout: after migration (read in the old
         * layout, re-laid out by name); Flink's POJO serializer's (releases 1 and 2): after migration (read by it,
         * re-laid out before it is written). Anything else is incompatible.
         */
        @Override
        public TypeSerializerSchemaCompatibility<MetricsAccumulator> resolveSchemaCompatibility(
                TypeSerializerSnapshot<MetricsAccumulator> oldSnapshot) {
            if (oldSnapshot instanceof Snapshot) {
                return Arrays.equals(((Snapshot) oldSnapshot).columns, columns)
                        ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                        : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            if (oldSnapshot instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }

        /** The column names of the state's layout. */
        String[] columns() {
            return columns.clone();
        }
    }
}
