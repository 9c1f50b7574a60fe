package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.MessageDelta;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

import java.util.HashMap;
import java.util.Map;

/**
 * Combines the deltas of one window key and window that arrive between two watermarks into one {@link PartialTotals}
 * before they cross the network into a metrics window, so the window reads and writes its state once per key, window
 * and watermark instead of once per delta (on RocksDB each access deserializes and rewrites the accumulator).
 *
 * <p>Why the tables do not change: the buffer is emitted before each watermark (and idle/active status) is forwarded,
 * before each checkpoint barrier ({@link #prepareSnapshotPreBarrier}, so the operator has no state) and at the end
 * of the input ({@link #endInput}, also on a drained stop), so the window receives every delta's contribution before
 * the watermark that would fire it, as it did delta by delta; the
 * window fires once per watermark advance whatever it received ({@link LateCoalescingTrigger}), and adding combined
 * totals equals adding their deltas ({@link PartialTotals}). Lateness is decided per delta as the window operator
 * decides it (timestamp + allowed lateness at or before the watermark): a delta this operator sees as late is passed on
 * alone, so the window routes it to its late output exactly as before and each late delta stays one dead letter. A
 * delta combined here is never late at the window, whose watermark (the minimum over its inputs) cannot be ahead of
 * the watermark this operator had when the delta arrived.
 *
 * <p>Bounded: at most {@link #MAX_BUFFERED} key-windows are held; one more empties the buffer downstream early.
 */
public class WindowPreAggregator extends AbstractStreamOperator<PartialTotals>
        implements OneInputStreamOperator<MessageDelta, PartialTotals>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    /** Key-windows buffered before the buffer is emitted without waiting for the watermark. */
    static final int MAX_BUFFERED = 10_000;

    private final MetricsKey key;
    private final long sizeMs;
    private final long allowedLatenessMs;

    private transient Map<String, Slot> buffer;
    private transient int buffered;
    private transient long watermark;

    /**
     * @param key the window key of the table
     * @param sizeMs the windows' size
     * @param allowedLatenessMs the windows' allowed lateness
     */
    public WindowPreAggregator(MetricsKey key, long sizeMs, long allowedLatenessMs) {
        this.key = key;
        this.sizeMs = sizeMs;
        this.allowedLatenessMs = allowedLatenessMs;
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    public void open() throws Exception {
        super.open();
        buffer = new HashMap<>();
        buffered = 0;
        watermark = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<MessageDelta> element) {
        MessageDelta d = element.getValue();
        String k = key.getKey(d);
        long t = d.attributionTime;
        if (t + allowedLatenessMs <= watermark) {
            // late for the window: alone, so the window sends it to its late output as one delta
            output.collect(new StreamRecord<>(PartialTotals.of(k, d), t));
            return;
        }
        long start = TimeWindow.getWindowStartWithOffset(t, 0, sizeMs);
        Slot first = buffer.get(k);
        for (Slot s = first; s != null; s = s.next) {
            if (s.windowStart == start) {
                s.add(d);
                return;
            }
        }
        Slot slot = new Slot(start, d, first);
        buffer.put(k, slot);
        if (++buffered >= MAX_BUFFERED) {
            emitBuffer();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        emitBuffer();
        watermark = mark.getTimestamp();
        super.processWatermark(mark);
    }

    /**
     * An input going idle or active changes which inputs hold the window's watermark back: whatever is buffered goes
     * first, so it is judged against the watermark it was combined under.
     */
    @Override
    public void processWatermarkStatus(WatermarkStatus watermarkStatus) throws Exception {
        emitBuffer();
        super.processWatermarkStatus(watermarkStatus);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        emitBuffer();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() {
        emitBuffer();
    }

    private void emitBuffer() {
        if (buffered == 0) {
            return;
        }
        for (Map.Entry<String, Slot> e : buffer.entrySet()) {
            for (Slot s = e.getValue(); s != null; s = s.next) {
                PartialTotals p = s.totals == null
                        ? PartialTotals.of(e.getKey(), s.single)
                        : PartialTotals.combined(e.getKey(), s.latest, s.totals, s.deltas);
                output.collect(new StreamRecord<>(p, p.attributionTime));
            }
        }
        buffer.clear();
        buffered = 0;
    }

    /** The deltas of one key and window so far: the first one alone, totals from the second on. */
    private static final class Slot {
        final long windowStart;
        final Slot next;
        MessageDelta single;
        MetricsAccumulator totals;
        int deltas;
        long latest;

        Slot(long windowStart, MessageDelta d, Slot next) {
            this.windowStart = windowStart;
            this.next = next;
            this.single = d;
            this.deltas = 1;
            this.latest = d.attributionTime;
        }

        void add(MessageDelta d) {
            if (totals == null) {
                totals = new MetricsAccumulator();
                totals.add(single);
                single = null;
            }
            totals.add(d);
            deltas++;
            latest = Math.max(latest, d.attributionTime);
        }
    }
}
