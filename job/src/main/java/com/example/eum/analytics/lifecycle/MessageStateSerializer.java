package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.StatelessSerializer;
import com.example.eum.analytics.model.VarLongs;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;

import static com.example.eum.analytics.lifecycle.MessageState.NONE;

/**
 * The serializer of {@link MessageState} (keyed state of {@code message-lifecycle}): every field, without reflection,
 * small. Flags in one bitmask; times as variable-length differences from the message's first time (NONE as one byte);
 * event ids that are the decoder's 32 hex digits as their 16 bytes. About half the bytes of Flink's POJO serializer,
 * which matters most on RocksDB, where every state access serializes the state.
 *
 * <p>Upgrades: state written by earlier releases (Flink's POJO serializer, release 1 without the fields added since)
 * is read with that serializer and rewritten with this one ({@link Snapshot#resolveSchemaCompatibility}: compatible
 * after migration), so release-1 savepoints restore on both state backends.
 */
public final class MessageStateSerializer extends StatelessSerializer<MessageState> {
    private static final long serialVersionUID = 1L;

    public static final MessageStateSerializer INSTANCE = new MessageStateSerializer();

    private static final Channel[] CHANNELS = Channel.values();
    private static final FailureClass[] FAILURE_CLASSES = FailureClass.values();
    private static final int FORMAT_VERSION = 1;

    @Override
    public MessageState createInstance() {
        return new MessageState();
    }

