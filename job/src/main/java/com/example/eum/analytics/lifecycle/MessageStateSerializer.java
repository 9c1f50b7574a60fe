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
 * The serializer of {@link MessageState} (keyed state of {@code message-lifecycle}): every field but the message id,
 * without reflection, small, since on RocksDB every state access serializes the state.
 *
 * <p>Format 2 (this release; its first byte is 2): no message id (it is the state's key; the operator sets it on
 * read); flags in one variable-length number, those most messages set in its first byte; channel, failure class and
 * outcomes packed; an E.164 origination id as its number, an AWS/Meta message type as an index, a 3-digit MCC and
 * 2- or 3-digit MNC as one number; event ids that are the decoder's 32 hex digits as their 64-bit prints
 * ({@link EventIdPrints}); every time as a variable-length difference from a related time of the message (in seconds
 * when whole seconds), NONE as one byte.
 * About 80 bytes for a delivered SMS, against 170 in format 1 and twice that in Flink's POJO serializer.
 *
 * <p>Upgrades: format 1 (release 2's layout, first byte 1) is read as before, so release-2 state restores as it is
 * (on RocksDB each message is rewritten in format 2 when next updated); state of release 1 (Flink's POJO serializer)
 * is read with that serializer and rewritten with this one ({@link Snapshot#resolveSchemaCompatibility}: compatible
 * after migration), so release-1 savepoints restore on both state backends.
 */
public final class MessageStateSerializer extends StatelessSerializer<MessageState> {
    private static final long serialVersionUID = 1L;

    public static final MessageStateSerializer INSTANCE = new MessageStateSerializer();

    private static final Channel[] CHANNELS = Channel.values();
    private static final FailureClass[] FAILURE_CLASSES = FailureClass.values();
    private static final int FORMAT_VERSION = 2;

    static {
        // format 2 keeps the channel in 4 bits and the failure class in 5, next to the outcomes
        if (CHANNELS.length >= 1 << 4 || FAILURE_CLASSES.length >= 1 << 5) {
            throw new IllegalStateException("MessageStateSerializer format 2 holds at most 15 channels and 31 failure classes");
        }
    }

    @Override
    public MessageState createInstance() {
        return new MessageState();
    }

    @Override
    public MessageState copy(MessageState from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serialize(from, out);
            MessageState copy = deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
            copy.messageId = from.messageId;
            return copy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy message state", e);
        }
    }

    @Override
    public void serialize(MessageState s, DataOutputView out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        boolean held = s.heldFeedbackCount != 0 || s.heldFeedback.length != 0;
        VarLongs.writeUnsigned(out, flags(s) | (held ? HELD_FLAG : 0));
        VarLongs.writeUnsigned(out, (s.channel == null ? 0 : s.channel.ordinal() + 1) | (long) s.outcome << 4);
        VarLongs.writeUnsigned(out, (s.failureClass == null ? 0 : s.failureClass.ordinal() + 1) | (long) s.feedbackOutcome << 5);
        StringValue.writeString(s.isoCountryCode, out);
        writeOriginationId(s.originationId, out);
        writeMessageType(s.messageType, out);
        StringValue.writeString(s.useCase, out);
        writeNetwork(s.mcc, s.mnc, out);
        StringValue.writeString(s.carrierName, out);
        writeEventIds(s.seenEventIds, out);
        long base = s.maxEventTime;
        writeTime(base, 0, out);
        long attribution = s.attributionTime;
        writeTime(attribution, base, out);
        long a = attribution == NONE ? base : attribution;
        writeTime(s.requestTime, a, out);
        writeTime(s.sentTime, a, out);
        writeTime(s.outcomeTime, a, out);
        writeTime(s.pendingClosedTime, s.outcomeTime == NONE ? a : s.outcomeTime, out);
        writeTime(s.firstReceivedTime, a, out);
        writeTime(s.firstFailedTime, a, out);
        writeTime(s.feedbackOutcomeTime, a, out);
        writeTime(s.lateFeedbackTime, a, out);
        writeTime(s.feedbackTimer, a, out);
        writeTime(s.expiryTimer, base, out);
        writeTime(s.unknownTimer, a, out);
        VarLongs.writeSigned(out, s.deliveryLatencyMs);
        if (held) {
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
    }

    /**
     * Reads format 2 (written since this release) and format 1 (release 2's layout, still in RocksDB until the message
     * is next written, and in its savepoints). Format 2 does not hold the message id, the state's key: the operator
     * sets it ({@link MessageLifecycleFunction}); here it is null.
     */
    @Override
    public MessageState deserialize(DataInputView in) throws IOException {
        int version = in.readUnsignedByte();
        if (version == 1) {
            return readFormat1(in);
        }
        if (version != FORMAT_VERSION) {
            throw new IOException("message state in format " + version + "; this release reads formats 1 and " + FORMAT_VERSION);
        }
        MessageState s = new MessageState();
        int flags = (int) VarLongs.readUnsigned(in);
        setFlags(s, flags);
        int channelAndOutcome = (int) VarLongs.readUnsigned(in);
        int channel = channelAndOutcome & 0xF;
        s.channel = channel == 0 ? null : CHANNELS[channel - 1];
        s.outcome = channelAndOutcome >>> 4;
        int failureAndFeedback = (int) VarLongs.readUnsigned(in);
        int failure = failureAndFeedback & 0x1F;
        s.failureClass = failure == 0 ? null : FAILURE_CLASSES[failure - 1];
        s.feedbackOutcome = failureAndFeedback >>> 5;
        s.isoCountryCode = StringValue.readString(in);
        s.originationId = readOriginationId(in);
        s.messageType = readMessageType(in);
        s.useCase = StringValue.readString(in);
        readNetwork(s, in);
        s.carrierName = StringValue.readString(in);
        s.seenEventIds = readEventIds(in);
        long base = readTime(0, in);
        s.maxEventTime = base;
        s.attributionTime = readTime(base, in);
        long a = s.attributionTime == NONE ? base : s.attributionTime;
        s.requestTime = readTime(a, in);
        s.sentTime = readTime(a, in);
        s.outcomeTime = readTime(a, in);
        s.pendingClosedTime = readTime(s.outcomeTime == NONE ? a : s.outcomeTime, in);
        s.firstReceivedTime = readTime(a, in);
        s.firstFailedTime = readTime(a, in);
        s.feedbackOutcomeTime = readTime(a, in);
        s.lateFeedbackTime = readTime(a, in);
        s.feedbackTimer = readTime(a, in);
        s.expiryTimer = readTime(base, in);
        s.unknownTimer = readTime(a, in);
        s.deliveryLatencyMs = VarLongs.readSigned(in);
        if ((flags & HELD_FLAG) != 0) {
            readHeldFeedback(s, base, false, in);
        }
        return s;
    }

    /** Format 1 (release 2): the message id, fixed-width flags and base time, every time relative to the base. */
    private static MessageState readFormat1(DataInputView in) throws IOException {
        MessageState s = new MessageState();
        setFormat1Flags(s, in.readInt());
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
            ids[i] = readFormat1EventId(in);
        }
        s.seenEventIds = ids;
        long base = in.readLong();
        s.maxEventTime = base;
        s.attributionTime = readFormat1Time(base, in);
        s.requestTime = readFormat1Time(base, in);
        s.sentTime = readFormat1Time(base, in);
        s.pendingClosedTime = readFormat1Time(base, in);
        s.outcomeTime = readFormat1Time(base, in);
        s.firstReceivedTime = readFormat1Time(base, in);
        s.firstFailedTime = readFormat1Time(base, in);
        s.feedbackOutcomeTime = readFormat1Time(base, in);
        s.lateFeedbackTime = readFormat1Time(base, in);
        s.feedbackTimer = readFormat1Time(base, in);
        s.expiryTimer = readFormat1Time(base, in);
        s.unknownTimer = readFormat1Time(base, in);
        s.deliveryLatencyMs = VarLongs.readSigned(in);
        s.outcome = (int) VarLongs.readUnsigned(in);
        s.feedbackOutcome = (int) VarLongs.readUnsigned(in);
        readHeldFeedback(s, base, true, in);
        return s;
    }

    /** The held feedback count and records; both formats write them alike but for their event ids and times. */
    private static void readHeldFeedback(MessageState s, long base, boolean format1, DataInputView in) throws IOException {
        s.heldFeedbackCount = (int) VarLongs.readUnsigned(in);
        HeldFeedback[] held = new HeldFeedback[(int) VarLongs.readUnsigned(in)];
        for (int i = 0; i < held.length; i++) {
            HeldFeedback h = new HeldFeedback();
            h.eventId = format1 ? readFormat1EventId(in) : readEventId(in);
            h.feedbackStatus = StringValue.readString(in);
            h.eventTime = format1 ? readFormat1Time(base, in) : readTime(base, in);
            h.source = StringValue.readString(in);
            h.ingestTime = format1 ? readFormat1Time(base, in) : readTime(base, in);
            held[i] = h;
        }
        s.heldFeedback = held;
    }

    @Override
    public TypeSerializerSnapshot<MessageState> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * Names the serializer. Release 2's snapshot (this class) is compatible as is, since format 1 is still read; state of
     * release 1 (POJO serializer) is migrated to it.
     */
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

    // --- flags: format 1's order (a 32-bit int) and format 2's (a variable-length number, the bits set on most
    // messages first so that a typical message takes one byte) ----------------------------------------------------

    private static final int HELD_FLAG = 1 << 14;

    private static int flags(MessageState s) {
        return bit(s.counted, 0) | bit(s.priceCounted, 1) | bit(s.partsCounted, 2) | bit(s.carrierFeeCounted, 3)
                | bit(s.feedbackTracked, 4) | bit(s.feedbackTrackedCounted, 5) | bit(s.pricingSeen, 6) | bit(s.readCounted, 7)
                | bit(s.untrackedFeedbackCounted, 8) | bit(s.feedbackDeadlinePassed, 9) | bit(s.pendingCounted, 10)
                | bit(s.inboundCounted, 11) | bit(s.protectBlockCounted, 12) | bit(s.protectBlockedCounted, 13);
    }

    private static int bit(boolean value, int position) {
        return value ? 1 << position : 0;
    }

    private static void setFlags(MessageState s, int bits) {
        s.counted = (bits & 1) != 0;
        s.priceCounted = (bits & 1 << 1) != 0;
        s.partsCounted = (bits & 1 << 2) != 0;
        s.carrierFeeCounted = (bits & 1 << 3) != 0;
        s.feedbackTracked = (bits & 1 << 4) != 0;
        s.feedbackTrackedCounted = (bits & 1 << 5) != 0;
        s.pricingSeen = (bits & 1 << 6) != 0;
        s.readCounted = (bits & 1 << 7) != 0;
        s.untrackedFeedbackCounted = (bits & 1 << 8) != 0;
        s.feedbackDeadlinePassed = (bits & 1 << 9) != 0;
        s.pendingCounted = (bits & 1 << 10) != 0;
        s.inboundCounted = (bits & 1 << 11) != 0;
        s.protectBlockCounted = (bits & 1 << 12) != 0;
        s.protectBlockedCounted = (bits & 1 << 13) != 0;
    }

    private static void setFormat1Flags(MessageState s, int bits) {
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

    // --- times, format 2: NONE as 0; else a difference from a related time of the same message (the feedback
    // deadline from the attribution time, the pending close from the outcome, ...), in seconds when it is whole
    // seconds (the state horizon, the feedback timeout, WhatsApp's times), zig-zagged, the unit in the lowest bit,
    // plus 2; 1 and the time itself when the difference is too large for that ------------------------------------

    private static void writeTime(long t, long reference, DataOutputView out) throws IOException {
        if (t == NONE) {
            out.writeByte(0);
            return;
        }
        long difference = t - (reference == NONE ? 0 : reference);
        long code = difference % 1000 == 0 ? VarLongs.zigzag(difference / 1000) << 1 | 1 : VarLongs.zigzag(difference) << 1;
        if ((VarLongs.zigzag(difference) >>> 61) != 0) {
            out.writeByte(1);
            out.writeLong(t);
        } else {
            VarLongs.writeUnsigned(out, code + 2);
        }
    }

    private static long readTime(long reference, DataInputView in) throws IOException {
        return readTime(reference, false, in);
    }

    /** Format 1: NONE as 0, else 1 + zigzag(t - base), variable length (1 and the time when base is NONE or far). */
    private static long readFormat1Time(long base, DataInputView in) throws IOException {
        return readTime(base, true, in);
    }

    private static long readTime(long reference, boolean format1, DataInputView in) throws IOException {
        long v = VarLongs.readUnsigned(in);
        if (v == 0) {
            return NONE;
        }
        if (v == 1) {
            return in.readLong();
        }
        long code = v - 2;
        if (format1) {
            return reference + VarLongs.unzigzag(code);
        }
        long difference = VarLongs.unzigzag(code >>> 1);
        return (reference == NONE ? 0 : reference) + ((code & 1) != 0 ? difference * 1000 : difference);
    }

    // --- dimensions, format 2: the common shapes as numbers, anything else as the string ---------------------------

    /**
     * Message types AWS and Meta define (SMS/MMS/voice messageType; WhatsApp pricing categories), written as their
     * index here. Append only: an index in stored state must keep its value.
     */
    private static final String[] MESSAGE_TYPES = {"TRANSACTIONAL", "PROMOTIONAL", "authentication", "authentication_international",
            "marketing", "marketing_lite", "utility", "service", "referral_conversion"};

    private static void writeMessageType(String type, DataOutputView out) throws IOException {
        if (type == null) {
            out.writeByte(0);
            return;
        }
        for (int i = 0; i < MESSAGE_TYPES.length; i++) {
            if (MESSAGE_TYPES[i].equals(type)) {
                VarLongs.writeUnsigned(out, i + 2);
                return;
            }
        }
        out.writeByte(1);
        StringValue.writeString(type, out);
    }

    private static String readMessageType(DataInputView in) throws IOException {
        int code = (int) VarLongs.readUnsigned(in);
        return code == 0 ? null : code == 1 ? StringValue.readString(in) : MESSAGE_TYPES[code - 2];
    }

    /** An E.164 phone number (the common origination id: '+', then 2 to 18 digits, no leading 0) as its number. */
    private static void writeOriginationId(String id, DataOutputView out) throws IOException {
        long number = id == null ? -1 : e164(id);
        if (number >= 0) {
            out.writeByte(2);
            VarLongs.writeUnsigned(out, number);
        } else {
            out.writeByte(id == null ? 0 : 1);
            if (id != null) {
                StringValue.writeString(id, out);
            }
        }
    }

    private static String readOriginationId(DataInputView in) throws IOException {
        int kind = in.readUnsignedByte();
        return kind == 0 ? null : kind == 1 ? StringValue.readString(in) : "+" + VarLongs.readUnsigned(in);
    }

    private static long e164(String id) {
        int n = id.length();
        if (n < 3 || n > 19 || id.charAt(0) != '+' || id.charAt(1) == '0') {
            return -1;
        }
        long v = 0;
        for (int i = 1; i < n; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * The recipient network: a 3-digit MCC and a 2- or 3-digit MNC as one number (2 + mcc * 2000 + mnc, plus 1000 for
     * a 3-digit MNC); 0 when both are null; 1 and the two strings otherwise.
     */
    private static void writeNetwork(String mcc, String mnc, DataOutputView out) throws IOException {
        int m = digits(mcc, 3, 3);
        int n = digits(mnc, 2, 3);
        if (m >= 0 && n >= 0) {
            VarLongs.writeUnsigned(out, 2 + m * 2000L + (mnc.length() == 3 ? 1000 : 0) + n);
        } else if (mcc == null && mnc == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            StringValue.writeString(mcc, out);
            StringValue.writeString(mnc, out);
        }
    }

    private static void readNetwork(MessageState s, DataInputView in) throws IOException {
        long code = VarLongs.readUnsigned(in);
        if (code == 1) {
            s.mcc = StringValue.readString(in);
            s.mnc = StringValue.readString(in);
        } else if (code > 1) {
            long v = code - 2;
            int mnc = (int) (v % 2000);
            s.mcc = pad((int) (v / 2000), 3);
            s.mnc = mnc >= 1000 ? pad(mnc - 1000, 3) : pad(mnc, 2);
        }
    }

    /** The value of a string of {@code min} to {@code max} ASCII digits, else -1. */
    private static int digits(String s, int min, int max) {
        if (s == null || s.length() < min || s.length() > max) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String pad(int v, int width) {
        String d = Integer.toString(v);
        return "000".substring(0, width - d.length()) + d;
    }

    // --- event ids, format 2: an id that is the decoder's 32 hex digits (or a print of one) as its 64-bit print
    // ({@link EventIdPrints}), anything else as a string; the list's length times 2, plus 1 when every id is a print
    // (then 8 bytes each, no per-id marker). Format 1 stored the decoder's ids as their 16 bytes ---------------------

    private static void writeEventIds(String[] ids, DataOutputView out) throws IOException {
        boolean allPrints = true;
        for (String id : ids) {
            allPrints &= EventIdPrints.printable(id);
        }
        VarLongs.writeUnsigned(out, (long) ids.length << 1 | (allPrints ? 1 : 0));
        for (String id : ids) {
            if (allPrints) {
                out.writeLong(EventIdPrints.print(id));
            } else {
                writeEventId(id, out);
            }
        }
    }

    private static String[] readEventIds(DataInputView in) throws IOException {
        long code = VarLongs.readUnsigned(in);
        String[] ids = new String[(int) (code >>> 1)];
        boolean allPrints = (code & 1) != 0;
        for (int i = 0; i < ids.length; i++) {
            ids[i] = allPrints ? EventIdPrints.printString(in.readLong()) : readEventId(in);
        }
        return ids;
    }

    private static void writeEventId(String id, DataOutputView out) throws IOException {
        if (EventIdPrints.printable(id)) {
            out.writeByte(1);
            out.writeLong(EventIdPrints.print(id));
        } else {
            out.writeByte(0);
            StringValue.writeString(id, out);
        }
    }

    private static String readEventId(DataInputView in) throws IOException {
        return in.readUnsignedByte() == 0 ? StringValue.readString(in) : EventIdPrints.printString(in.readLong());
    }

    private static String readFormat1EventId(DataInputView in) throws IOException {
        if (in.readUnsignedByte() == 0) {
            return StringValue.readString(in);
        }
        return EventIdPrints.printString(in.readLong()) + EventIdPrints.printString(in.readLong());
    }
}
