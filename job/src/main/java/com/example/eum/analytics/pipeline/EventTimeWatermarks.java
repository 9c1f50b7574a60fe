package com.example.eum.analytics.pipeline;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.CanonicalEvent;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of the whole pipeline: the canonical event's {@code eventTime}, with bounded out-of-orderness and
 * idleness (source subtasks can outnumber shards, and a quiet stream must not hold the watermark back).
 */
public final class EventTimeWatermarks {
    private EventTimeWatermarks() {}

    public static WatermarkStrategy<CanonicalEvent> strategy(JobConfig cfg) {
        return WatermarkStrategy.<CanonicalEvent>forBoundedOutOfOrderness(cfg.maxOutOfOrderness)
                .withTimestampAssigner((event, previous) -> event.eventTime)
                .withIdleness(cfg.sourceIdleness);
    }
}
