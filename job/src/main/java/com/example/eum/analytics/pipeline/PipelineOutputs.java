package com.example.eum.analytics.pipeline;

import com.example.eum.analytics.alert.Alert;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.WindowMetrics;

import org.apache.flink.streaming.api.datastream.DataStream;

/** The streams the pipeline produces; entry points plug sinks onto them, tests read them back. */
public final class PipelineOutputs {
    public final DataStream<CanonicalEvent> events;
    public final DataStream<DeadLetter> deadLetters;
    public final DataStream<WindowMetrics> metricsByCountry;
    public final DataStream<WindowMetrics> metricsByOrigination;
    public final DataStream<WindowMetrics> metricsByCarrier;
    /** TRIGGERED / UPDATED / RESOLVED alerts of the rules over the metrics (the alerts table; schemas/alerts.md). */
    public final DataStream<Alert> alerts;

    public PipelineOutputs(DataStream<CanonicalEvent> events, DataStream<DeadLetter> deadLetters,
                           DataStream<WindowMetrics> metricsByCountry, DataStream<WindowMetrics> metricsByOrigination,
                           DataStream<WindowMetrics> metricsByCarrier, DataStream<Alert> alerts) {
        this.events = events;
        this.deadLetters = deadLetters;
        this.metricsByCountry = metricsByCountry;
        this.metricsByOrigination = metricsByOrigination;
        this.metricsByCarrier = metricsByCarrier;
        this.alerts = alerts;
    }
}
