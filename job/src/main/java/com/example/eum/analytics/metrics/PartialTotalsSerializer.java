package com.example.eum.analytics.metrics;

import com.example.eum.analytics.lifecycle.MessageDeltaSerializer;
import com.example.eum.analytics.model.StatelessSerializer;
import com.example.eum.analytics.model.VarLongs;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;

/**
 * Writes {@link PartialTotals} on the edges into the metrics windows: the key, the attribution time, the number of
 * deltas, then the one delta ({@link MessageDeltaSerializer}) or the combined totals (the windows' own
 * {@link MetricsAccumulatorSerializer}). Network only (never state), so its format may change between releases.
 */
public final class PartialTotalsSerializer extends StatelessSerializer<PartialTotals> {
    private static final long serialVersionUID = 1L;

    public static final PartialTotalsSerializer INSTANCE = new PartialTotalsSerializer();

    @Override
    public PartialTotals createInstance() {
        return new PartialTotals();
    }

    @Override
    public PartialTotals copy(PartialTotals from) {
        PartialTotals to = new PartialTotals();
        to.key = from.key;
        to.attributionTime = from.attributionTime;
        to.deltas = from.deltas;
        to.delta = from.delta == null ? null : MessageDeltaSerializer.INSTANCE.copy(from.delta);
        to.totals = from.totals == null ? null : MetricsAccumulatorSerializer.INSTANCE.copy(from.totals);
        return to;
    }

    @Override
    public void serialize(PartialTotals p, DataOutputView out) throws IOException {
        StringValue.writeString(p.key, out);
        out.writeLong(p.attributionTime);
        // the count, +1 when one delta follows (a single delta is never combined totals, so the count alone is ambiguous)
        VarLongs.writeUnsigned(out, ((long) p.deltas << 1) | (p.delta != null ? 1 : 0));
        if (p.delta != null) {
            MessageDeltaSerializer.INSTANCE.serialize(p.delta, out);
        } else {
            MetricsAccumulatorSerializer.INSTANCE.serialize(p.totals, out);
        }
    }

    @Override
    public PartialTotals deserialize(DataInputView in) throws IOException {
        PartialTotals p = new PartialTotals();
        p.key = StringValue.readString(in);
        p.attributionTime = in.readLong();
        long countAndKind = VarLongs.readUnsigned(in);
        p.deltas = (int) (countAndKind >>> 1);
        if ((countAndKind & 1) != 0) {
            p.delta = MessageDeltaSerializer.INSTANCE.deserialize(in);
        } else {
            p.totals = MetricsAccumulatorSerializer.INSTANCE.deserialize(in);
        }
        return p;
    }

    @Override
    public TypeSerializerSnapshot<PartialTotals> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer has no configuration: its snapshot only names it. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<PartialTotals> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
