package com.example.eum.analytics.eventtime;

import com.example.eum.analytics.model.CanonicalEvent;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.example.eum.analytics.eventtime.Events.HOUR;
import static com.example.eum.analytics.eventtime.Events.MIN;
import static com.example.eum.analytics.eventtime.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The watermark generator alone, driven by hand: an isolated outlier never moves the watermark, a real gap does. */
class FrontierWatermarkGeneratorTest {
    private final FrontierWatermarkGenerator generator = new FrontierWatermarkGenerator(MIN, HOUR, 3);
    private final Recorder out = new Recorder();

    @Test
    void noWatermarkUntilEnoughEventsAgree() {
        event(T0);
        event(T0 + 5 * MIN);
        generator.onPeriodicEmit(out);
        assertThat(out.watermarks).isEmpty();
        event(T0 + 2 * MIN);
        generator.onPeriodicEmit(out);
        // the frontier is the confirmed group's latest event; bounded out-of-orderness behind it
        assertThat(out.watermarks).containsExactly(T0 + 4 * MIN - 1);
        event(T0 + 10 * MIN);
        generator.onPeriodicEmit(out);
        assertThat(out.watermarks).containsExactly(T0 + 4 * MIN - 1, T0 + 9 * MIN - 1);
    }

    @Test
    void anIsolatedOutlierDaysAheadDoesNotMoveTheWatermark() {
        start();
        event(T0 + Duration.ofDays(5).toMillis());
        event(T0 + 6 * HOUR);
        for (int i = 1; i <= 20; i++) {
            event(T0 + i * MIN);
        }
        generator.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(T0 + 20 * MIN - MIN - 1);
    }

    @Test
    void aFarPastOutlierAtTheStartDoesNotHoldTheFrontierBack() {
        event(T0 - Duration.ofDays(30).toMillis());
        event(T0);
        event(T0 + MIN);
        event(T0 + 2 * MIN);
        generator.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(T0 + MIN - 1);
    }

    @Test
    void aRealGapIsCrossedOnceEnoughEventsAgree() {
        start();
        long later = T0 + 3 * HOUR;
        event(later);
        event(later + MIN);
        generator.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(T0 + 2 * MIN - MIN - 1); // two events are not enough
        event(later + 2 * MIN);
        generator.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(later + 2 * MIN - MIN - 1);
    }

    @Test
    void aLiveRecordVouchedForByItsArrivalTimeMovesTheWatermarkAtOnce() {
        start();
        CanonicalEvent live = Events.event("live", T0 + 3 * HOUR, T0 + 3 * HOUR + 2_000);
        generator.onEvent(live, live.eventTime, out);
        generator.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(live.eventTime - MIN - 1);
    }

    @Test
    void theWatermarkNeverGoesBack() {
        start();
        event(T0 - 10 * MIN);
        generator.onPeriodicEmit(out);
        assertThat(out.watermarks).isSorted().doesNotHaveDuplicates();
    }

    private void start() {
        event(T0);
        event(T0 + MIN);
        event(T0 + 2 * MIN);
        generator.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(T0 + 2 * MIN - MIN - 1);
    }

    private void event(long t) {
        generator.onEvent(Events.replayed("e", t), t, out);
    }

    private static final class Recorder implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        long last() {
            return watermarks.get(watermarks.size() - 1);
        }
    }
}
