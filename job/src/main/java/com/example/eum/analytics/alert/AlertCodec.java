package com.example.eum.analytics.alert;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A versioned binary form of an {@link Alert} (with its key and verdict), for the stream serializer of the alert
 * stage: no Java serialization, no Kryo, no enum ordinals (names are written), so an alert in flight survives a
 * reordering of the enums.
 */
public final class AlertCodec {
    private static final int VERSION = 1;

    private AlertCodec() {}

    public static void write(Alert a, DataOutput out) throws IOException {
        out.writeByte(VERSION);
        out.writeUTF(a.rule.name());
        out.writeUTF(a.status.name());
        out.writeUTF(a.severity.name());
        writeKey(a.key, out);
        out.writeLong(a.triggeredWindowStart);
        out.writeLong(a.windowStart);
        out.writeLong(a.windowEnd);
        out.writeLong(a.estimatedStart);
        out.writeLong(a.detectedAt);
        writeVerdict(a.verdict, out);
        out.writeLong(a.affectedMessages);
        writeNullableLong(a.excessCostMicros, out);
        out.writeInt(a.topContributors.size());
        for (Map.Entry<String, Long> e : a.topContributors.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
        writeStrings(a.exampleMessageIds, out);
    }

    public static Alert read(DataInput in) throws IOException {
        int version = in.readByte();
        if (version != VERSION) {
            throw new IOException("unknown alert version " + version);
        }
        AlertRule rule = AlertRule.valueOf(in.readUTF());
        AlertStatus status = AlertStatus.valueOf(in.readUTF());
        Severity severity = Severity.valueOf(in.readUTF());
        AlertKey key = readKey(in);
        long triggeredWindowStart = in.readLong();
        long windowStart = in.readLong();
        long windowEnd = in.readLong();
        long estimatedStart = in.readLong();
        long detectedAt = in.readLong();
        Verdict verdict = readVerdict(in);
        long affected = in.readLong();
        Long excess = readNullableLong(in);
        int n = in.readInt();
        Map<String, Long> top = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            top.put(in.readUTF(), in.readLong());
        }
        List<String> examples = readStrings(in);
        return new Alert(rule, status, severity, key, triggeredWindowStart, windowStart, windowEnd, estimatedStart,
                detectedAt, verdict, affected, excess, top, examples);
    }

    private static void writeKey(AlertKey k, DataOutput out) throws IOException {
        out.writeUTF(k.scope().name());
        out.writeUTF(k.channel());
        out.writeUTF(k.country());
        out.writeUTF(k.useCase());
        out.writeUTF(k.carrier());
        out.writeUTF(k.originationId());
        out.writeUTF(k.prefix());
    }

    private static AlertKey readKey(DataInput in) throws IOException {
        Scope scope = Scope.valueOf(in.readUTF());
        return AlertKey.of(scope, in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF());
    }

    private static void writeVerdict(Verdict v, DataOutput out) throws IOException {
        out.writeUTF(v.rule.name());
        out.writeUTF(v.state.name());
        out.writeUTF(v.severity.name());
        out.writeUTF(v.unit.name());
        writeNullableDouble(v.observed, out);
        writeNullableDouble(v.baseline, out);
        writeNullableDouble(v.intervalLow, out);
        writeNullableDouble(v.intervalHigh, out);
        out.writeLong(v.n);
        out.writeLong(v.affectedMessages);
        writeNullableLong(v.excessCostMicros, out);
        out.writeLong(v.estimatedStart);
        out.writeDouble(v.statistic);
        writeStrings(v.signals, out);
    }

    private static Verdict readVerdict(DataInput in) throws IOException {
        AlertRule rule = AlertRule.valueOf(in.readUTF());
        Verdict.State state = Verdict.State.valueOf(in.readUTF());
        Severity severity = Severity.valueOf(in.readUTF());
        Verdict.Unit unit = Verdict.Unit.valueOf(in.readUTF());
        Double observed = readNullableDouble(in);
        Double baseline = readNullableDouble(in);
        Double low = readNullableDouble(in);
        Double high = readNullableDouble(in);
        long n = in.readLong();
        long affected = in.readLong();
        Long excess = readNullableLong(in);
        long estimatedStart = in.readLong();
        double statistic = in.readDouble();
        List<String> signals = readStrings(in);
        return new Verdict(rule, state, severity, unit, observed, baseline, low, high, n, affected, excess,
                estimatedStart, statistic, signals);
    }

    private static void writeNullableDouble(Double v, DataOutput out) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeDouble(v);
        }
    }

    private static Double readNullableDouble(DataInput in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    private static void writeNullableLong(Long v, DataOutput out) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeLong(v);
        }
    }

    private static Long readNullableLong(DataInput in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    private static void writeStrings(List<String> values, DataOutput out) throws IOException {
        out.writeInt(values.size());
        for (String s : values) {
            out.writeUTF(s);
        }
    }

    private static List<String> readStrings(DataInput in) throws IOException {
        int n = in.readInt();
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.readUTF());
        }
        return values;
    }
}
