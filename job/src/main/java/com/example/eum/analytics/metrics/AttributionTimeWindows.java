package com.example.eum.analytics.metrics;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;

/**
 * Event-time tumbling windows chosen by the attribution time of the deltas ({@link PartialTotals#attributionTime}),
 * not by the record timestamp: the lifecycle attributes a delta to the moment it belongs to (request time, outcome
 * time, ...), which can be earlier than the event that produced it. Windows are aligned to the epoch ([k*size, (k+1)*size)). The default trigger is
 * {@link LateCoalescingTrigger}.
 */
public class AttributionTimeWindows extends WindowAssigner<PartialTotals, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private final long sizeMs;

    private AttributionTimeWindows(long sizeMs) {
        if (sizeMs <= 0) {
            throw new IllegalArgumentException("window size must be positive, got " + sizeMs + " ms");
        }
        this.sizeMs = sizeMs;
    }

    /** Tumbling windows of the given size. */
    public static AttributionTimeWindows of(Duration size) {
        return new AttributionTimeWindows(size.toMillis());
    }

    @Override
    public Collection<TimeWindow> assignWindows(PartialTotals partial, long timestamp, WindowAssignerContext context) {
        long start = TimeWindow.getWindowStartWithOffset(partial.attributionTime, 0, sizeMs);
        return Collections.singletonList(new TimeWindow(start, start + sizeMs));
    }

    @Override
    public Trigger<PartialTotals, TimeWindow> getDefaultTrigger() {
        return new LateCoalescingTrigger();
    }

    /** Flink 1.19 still declares this abstract variant; it delegates to {@link #getDefaultTrigger()}. */
    @Override
    @SuppressWarnings("deprecation")
    public Trigger<PartialTotals, TimeWindow> getDefaultTrigger(StreamExecutionEnvironment env) {
        return getDefaultTrigger();
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig executionConfig) {
        return new TimeWindow.Serializer();
    }

    @Override
    public boolean isEventTime() {
        return true;
    }

    @Override
    public String toString() {
        return "AttributionTimeWindows(" + sizeMs + " ms)";
    }
}
