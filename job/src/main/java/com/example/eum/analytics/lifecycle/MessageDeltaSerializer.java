package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.StatelessSerializer;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.VarLongs;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.util.Arrays;

/**
 * The explicit serializer of the lifecycle's deltas, which cross three or four task boundaries on their way to the
 * metrics windows (the use-case limit, conversation fees, each table's window): the key strings behind one null
 * bitmap, and of the {@link SumColumn} sums only those that are not zero (a delta changes one to three of them),
 * behind a bitmap of which, as zig-zag variable-length numbers. Flink's POJO serializer wrote every sum as 8 bytes
 * by reflection. Used on the network edges only (deltas are never state), so its format may change between
 * releases; its snapshot still names it, as Flink requires.
 */
public final class MessageDeltaSerializer extends StatelessSerializer<MessageDelta> {
    private static final long serialVersionUID = 1L;

    public static final MessageDeltaSerializer INSTANCE = new MessageDeltaSerializer();

    private static final Channel[] CHANNELS = Channel.values();
    private static final int STRINGS = 9;

    static {
        if (SumColumn.COUNT > Long.SIZE) {
            throw new IllegalStateException("MessageDeltaSerializer's bitmap of non-zero sums holds 64 columns, SumColumn has "
                    + SumColumn.COUNT);
        }
    }

    @Override
    public MessageDelta createInstance() {
        return new MessageDelta();
    }

    @Override
    public MessageDelta copy(MessageDelta from) {
        MessageDelta d = new MessageDelta();
        d.attributionTime = from.attributionTime;
        d.channel = from.channel;
        setStrings(d, strings(from));
        d.sums = Arrays.copyOf(from.sums, SumColumn.COUNT);
        d.latencyMs = from.latencyMs;
        d.latencyWeight = from.latencyWeight;
        return d;
    }

    @Override
    public void serialize(MessageDelta d, DataOutputView out) throws IOException {
        out.writeLong(d.attributionTime);
        out.writeByte(d.channel == null ? 0 : d.channel.ordinal() + 1);
        String[] strings = strings(d);
        int nulls = 0;
        for (int i = 0; i < STRINGS; i++) {
            nulls |= strings[i] == null ? 1 << i : 0;
        }
        out.writeShort(nulls);
        for (String s : strings) {
            if (s != null) {
                StringValue.writeString(s, out);
            }
        }
        long nonZero = 0;
        for (int i = 0; i < SumColumn.COUNT; i++) {
            nonZero |= d.sums[i] != 0 ? 1L << i : 0;
        }
        out.writeLong(nonZero);
        for (int i = 0; i < SumColumn.COUNT; i++) {
            if (d.sums[i] != 0) {
                VarLongs.writeSigned(out, d.sums[i]);
            }
        }
        VarLongs.writeSigned(out, d.latencyMs);
        VarLongs.writeSigned(out, d.latencyWeight);
    }

    @Override
    public MessageDelta deserialize(DataInputView in) throws IOException {
        MessageDelta d = new MessageDelta();
        d.attributionTime = in.readLong();
        int channel = in.readByte();
        d.channel = channel == 0 ? null : CHANNELS[channel - 1];
        int nulls = in.readShort();
        String[] strings = new String[STRINGS];
        for (int i = 0; i < STRINGS; i++) {
            strings[i] = (nulls & (1 << i)) != 0 ? null : StringValue.readString(in);
        }
        setStrings(d, strings);
        long nonZero = in.readLong();
        for (int i = 0; i < SumColumn.COUNT; i++) {
            if ((nonZero & (1L << i)) != 0) {
                d.sums[i] = VarLongs.readSigned(in);
            }
        }
        d.latencyMs = VarLongs.readSigned(in);
        d.latencyWeight = (int) VarLongs.readSigned(in);
        return d;
    }

    @Override
    public TypeSerializerSnapshot<MessageDelta> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer has no configuration: its snapshot only names it. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<MessageDelta> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** The string fields in write order (bits 0..8 of the null bitmap). */
    private static String[] strings(MessageDelta d) {
        return new String[] {d.isoCountryCode, d.originationId, d.messageId, d.conversationId, d.messageType, d.useCase,
                d.mcc, d.mnc, d.carrierName};
    }

    private static void setStrings(MessageDelta d, String[] s) {
        d.isoCountryCode = s[0];
        d.originationId = s[1];
        d.messageId = s[2];
        d.conversationId = s[3];
        d.messageType = s[4];
        d.useCase = s[5];
        d.mcc = s[6];
        d.mnc = s[7];
        d.carrierName = s[8];
    }
}
