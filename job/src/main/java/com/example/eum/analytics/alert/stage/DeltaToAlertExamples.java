package com.example.eum.analytics.alert.stage;

import com.example.eum.analytics.model.MessageDelta;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.Map;

/**
 * Example message ids for the alerts: the ids of messages that failed, did not convert or were flagged by Protect
 * ({@link AlertInputs#examplesOf}); nothing when alerts are disabled. At most {@code maxPerWindow} per key and
 * window leave each subtask: the alert keeps no more than that many ids, and every example is a keyed-state update
 * downstream (on RocksDB, a read and a write of the key's pending windows), so a large key's thousands of failed
 * messages must not each cost one. The alert's top contributors (carriers, senders) are counted over these examples.
 * The counts are in memory only (no state): after a restart a window may receive up to {@code maxPerWindow} more,
 * which the alert stage caps again.
 */
public final class DeltaToAlertExamples implements FlatMapFunction<MessageDelta, AlertInput> {
    private static final long serialVersionUID = 1L;
    /** Key-windows counted before the counts are dropped (deltas come about in time order: old windows are done). */
    static final int MAX_TRACKED_WINDOWS = 20_000;

    private final long windowSizeMs;
    private final boolean enabled;
    private final int maxPerWindow;
    private transient Map<String, Integer> sent;

    public DeltaToAlertExamples(long windowSizeMs, boolean enabled, int maxPerWindow) {
        this.windowSizeMs = windowSizeMs;
        this.enabled = enabled;
        this.maxPerWindow = maxPerWindow;
    }

    @Override
    public void flatMap(MessageDelta delta, Collector<AlertInput> out) {
        if (!enabled) {
            return;
        }
        if (sent == null || sent.size() > MAX_TRACKED_WINDOWS) {
            sent = new HashMap<>();
        }
        for (AlertInput example : AlertInputs.examplesOf(delta, windowSizeMs)) {
            int n = sent.merge(example.keyId + "@" + example.windowStart, 1, Integer::sum);
            if (n <= maxPerWindow) {
                out.collect(example);
            }
        }
    }
}
