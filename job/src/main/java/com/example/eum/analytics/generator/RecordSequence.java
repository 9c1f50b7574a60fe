package com.example.eum.analytics.generator;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The generated stream in arrival order: record 0, 1, 2, ... Works in one-minute arrival segments: before a
 * segment is emitted, every message requested before its end has been planned and each of its records filed into
 * the segment of its arrival, so the segment is complete; it is then sorted by (arrival, message, record). Only
 * the small packed keys of future records are kept (arrival offset 16 bits, message index 39 bits, record 8 bits) (hours-late and 72 h receipts included); payloads are rendered
 * on demand by re-planning the message, which is a pure function of its index.
 *
 * <p>Bounded runs end at {@link GeneratorSettings#horizonEnd()}; records that would arrive later are not emitted.
 * Not thread-safe; one instance per consumer.
 */
public final class RecordSequence {
    static final long SEGMENT_MS = 60_000;

    private final TrafficModel model;
    private final long horizonEnd;
    private final long messageCount;
    private final Map<Long, LongList> bins = new HashMap<>();
    private final Map<Long, MessagePlan> planCache = new LinkedHashMap<Long, MessagePlan>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, MessagePlan> eldest) {
            return size() > 8192;
        }
    };
    private long nextToPlan;
    private long segment = -1;
    private long[] current = new long[0];
    private int pos;
    /** Global index of the next record. */
    private long position;

    public RecordSequence(TrafficModel model) {
        this.model = model;
        this.horizonEnd = model.settings().horizonEnd();
        this.messageCount = model.messageCount();
    }

    /** Global index of the record {@link #next()} returns. */
    public long position() {
        return position;
    }

    public boolean hasNext() {
        while (pos >= current.length) {
            if (!loadSegment(segment + 1)) {
                return false;
            }
        }
        return true;
    }

    public GeneratedRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long key = current[pos++];
        position++;
        long index = (key >>> 8) & ((1L << 39) - 1);
        MessagePlan p = plan(index);
        MessagePlan.Record rec = p.records.get((int) (key & 0xFF));
        return new GeneratedRecord(PayloadRenderer.render(p, rec), rec.arrival, p.messageId);
    }

    /** Skips records until {@link #position()} == {@code index} (only forward). */
    public void skipTo(long index) {
        if (index < position) {
            throw new IllegalArgumentException("cannot go back from " + position + " to " + index);
        }
        while (position < index && hasNext()) {
            long inSegment = Math.min(current.length - pos, index - position);
            pos += (int) inSegment;
            position += inSegment;
        }
    }

    private MessagePlan plan(long index) {
        MessagePlan p = planCache.get(index);
        if (p == null) {
            p = model.plan(index);
            planCache.put(index, p);
        }
        return p;
    }

    private long segmentStart(long k) {
        return model.settings().startTime + k * SEGMENT_MS;
    }

    /** Plans every message requested before the end of segment {@code k}, then makes segment k current. */
    private boolean loadSegment(long k) {
        long start = segmentStart(k);
        if (start >= horizonEnd) {
            return false;
        }
        long end = start + SEGMENT_MS;
        while (nextToPlan < messageCount && model.requestTime(nextToPlan) < end) {
            MessagePlan p = plan(nextToPlan);
            for (MessagePlan.Record r : p.records) {
                if (r.arrival < horizonEnd) {
                    long seg = Math.floorDiv(r.arrival - model.settings().startTime, SEGMENT_MS);
                    long offset = r.arrival - segmentStart(seg);
                    bins.computeIfAbsent(seg, s -> new LongList()).add((offset << 47) | (nextToPlan << 8) | r.ordinal);
                }
            }
            nextToPlan++;
        }
        LongList bin = bins.remove(k);
        current = bin == null ? new long[0] : bin.sorted();
        pos = 0;
        segment = k;
        return true;
    }

    /** Growable list of primitive longs (packed record keys). */
    private static final class LongList {
        long[] a = new long[16];
        int n;

        void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        long[] sorted() {
            long[] out = Arrays.copyOf(a, n);
            Arrays.sort(out);
            return out;
        }
    }
}
