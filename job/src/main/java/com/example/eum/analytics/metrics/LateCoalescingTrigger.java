package com.example.eum.analytics.metrics;

import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Fires a window once when the watermark passes its end, and once more per watermark advance that brings late
 * elements, never once per late element (Flink's {@code EventTimeTrigger} fires for every late element).
 *
 * <p>How: every element, on time or late, registers an event-time timer at {@code window.maxTimestamp()}. Timers
 * are unique per (key, window, time), so all late elements that arrive before the next watermark advance share one
 * timer, which fires on that advance. The result is FIRE, never PURGE: the window keeps its contents until the
 * operator's cleanup timer (end + allowed lateness), so every re-firing carries complete values.
 */
public class LateCoalescingTrigger extends Trigger<PartialTotals, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public TriggerResult onElement(PartialTotals element, long timestamp, TimeWindow window, TriggerContext ctx) {
        ctx.registerEventTimeTimer(window.maxTimestamp());
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) {
        return time == window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) {
        ctx.deleteEventTimeTimer(window.maxTimestamp());
    }

    @Override
    public String toString() {
        return "LateCoalescingTrigger()";
    }
}
