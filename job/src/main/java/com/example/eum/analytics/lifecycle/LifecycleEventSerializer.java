package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.Direction;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.StatelessSerializer;
import com.example.eum.analytics.model.Status;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The explicit serializer of the event that crosses the keyBy into the lifecycle ({@link LifecycleRules#lifecycleView}):
 * only the fields the rules read, written in a fixed order behind one null bitmap, enums as ordinals, no reflection
 * (Flink's POJO serializer spent about a fifth of the job's CPU on the full 45-field event, issue 11). The fields it
 * does not write come back null. Used on the network edge only, never for state, so its format may change between
 * releases; its snapshot still names it, as Flink requires.
 */
public final class LifecycleEventSerializer extends StatelessSerializer<CanonicalEvent> {
    private static final long serialVersionUID = 1L;

    public static final LifecycleEventSerializer INSTANCE = new LifecycleEventSerializer();

    private static final Channel[] CHANNELS = Channel.values();
    private static final Direction[] DIRECTIONS = Direction.values();
    private static final Status[] STATUSES = Status.values();
    private static final FailureClass[] FAILURE_CLASSES = FailureClass.values();

    /** Bits of the null bitmap, one per nullable field, in write order. */
    private static final int STRINGS = 17;
    private static final int REQUEST_TIME = 1 << STRINGS;
    private static final int PRICE = REQUEST_TIME << 1;
    private static final int CARRIER_FEE = PRICE << 1;
    private static final int PARTS = CARRIER_FEE << 1;
    private static final int BILLABLE = PARTS << 1;
    private static final int CONTEXT = BILLABLE << 1;

    @Override
    public CanonicalEvent createInstance() {
        return new CanonicalEvent();
    }

    @Override
    public CanonicalEvent copy(CanonicalEvent from) {
        CanonicalEvent v = copyStrings(from, new CanonicalEvent());
        v.channel = from.channel;
        v.direction = from.direction;
        v.status = from.status;
        v.failureClass = from.failureClass;
        v.isFinal = from.isFinal;
        v.eventTime = from.eventTime;
        v.ingestTime = from.ingestTime;
        v.requestTime = from.requestTime;
        v.priceMicros = from.priceMicros;
        v.carrierFeeMicros = from.carrierFeeMicros;
        v.messageParts = from.messageParts;
        v.billable = from.billable;
        v.context = from.context == null ? null : new HashMap<>(from.context);
        return v;
    }

    @Override
    public void serialize(CanonicalEvent e, DataOutputView out) throws IOException {
        String[] strings = strings(e);
        int nulls = 0;
        for (int i = 0; i < STRINGS; i++) {
            nulls |= strings[i] == null ? 1 << i : 0;
        }
        nulls |= (e.requestTime == null ? REQUEST_TIME : 0) | (e.priceMicros == null ? PRICE : 0)
                | (e.carrierFeeMicros == null ? CARRIER_FEE : 0) | (e.messageParts == null ? PARTS : 0)
                | (e.billable == null ? BILLABLE : 0) | (e.context == null ? CONTEXT : 0);
        out.writeInt(nulls);
        for (String s : strings) {
            if (s != null) {
                StringValue.writeString(s, out);
            }
        }
        out.writeByte(ordinal(e.channel));
        out.writeByte(ordinal(e.direction));
        out.writeByte(ordinal(e.status));
        out.writeByte(ordinal(e.failureClass));
        out.writeBoolean(e.isFinal);
        out.writeLong(e.eventTime);
        out.writeLong(e.ingestTime);
        if (e.requestTime != null) {
            out.writeLong(e.requestTime);
        }
        if (e.priceMicros != null) {
            out.writeLong(e.priceMicros);
        }
        if (e.carrierFeeMicros != null) {
            out.writeLong(e.carrierFeeMicros);
        }
        if (e.messageParts != null) {
            out.writeInt(e.messageParts);
        }
        if (e.billable != null) {
            out.writeBoolean(e.billable);
        }
        if (e.context != null) {
            out.writeInt(e.context.size());
            for (Map.Entry<String, String> c : e.context.entrySet()) {
                StringValue.writeString(c.getKey(), out);
                out.writeBoolean(c.getValue() != null);
                if (c.getValue() != null) {
                    StringValue.writeString(c.getValue(), out);
                }
            }
        }
    }

    @Override
    public CanonicalEvent deserialize(DataInputView in) throws IOException {
        int nulls = in.readInt();
        String[] strings = new String[STRINGS];
        for (int i = 0; i < STRINGS; i++) {
            strings[i] = (nulls & (1 << i)) != 0 ? null : StringValue.readString(in);
        }
        CanonicalEvent e = new CanonicalEvent();
        setStrings(e, strings);
        e.channel = value(CHANNELS, in.readByte());
        e.direction = value(DIRECTIONS, in.readByte());
        e.status = value(STATUSES, in.readByte());
        e.failureClass = value(FAILURE_CLASSES, in.readByte());
        e.isFinal = in.readBoolean();
        e.eventTime = in.readLong();
        e.ingestTime = in.readLong();
        e.requestTime = (nulls & REQUEST_TIME) != 0 ? null : in.readLong();
        e.priceMicros = (nulls & PRICE) != 0 ? null : in.readLong();
        e.carrierFeeMicros = (nulls & CARRIER_FEE) != 0 ? null : in.readLong();
        e.messageParts = (nulls & PARTS) != 0 ? null : in.readInt();
        e.billable = (nulls & BILLABLE) != 0 ? null : in.readBoolean();
        if ((nulls & CONTEXT) == 0) {
            int size = in.readInt();
            Map<String, String> context = new HashMap<>(Math.max(4, size * 2));
            for (int i = 0; i < size; i++) {
                String key = StringValue.readString(in);
                context.put(key, in.readBoolean() ? StringValue.readString(in) : null);
            }
            e.context = context;
        }
        return e;
    }

    @Override
    public TypeSerializerSnapshot<CanonicalEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer has no configuration: its snapshot only names it. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<CanonicalEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** The string fields the lifecycle reads, in write order (bits 0..16 of the null bitmap). */
    private static String[] strings(CanonicalEvent e) {
        return new String[] {e.eventId, e.eventType, e.messageId, e.originationId, e.isoCountryCode, e.carrierName, e.mcc,
                e.mnc, e.messageType, e.pricingModel, e.pricingCategory, e.pricingType, e.conversationId, e.feedbackStatus,
                e.protectStatus, e.protectRecommendation, e.source};
    }

    private static void setStrings(CanonicalEvent e, String[] s) {
        e.eventId = s[0];
        e.eventType = s[1];
        e.messageId = s[2];
        e.originationId = s[3];
        e.isoCountryCode = s[4];
        e.carrierName = s[5];
        e.mcc = s[6];
        e.mnc = s[7];
        e.messageType = s[8];
        e.pricingModel = s[9];
        e.pricingCategory = s[10];
        e.pricingType = s[11];
        e.conversationId = s[12];
        e.feedbackStatus = s[13];
        e.protectStatus = s[14];
        e.protectRecommendation = s[15];
        e.source = s[16];
    }

    private static CanonicalEvent copyStrings(CanonicalEvent from, CanonicalEvent to) {
        setStrings(to, strings(from));
        return to;
    }

    private static int ordinal(Enum<?> value) {
        return value == null ? 0 : value.ordinal() + 1;
    }

    private static <T> T value(T[] values, byte code) {
        return code == 0 ? null : values[code - 1];
    }
}