    @Override
    public MessageState copy(MessageState from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy message state", e);
        }
    }

    @Override
    public void serialize(MessageState s, DataOutputView out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeInt(flags(s));
        StringValue.writeString(s.messageId, out);
        out.writeByte(s.channel == null ? 0 : s.channel.ordinal() + 1);
        out.writeByte(s.failureClass == null ? 0 : s.failureClass.ordinal() + 1);
        StringValue.writeString(s.isoCountryCode, out);
        StringValue.writeString(s.originationId, out);
        StringValue.writeString(s.messageType, out);
        StringValue.writeString(s.useCase, out);
        StringValue.writeString(s.mcc, out);
        StringValue.writeString(s.mnc, out);
        StringValue.writeString(s.carrierName, out);
        VarLongs.writeUnsigned(out, s.seenEventIds.length);
        for (String id : s.seenEventIds) {
            writeEventId(id, out);
        }
        long base = s.maxEventTime;
        out.writeLong(base);
        for (long t : new long[] {s.attributionTime, s.requestTime, s.sentTime, s.pendingClosedTime, s.outcomeTime,
                s.firstReceivedTime, s.firstFailedTime, s.feedbackOutcomeTime, s.lateFeedbackTime, s.feedbackTimer,
                s.expiryTimer, s.unknownTimer}) {
            writeTime(t, base, out);
        }
        VarLongs.writeSigned(out, s.deliveryLatencyMs);
        VarLongs.writeUnsigned(out, s.outcome);
        VarLongs.writeUnsigned(out, s.feedbackOutcome);
        VarLongs.writeUnsigned(out, s.heldFeedbackCount);
        VarLongs.writeUnsigned(out, s.heldFeedback.length);
        for (HeldFeedback h : s.heldFeedback) {
            writeEventId(h.eventId, out);
            StringValue.writeString(h.feedbackStatus, out);
            writeTime(h.eventTime, base, out);
            StringValue.writeString(h.source, out);
            writeTime(h.ingestTime, base, out);
        }
    }

    @Override
    public MessageState deserialize(DataInputView in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != FORMAT_VERSION) {
            throw new IOException("message state in format " + version + "; this release reads format " + FORMAT_VERSION);
        }
        MessageState s = new MessageState();
        setFlags(s, in.readInt());
        s.messageId = StringValue.readString(in);
        int channel = in.readUnsignedByte();
        s.channel = channel == 0 ? null : CHANNELS[channel - 1];
        int failure = in.readUnsignedByte();
        s.failureClass = failure == 0 ? null : FAILURE_CLASSES[failure - 1];
        s.isoCountryCode = StringValue.readString(in);
        s.originationId = StringValue.readString(in);
        s.messageType = StringValue.readString(in);
        s.useCase = StringValue.readString(in);
        s.mcc = StringValue.readString(in);
        s.mnc = StringValue.readString(in);
        s.carrierName = StringValue.readString(in);
        String[] ids = new String[(int) VarLongs.readUnsigned(in)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = readEventId(in);
        }
        s.seenEventIds = ids;
        long base = in.readLong();
        s.maxEventTime = base;
        s.attributionTime = readTime(base, in);
        s.requestTime = readTime(base, in);
        s.sentTime = readTime(base, in);
        s.pendingClosedTime = readTime(base, in);
        s.outcomeTime = readTime(base, in);
        s.firstReceivedTime = readTime(base, in);
        s.firstFailedTime = readTime(base, in);
        s.feedbackOutcomeTime = readTime(base, in);
        s.lateFeedbackTime = readTime(base, in);
        s.feedbackTimer = readTime(base, in);
        s.expiryTimer = readTime(base, in);
        s.unknownTimer = readTime(base, in);
        s.deliveryLatencyMs = VarLongs.readSigned(in);
        s.outcome = (int) VarLongs.readUnsigned(in);
        s.feedbackOutcome = (int) VarLongs.readUnsigned(in);
        s.heldFeedbackCount = (int) VarLongs.readUnsigned(in);
        HeldFeedback[] held = new HeldFeedback[(int) VarLongs.readUnsigned(in)];
        for (int i = 0; i < held.length; i++) {
            HeldFeedback h = new HeldFeedback();
            h.eventId = readEventId(in);
            h.feedbackStatus = StringValue.readString(in);
            h.eventTime = readTime(base, in);
            h.source = StringValue.readString(in);
            h.ingestTime = readTime(base, in);
            held[i] = h;
        }
        s.heldFeedback = held;
        return s;
    }

    @Override
    public TypeSerializerSnapshot<MessageState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Names the serializer; state of earlier releases (POJO serializer) is migrated to it. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<MessageState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<MessageState> resolveSchemaCompatibility(TypeSerializerSnapshot<MessageState> oldSnapshot) {
            if (oldSnapshot instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return super.resolveSchemaCompatibility(oldSnapshot);
        }
    }

    // --- flags ---------------------------------------------------------------------------------------------

    private static int flags(MessageState s) {
        boolean[] f = {s.counted, s.inboundCounted, s.pendingCounted, s.priceCounted, s.carrierFeeCounted, s.partsCounted,
                s.pricingSeen, s.readCounted, s.protectBlockCounted, s.protectBlockedCounted, s.feedbackTracked,
                s.untrackedFeedbackCounted, s.feedbackTrackedCounted, s.feedbackDeadlinePassed};
        int bits = 0;
        for (int i = 0; i < f.length; i++) {
            bits |= f[i] ? 1 << i : 0;
        }
        return bits;
    }

    private static void setFlags(MessageState s, int bits) {
        s.counted = (bits & 1) != 0;
        s.inboundCounted = (bits & 1 << 1) != 0;
        s.pendingCounted = (bits & 1 << 2) != 0;
        s.priceCounted = (bits & 1 << 3) != 0;
        s.carrierFeeCounted = (bits & 1 << 4) != 0;
        s.partsCounted = (bits & 1 << 5) != 0;
        s.pricingSeen = (bits & 1 << 6) != 0;
        s.readCounted = (bits & 1 << 7) != 0;
        s.protectBlockCounted = (bits & 1 << 8) != 0;
        s.protectBlockedCounted = (bits & 1 << 9) != 0;
        s.feedbackTracked = (bits & 1 << 10) != 0;
        s.untrackedFeedbackCounted = (bits & 1 << 11) != 0;
        s.feedbackTrackedCounted = (bits & 1 << 12) != 0;
        s.feedbackDeadlinePassed = (bits & 1 << 13) != 0;
    }

    // --- times: NONE as 0, else 1 + zigzag(t - base), variable length --------------------------------------

    private static void writeTime(long t, long base, DataOutputView out) throws IOException {
        if (t == NONE) {
            out.writeByte(0);
        } else if (base == NONE || Long.compareUnsigned(VarLongs.zigzag(t - base), -3L) > 0) {
            // no base, or a difference so extreme that 2 + its code would wrap: the time itself
            out.writeByte(1);
            out.writeLong(t);
        } else {
            VarLongs.writeUnsigned(out, VarLongs.zigzag(t - base) + 2);
        }
    }

    private static long readTime(long base, DataInputView in) throws IOException {
        long v = VarLongs.readUnsigned(in);
        if (v == 0) {
            return NONE;
        }
        if (v == 1) {
            return in.readLong();
        }
        return base + VarLongs.unzigzag(v - 2);
    }

    // --- event ids: the decoder's 32 lowercase hex digits as 16 bytes, anything else as a string -------------

    private static void writeEventId(String id, DataOutputView out) throws IOException {
        if (id != null && isHex32(id)) {
            out.writeByte(1);
            out.writeLong(Long.parseUnsignedLong(id.substring(0, 16), 16));
            out.writeLong(Long.parseUnsignedLong(id.substring(16), 16));
        } else {
            out.writeByte(0);
            StringValue.writeString(id, out);
        }
    }

    private static String readEventId(DataInputView in) throws IOException {
        if (in.readUnsignedByte() == 0) {
            return StringValue.readString(in);
        }
        return hex16(in.readLong()) + hex16(in.readLong());
    }

    private static boolean isHex32(String id) {
        if (id.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static String hex16(long v) {
        String h = Long.toHexString(v);
        return "0000000000000000".substring(h.length()) + h;
    }
}
