package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.MessageDelta;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Bounds the use_case dimension of the metrics tables: keyed by the start of the delta's window, it admits the first
 * {@code limit} distinct use cases of each window and rewrites every other one to {@value #OTHER}; the rewritten
 * deltas are counted in the exported counter {@value #ROLLED_UP_METRIC}. A use case once admitted (or rolled up) in a
 * window stays so, and a message's deltas carry the same use case, so a message's counts all land in the same row.
 * Which values are admitted depends on arrival order only when a window has more than {@code limit} of them.
 *
 * <p>State per window: the admitted values (at most {@code limit}) and their count, cleared by an event-time timer
 * at the window's end plus the allowed lateness, when the window operators drop the window too.
 *
 * <p>The windows this subtask opened are also known on the heap ({@link Known}: the admitted values, and whether the
 * limit is reached), so the deltas of an open window need no state access (on RocksDB, a native get per delta). The
 * state is still written on every admission, so checkpoints are unchanged; a window opened before a restore, or
 * dropped from the heap (at most {@value #MAX_KNOWN_WINDOWS} are kept), is answered from the state as before.
 */
public class UseCaseLimit extends KeyedProcessFunction<Long, MessageDelta, MessageDelta> {
    private static final long serialVersionUID = 1L;

    /** The use case of the deltas beyond the limit. */
    public static final String OTHER = "other";
    /** Counter of deltas whose use case was rolled up to {@value #OTHER}. */
    public static final String ROLLED_UP_METRIC = "useCaseRolledUpDeltas";

    private final int limit;
    private final long sizeMs;
    private final long allowedLatenessMs;

    /** Windows known on the heap before all of them are forgotten (and read from the state again). */
    static final int MAX_KNOWN_WINDOWS = 10_000;

    private transient MapState<String, Boolean> admitted;
    private transient Map<Long, Known> known;
    private transient ValueState<Integer> admittedCount;
    private transient Counter rolledUp;

    /**
     * @param limit distinct use cases kept per window
     * @param sizeMs window size (the key is the window start)
     * @param allowedLatenessMs the windows' allowed lateness (state lives until window end plus this)
     */
    public UseCaseLimit(int limit, long sizeMs, long allowedLatenessMs) {
        this.limit = limit;
        this.sizeMs = sizeMs;
        this.allowedLatenessMs = allowedLatenessMs;
    }

    /** The key: the start of the delta's window (epoch-aligned, as {@link AttributionTimeWindows}). */
    public static long windowStart(MessageDelta d, long sizeMs) {
        return TimeWindow.getWindowStartWithOffset(d.attributionTime, 0, sizeMs);
    }

    @Override
    public void open(Configuration parameters) {
        admitted = getRuntimeContext().getMapState(new MapStateDescriptor<>("admitted-use-cases", Types.STRING, Types.BOOLEAN));
        admittedCount = getRuntimeContext().getState(new ValueStateDescriptor<>("admitted-use-case-count", Types.INT));
        rolledUp = ExportedMetrics.of(getRuntimeContext()).counter(ROLLED_UP_METRIC);
        known = new HashMap<>();
    }

    @Override
    public void processElement(MessageDelta d, Context ctx, Collector<MessageDelta> out) throws Exception {
        if (d.useCase != null && !d.useCase.trim().isEmpty()) {
            // Only admitted values are stored: the count never decreases within a window, so a value refused once
            // is refused for good without remembering it (state stays at most `limit` entries per window).
            if (!isAdmitted(d.useCase, ctx)) {
                d.useCase = OTHER;
                rolledUp.inc();
            }
        }
        out.collect(d);
    }

    private boolean isAdmitted(String useCase, Context ctx) throws Exception {
        Known window = known.get(ctx.getCurrentKey());
        if (window != null && window.admitted.contains(useCase)) {
            return true;
        }
        if (window != null && window.complete) {
            // every admission of this window happened here: not among them, so admit it if there is room
            return !window.full && admit(useCase, ctx, window);
        }
        if (admitted.contains(useCase)) {
            // admitted before a restore (or before the heap forgot the window): known from now on
            if (window == null) {
                window = remember(ctx.getCurrentKey(), false);
            }
            window.admitted.add(useCase);
            return true;
        }
        return admit(useCase, ctx, window);
    }

    /** Admits {@code useCase} in the current window if the limit allows; {@code window} is its heap copy, or null. */
    private boolean admit(String useCase, Context ctx, Known window) throws Exception {
        Integer count = admittedCount.value();
        int n = count == null ? 0 : count;
        if (n >= limit) {
            if (window != null) {
                window.full = true;
            }
            return false;
        }
        if (count == null) {
            ctx.timerService().registerEventTimeTimer(ctx.getCurrentKey() + sizeMs - 1 + allowedLatenessMs);
            // the window opens here: its heap copy will see every admission
            window = remember(ctx.getCurrentKey(), true);
        }
        admitted.put(useCase, Boolean.TRUE);
        admittedCount.update(n + 1);
        if (window != null) {
            window.admitted.add(useCase);
            window.full = n + 1 >= limit;
        }
        return true;
    }

    private Known remember(long windowStart, boolean complete) {
        if (known.size() >= MAX_KNOWN_WINDOWS) {
            known.clear();
        }
        Known window = new Known(complete);
        known.put(windowStart, window);
        return window;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MessageDelta> out) {
        admitted.clear();
        admittedCount.clear();
        known.remove(ctx.getCurrentKey());
    }

    /** What the heap knows of one window's admissions. */
    private static final class Known {
        /** Every admission of the window went through this copy (it was opened after the last restore). */
        final boolean complete;
        final Set<String> admitted = new HashSet<>();
        boolean full;

        Known(boolean complete) {
            this.complete = complete;
        }
    }
}
