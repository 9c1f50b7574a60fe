package com.example.eum.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class BaselinesTest {
    private static final long DAY = 86_400_000L;
    private static final long HALF_LIFE = 7 * DAY;

    @Test
    void aRateStartsAtItsPriorAndMovesToTheKeysOwnHistory() {
        RateBaseline b = new RateBaseline();
        assertThat(b.estimate(0.85, 200)).isEqualTo(0.85);
        b.learn(120, 200, Traffic.MONDAY, HALF_LIFE); // 60% over 200 outcomes: half prior, half own
        assertThat(b.estimate(0.85, 200)).isCloseTo(0.725, offset(1e-12));
        b.learn(5_400, 9_000, Traffic.MONDAY, HALF_LIFE); // 9,200 own outcomes at 60%
        assertThat(b.estimate(0.85, 200)).isCloseTo((200 * 0.85 + 5_520) / 9_400.0, offset(1e-12));
    }

    @Test
    void oldHistoryHalvesEveryHalfLife() {
        RateBaseline b = new RateBaseline();
        b.learn(100, 100, Traffic.MONDAY, HALF_LIFE); // 100% a week ago
        b.learn(0, 100, Traffic.MONDAY + HALF_LIFE, HALF_LIFE); // 0% now: old weighs 50, new 100
        assertThat(b.trials()).isCloseTo(150, offset(1e-9));
        assertThat(b.estimate(0.5, 1e-9)).isCloseTo(50 / 150.0, offset(1e-6));
    }

    @Test
    void volumeUsesHourOfDayFirstAndHourOfWeekOnceItHasAWeek() {
        AlertSettings s = new AlertSettings();
        VolumeBaseline v = new VolumeBaseline();
        long window = 5 * 60_000L;
        // weekdays 100 per window, weekends 20, from Monday 00:00 for 8 days
        for (long t = Traffic.MONDAY; t < Traffic.MONDAY + 8 * DAY; t += window) {
            assertThat(v.expected(t, s)).as("no baseline before 12 windows").matches(e -> v.windows() >= 12 || e.isNaN());
            int day = (int) ((t - Traffic.MONDAY) / DAY);
            v.learn(day % 7 >= 5 ? 20 : 100, t);
        }
        long nextSaturdayNoon = Traffic.MONDAY + 12 * DAY + DAY / 2;
        long nextTuesdayNoon = Traffic.MONDAY + 8 * DAY + DAY / 2;
        assertThat(v.expected(nextSaturdayNoon, s)).isCloseTo(20, offset(0.5));
        assertThat(v.expected(nextTuesdayNoon, s)).isCloseTo(100, offset(0.5));

        // before a week of history, the hour-of-day profile: Saturday is not known to be quiet yet
        VolumeBaseline young = new VolumeBaseline();
        for (long t = Traffic.MONDAY; t < Traffic.MONDAY + 3 * DAY; t += window) {
            young.learn(100, t);
        }
        assertThat(young.expected(Traffic.MONDAY + 5 * DAY + DAY / 2, s)).isCloseTo(100, offset(0.5));
    }

    @Test
    void medianAndMadIgnoreOneWildValue() {
        RobustBaseline b = new RobustBaseline(5);
        for (long v : new long[] {10, 12, 11, 1_000_000, 13}) {
            b.learn(v);
        }
        assertThat(b.median()).isEqualTo(12.0);
        assertThat(b.mad()).isEqualTo(1.0); // deviations 2, 0, 1, 999988, 1
        b.learn(14); // the ring drops the oldest (10)
        assertThat(b.median()).isEqualTo(13.0);
    }

    @Test
    void baselinesDoNotLearnDuringAnIncidentButAcceptANewLevelAfterTheFreeze() {
        AlertEngine engine = new AlertEngine();
        AlertContext context = Traffic.context();
        context.priors.set(RatePriors.Kind.CONVERSION, "US", 0.85);
        AlertKey key = AlertKey.origination("SMS", "US", "+18005550100");
        KeyState state = new KeyState();
        int w = 0;
        for (; w < 100; w++) {
            engine.observe(state, counts(key, w, 85), context);
        }
        // 0.8513: the key's first window has no previous one, so its conversions count against 85% of its
        // messages (the rest would convert in the next window)
        assertThat(state.conversionRate(context, key)).isCloseTo(0.8513, offset(1e-4));
        // conversion falls to 50% for 20 hours: the incident opens and the baseline holds at 85%
        for (; w < 100 + 240; w++) {
            engine.observe(state, counts(key, w, 50), context);
        }
        assertThat(state.hasOpenIncident()).isTrue();
        assertThat(state.conversionRate(context, key)).isCloseTo(0.8513, offset(1e-4));
        // past the 24 h freeze the new level is learned
        for (; w < 100 + 24 * 12 + 24; w++) {
            engine.observe(state, counts(key, w, 50), context);
        }
        assertThat(state.conversionRate(context, key)).isLessThan(0.84);
    }

    private static WindowCounts counts(AlertKey key, int w, long convertedOf100) {
        return WindowCounts.builder(key, Traffic.start(w), Traffic.start(w) + Traffic.WINDOW).messages(100)
                .delivered(100).converted(convertedOf100).feedbackFailed(100 - convertedOf100).build();
    }
}
