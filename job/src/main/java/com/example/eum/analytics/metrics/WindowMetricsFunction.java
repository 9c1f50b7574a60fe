package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.WindowMetrics;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a window's totals into a {@link WindowMetrics} row with the window bounds, the key and the revision.
 * The revision counter lives in per-window state: 0 on the first firing, +1 on each later (late) firing; it is
 * cleared with the window when the watermark passes its end plus the allowed lateness.
 */
public class WindowMetricsFunction extends ProcessWindowFunction<MetricsAccumulator, WindowMetrics, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private final ValueStateDescriptor<Integer> nextRevisionState =
            new ValueStateDescriptor<>("next-revision", Types.INT);

    private final MetricsKey key;

    /** Rows of metrics_by_country. */
    public WindowMetricsFunction() {
        this(MetricsKey.byCountry());
    }

    /** Rows of the table keyed by {@code key}: it splits the window key into the row's key columns. */
    public WindowMetricsFunction(MetricsKey key) {
        this.key = key;
    }

    @Override
    public void process(String key, Context context, Iterable<MetricsAccumulator> totals, Collector<WindowMetrics> out)
            throws Exception {
        ValueState<Integer> nextRevision = context.windowState().getState(nextRevisionState);
        Integer stored = nextRevision.value();
        int revision = stored == null ? 0 : stored;
        TimeWindow window = context.window();
        for (MetricsAccumulator acc : totals) {
            WindowMetrics row = MetricsRow.of(window.getStart(), window.getEnd(), null, null, revision,
                    context.currentWatermark(), acc);
            this.key.fill(row, key);
            out.collect(row);
        }
        nextRevision.update(revision + 1);
    }

    @Override
    public void clear(Context context) {
        context.windowState().getState(nextRevisionState).clear();
    }
}
