package com.example.eum.analytics.eventtime;

import com.example.eum.analytics.model.CanonicalEvent;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * The pipeline's watermark: bounded out-of-orderness behind an {@link EventTimeFrontier} instead of behind the
 * largest timestamp seen, so an isolated outlier cannot make every later record late. An event within
 * {@code maxJump} before its ingest (arrival) time moves the frontier at once (a live record); any other event moves
 * it only within {@code maxJump} of the frontier, or when {@code confirmations} events within {@code maxJump} of each
 * other agree on a new time. Watermark = frontier - out-of-orderness - 1 ms; none until the frontier is known.
 */
public final class FrontierWatermarkGenerator implements WatermarkGenerator<CanonicalEvent> {
    private static final EventTimeFrontier.Listener<Void> IGNORE = new EventTimeFrontier.Listener<>() {
        @Override
        public void released(Void item, long timestamp) {}

        @Override
        public void expired(Void item, long timestamp, String why) {}
    };

    private final EventTimeFrontier<Void> frontier;
    private final long maxJump;
    private final long outOfOrderness;
    private long emitted = Long.MIN_VALUE;

    public FrontierWatermarkGenerator(long outOfOrdernessMs, long maxJumpMs, int confirmations) {
        this.frontier = new EventTimeFrontier<>(maxJumpMs, confirmations);
        this.maxJump = maxJumpMs;
        this.outOfOrderness = outOfOrdernessMs;
    }

    @Override
    public void onEvent(CanonicalEvent event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp >= event.ingestTime - maxJump) {
            frontier.advance(eventTimestamp, IGNORE);
        } else {
            frontier.observe(eventTimestamp, null, IGNORE);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long f = frontier.frontier();
        if (f == EventTimeFrontier.UNKNOWN) {
            return;
        }
        long wm = f - outOfOrderness - 1;
        if (wm > emitted) {
            emitted = wm;
            output.emitWatermark(new Watermark(wm));
        }
    }

    /** The current frontier (for tests). */
    long frontier() {
        return frontier.frontier();
    }
}
