package com.example.eum.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SmsPumpingRuleTest {
    private static final AlertKey COUNTRY = AlertKey.country("SMS", "SL", "");
    /** The account's norm: 0.01 USD per message. */
    private static final double NORM = 10_000;

    private final AlertEngine engine = new AlertEngine();
    private final AlertContext context = context();

    /**
     * No conversion spill: these windows step from 40 to 400 messages and back with conversions in proportion,
     * which real windows would not show (the last messages of a busy window convert in the next one).
     */
    private static AlertContext context() {
        AlertSettings settings = new AlertSettings();
        settings.conversionSpillShare = 0;
        return new AlertContext(settings.validated(), new RatePriors(settings), NORM);
    }

    /** 200 normal windows: 40 messages, 34 of 40 converted, 0 Protect recommendations, 0.01 USD each. */
    private KeyState established() {
        KeyState state = new KeyState();
        for (int w = 0; w < 200; w++) {
            assertThat(engine.observe(state, window(w, 40, 34, 6, 0, 10_000), context)).isEmpty();
        }
        return state;
    }

    private static WindowCounts window(int w, long messages, long converted, long feedbackFailed, long protect,
            long costPerMessage) {
        return WindowCounts.builder(COUNTRY, Traffic.start(w), Traffic.start(w) + Traffic.WINDOW).messages(messages)
                .delivered(messages).converted(converted).feedbackFailed(feedbackFailed).protectRecommended(protect)
                .spendMicros(messages * costPerMessage).build();
    }

    private static WindowCounts prefixWindow(AlertKey key, int w, long messages, long costPerMessage) {
        return WindowCounts.builder(key, Traffic.start(w), Traffic.start(w) + Traffic.WINDOW).messages(messages)
                .delivered(messages).spendMicros(messages * costPerMessage).build();
    }

    @Test
    void volumeAloneNeverFires() {
        KeyState state = established();
        // a viral launch: ten times the volume, conversion, Protect and cost all normal
        for (int w = 200; w < 260; w++) {
            assertThat(engine.observe(state, window(w, 400, 340, 60, 0, 10_000), context))
                    .filteredOn(a -> a.rule == AlertRule.SMS_PUMPING).isEmpty();
        }
    }

    @Test
    void volumeAndProtectTogetherFireAndEscalateToCriticalAtFiveDollars() {
        KeyState state = established();
        List<Alert> alerts = engine.observe(state, window(200, 400, 340, 60, 120, 10_000), context);
        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.rule).isEqualTo(AlertRule.SMS_PUMPING);
        assertThat(a.status).isEqualTo(AlertStatus.TRIGGERED);
        assertThat(a.severity).isEqualTo(Severity.WARNING); // 3.60 USD so far
        assertThat(a.verdict.signals).hasSize(2);
        assertThat(a.verdict.signals.get(0)).startsWith("volume: 400 messages vs 40.0 expected");
        assertThat(a.verdict.signals.get(1)).startsWith("protect: 120 of 400");
        // 360 excess messages at 0.01 USD
        assertThat(a.affectedMessages).isEqualTo(360);
        assertThat(a.excessCostMicros).isEqualTo(3_600_000L);
        // the next window brings the incident to 7.20 USD: escalated at once, not an hour later
        List<Alert> next = engine.observe(state, window(201, 400, 340, 60, 120, 10_000), context);
        assertThat(next).extracting(x -> x.status, x -> x.severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertStatus.UPDATED, Severity.CRITICAL));
        assertThat(next.get(0).excessCostMicros).isEqualTo(7_200_000L);
        assertThat(next.get(0).alertId).isNotEqualTo(a.alertId);
        assertThat(next.get(0).incidentId).isEqualTo(a.incidentId);
        // and stays quiet for the rest of the hour
        assertThat(engine.observe(state, window(202, 400, 340, 60, 120, 10_000), context)).isEmpty();
    }

    @Test
    void protectAloneOrCostAloneDoesNotFire() {
        KeyState state = established();
        assertThat(engine.observe(state, window(200, 40, 34, 6, 20, 10_000), context)).isEmpty();
        assertThat(engine.observe(state, window(201, 40, 34, 6, 0, 50_000), context)).isEmpty();
    }

    @Test
    void conversionCollapseAndProtectFireWithoutAVolumeSignal() {
        KeyState state = established();
        // same volume, nobody converts, Protect flags a third
        List<Alert> alerts = engine.observe(state, window(200, 40, 0, 40, 14, 10_000), context);
        assertThat(alerts).extracting(a -> a.rule).contains(AlertRule.SMS_PUMPING);
        Alert a = alerts.stream().filter(x -> x.rule == AlertRule.SMS_PUMPING).findFirst().orElseThrow();
        assertThat(a.verdict.signals).hasSize(2);
        assertThat(a.verdict.observed).isEqualTo(0.0);
        // no excess volume, no excess cost: a small incident does not page
        assertThat(a.severity).isEqualTo(Severity.WARNING);
    }

    @Test
    void aNewExpensivePrefixFiresButANewOrdinaryOneDoesNot() {
        AlertKey expensive = AlertKey.prefix("SMS", "SL", "+23279");
        KeyState state = new KeyState();
        List<Alert> alerts = engine.observe(state, prefixWindow(expensive, 0, 300, 90_000), context);
        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.verdict.signals.get(0)).isEqualTo("volume: 300 messages from a key with no history");
        assertThat(a.excessCostMicros).isEqualTo(300 * 90_000L);
        assertThat(a.severity).isEqualTo(Severity.CRITICAL);

        AlertKey ordinary = AlertKey.prefix("SMS", "US", "+1415");
        assertThat(engine.observe(new KeyState(), prefixWindow(ordinary, 0, 300, 10_000), context)).isEmpty();
    }

    @Test
    void anOpenIncidentHoldsWhileOneSignalRemainsAndResolvesAfterThreeQuietWindows() {
        KeyState state = established();
        assertThat(engine.observe(state, window(200, 400, 340, 60, 120, 10_000), context)).hasSize(1);
        // Protect stops flagging but the volume stays: one signal keeps it open (escalating once past 5 USD)
        for (int w = 201; w < 205; w++) {
            assertThat(engine.observe(state, window(w, 400, 340, 60, 0, 10_000), context))
                    .allMatch(a -> a.status == AlertStatus.UPDATED && a.severity == Severity.CRITICAL);
        }
        assertThat(state.open).containsKey(AlertRule.SMS_PUMPING);
        assertThat(engine.observe(state, window(205, 40, 34, 6, 0, 10_000), context)).isEmpty();
        assertThat(engine.observe(state, window(206, 40, 34, 6, 0, 10_000), context)).isEmpty();
        List<Alert> resolved = engine.observe(state, window(207, 40, 34, 6, 0, 10_000), context);
        assertThat(resolved).extracting(a -> a.status).containsExactly(AlertStatus.RESOLVED);
        // 360 excess messages in each of the 5 firing windows
        assertThat(resolved.get(0).affectedMessages).isEqualTo(5 * 360);
        assertThat(resolved.get(0).severity).isEqualTo(Severity.CRITICAL); // 18 USD in total
    }

    /**
     * Low and slow to a new prefix: 6 messages a window at 9 times the account's cost, none converting. One window
     * says nothing (6 messages: too few for the cost and conversion signals); the key's totals since it appeared do
     * by the second: 12 messages, 0 of 12 converted (Wilson upper bound 0.24, below half the 0.70 baseline), cost
     * 9x. A new prefix whose first windows hold a Protect flag or two among a few messages is judged on its totals
     * too: 2 of 3 flagged in one window is not a Protect signal once the key has sent 40.
     */
    @Test
    void lowAndSlowToANewPrefixFiresOnItsTotalsInTheSecondWindow() {
        AlertKey prefix = AlertKey.prefix("SMS", "SL", "+23279");
        context.priors.set(RatePriors.Kind.CONVERSION, "SL", 0.70);
        KeyState state = new KeyState();
        assertThat(engine.observe(state, slow(prefix, 0, 6, 0, 0), context)).isEmpty();
        List<Alert> alerts = engine.observe(state, slow(prefix, 1, 6, 0, 0), context);
        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.rule).isEqualTo(AlertRule.SMS_PUMPING);
        // the first window raised no signal and taught the baselines: conversion (200 × 0.70 + 0) / (200 + 6) = 0.680,
        // cost (50 × 0.01 + 6 × 0.09) / 56 = 0.0186 USD
        assertThat(a.verdict.signals).containsExactly(
                "conversion: 0 of 12 since the key appeared vs baseline 0.680",
                "cost: 0.0900 USD per message since the key appeared vs usual 0.0186");
        assertThat(a.estimatedStart).isEqualTo(Traffic.start(1));
        assertThat(a.excessCostMicros).isEqualTo(6 * 90_000L);

        AlertKey ordinary = AlertKey.prefix("SMS", "SL", "+23276");
        KeyState quiet = new KeyState();
        for (int w = 0; w < 6; w++) {
            assertThat(engine.observe(quiet, slow(ordinary, w, 6, 5, 0), context)).isEmpty();
        }
        assertThat(engine.observe(quiet, slow(ordinary, 6, 3, 3, 2), context)).isEmpty();
        assertThat(quiet.newKeyMessages).isEqualTo(39);
        assertThat(quiet.newKeyProtect).isEqualTo(2);
    }

    private static WindowCounts slow(AlertKey key, int w, long messages, long converted, long protect) {
        long cost = converted == 0 ? 90_000 : 10_000;
        return WindowCounts.builder(key, Traffic.start(w), Traffic.start(w) + Traffic.WINDOW).messages(messages)
                .feedbackTracked(messages).delivered(messages).converted(converted).protectRecommended(protect)
                .spendMicros(messages * cost).build();
    }
}
