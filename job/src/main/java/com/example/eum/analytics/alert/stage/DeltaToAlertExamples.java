package com.example.eum.analytics.alert.stage;

import com.example.eum.analytics.model.MessageDelta;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Example message ids for the alerts: the ids of messages that failed, did not convert or were flagged by Protect
 * ({@link AlertInputs#examplesOf}); nothing when alerts are disabled.
 */
public final class DeltaToAlertExamples implements FlatMapFunction<MessageDelta, AlertInput> {
    private static final long serialVersionUID = 1L;

    private final long windowSizeMs;
    private final boolean enabled;

    public DeltaToAlertExamples(long windowSizeMs, boolean enabled) {
        this.windowSizeMs = windowSizeMs;
        this.enabled = enabled;
    }

    @Override
    public void flatMap(MessageDelta delta, Collector<AlertInput> out) {
        if (enabled) {
            AlertInputs.examplesOf(delta, windowSizeMs).forEach(out::collect);
        }
    }
}
