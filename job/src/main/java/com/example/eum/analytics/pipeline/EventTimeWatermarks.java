package com.example.eum.analytics.pipeline;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.eventtime.FrontierWatermarkGenerator;
import com.example.eum.analytics.model.CanonicalEvent;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of the whole pipeline: the canonical event's {@code eventTime}; the watermark follows a robust
 * event-time frontier (an isolated outlier does not move it) with bounded out-of-orderness, and idleness (source
 * subtasks can outnumber shards, and a quiet stream must not hold the watermark back).
 */
public final class EventTimeWatermarks {
    private EventTimeWatermarks() {}

    public static WatermarkStrategy<CanonicalEvent> strategy(JobConfig cfg) {
        long outOfOrderness = cfg.maxOutOfOrderness.toMillis();
        long maxJump = cfg.eventTimeMaxJump.toMillis();
        int confirmations = cfg.eventTimeConfirmations;
        return WatermarkStrategy.<CanonicalEvent>forGenerator(ctx -> new FrontierWatermarkGenerator(outOfOrderness, maxJump, confirmations))
                .withTimestampAssigner((event, previous) -> event.eventTime)
                .withIdleness(cfg.sourceIdleness);
    }
}
