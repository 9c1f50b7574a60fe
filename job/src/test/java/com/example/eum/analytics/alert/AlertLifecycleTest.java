package com.example.eum.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** TRIGGERED once, UPDATED at most hourly, RESOLVED with hysteresis, flapping held open, stable dedup key. */
class AlertLifecycleTest {
    private static final AlertKey KEY = AlertKey.carrier("SMS", "BR", "724-05");

    private final AlertEngine engine = new AlertEngine();
    private final AlertContext context = Traffic.context();
    private final KeyState state = new KeyState();
    private int window;

    private List<Alert> run(long failed) {
        WindowCounts w = WindowCounts.builder(KEY, Traffic.start(window), Traffic.start(window) + Traffic.WINDOW)
                .messages(100).delivered(100 - failed).failedFinal(failed)
                .exampleMessageIds(List.of("m" + window)).contributors(java.util.Map.of("+5511900000000", 1L)).build();
        window++;
        return engine.observe(state, w, context);
    }

    private List<Alert> warmUp() {
        List<Alert> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.addAll(run(5));
        }
        return all;
    }

    @Test
    void oneTriggeredHourlyUpdatesAndAResolveAfterThreeClearWindows() {
        assertThat(warmUp()).isEmpty();
        List<Alert> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) { // 2.5 hours of outage
            all.addAll(run(80));
        }
        assertThat(all).extracting(a -> a.status).containsExactly(AlertStatus.TRIGGERED, AlertStatus.UPDATED,
                AlertStatus.UPDATED);
        assertThat(all.get(1).detectedAt - all.get(0).detectedAt).isEqualTo(3_600_000L);
        assertThat(all.get(2).detectedAt - all.get(1).detectedAt).isEqualTo(3_600_000L);
        assertThat(all).extracting(a -> a.dedupKey).containsOnly("DELIVERY_DROP:CARRIER/SMS/BR/-/724-05/-/-");
        assertThat(all).extracting(a -> a.incidentId).containsOnly(all.get(0).incidentId);
        assertThat(all).extracting(a -> a.alertId).doesNotHaveDuplicates();
        // recovery: the capped statistic (2 h = 24) falls by 1.67 per window of 5 failures in 100 (baseline 5%,
        // design 10%) to the clear bar 0.25 h = 3 after 13 windows; three clear windows later it resolves: 15
        // windows. The incident is still open after an hour of that, so one more UPDATED goes out on the way.
        List<Alert> after = new ArrayList<>();
        int windows = 0;
        while (state.open.containsKey(AlertRule.DELIVERY_DROP) && windows < 200) {
            after.addAll(run(5));
            windows++;
        }
        assertThat(windows).isEqualTo(15);
        assertThat(after).extracting(a -> a.status).containsExactly(AlertStatus.UPDATED, AlertStatus.RESOLVED);
        after.remove(0);
        assertThat(state.open).isEmpty();
        Alert resolved = after.get(0);
        assertThat(resolved.incidentId).isEqualTo(all.get(0).incidentId);
        // the examples come from the firing windows: 30 of outage and 12 of recovery above the clear bar
        assertThat(resolved.exampleMessageIds).hasSize(42).startsWith("m50", "m51").endsWith("m91");
        // contributors never carry raw numbers into the alert unless the caller put them there: the key cannot
        assertThat(resolved.key.id()).doesNotContain("+55");
    }

    @Test
    void resolveNeedsThreeConsecutiveClearWindows() {
        warmUp();
        assertThat(run(90)).extracting(a -> a.status).containsExactly(AlertStatus.TRIGGERED);
        // a long quiet stretch brings S under the clear bar; count the windows between "clear" and RESOLVED
        int clearFrom = -1;
        for (int i = 0; i < 200; i++) {
            boolean openBefore = !state.open.isEmpty();
            List<Alert> alerts = run(0);
            if (clearFrom < 0 && state.deliveryCusum.statistic() < context.settings.cusumClearFraction * 12) {
                clearFrom = window - 1;
            }
            if (openBefore && !alerts.isEmpty()) {
                assertThat(alerts).extracting(a -> a.status).containsExactly(AlertStatus.RESOLVED);
                assertThat(window - 1 - clearFrom).as("clear windows before RESOLVED, counting from the first")
                        .isEqualTo(2);
                return;
            }
        }
        throw new AssertionError("never resolved");
    }

    @Test
    void aFlappingKeyIsHeldOpenInsteadOfRetriggering() {
        AlertSettings settings = context.settings;
        KeyState s = new KeyState();
        AlertKey key = AlertKey.account();
        List<Alert> all = new ArrayList<>();
        // drive the lifecycle directly: firing, clear, firing, clear ... with 2 clear windows between firings
        java.util.Map<AlertRule, AlertLifecycle> open = s.open;
        int w = 0;
        for (int cycle = 0; cycle < 4; cycle++) {
            all.add(AlertLifecycle.step(open, key, window(key, w++), verdict(Verdict.State.FIRING), settings));
            all.add(AlertLifecycle.step(open, key, window(key, w++), verdict(Verdict.State.QUIET), settings));
            all.add(AlertLifecycle.step(open, key, window(key, w++), verdict(Verdict.State.QUIET), settings));
        }
        all.removeIf(java.util.Objects::isNull);
        assertThat(all).extracting(a -> a.status).containsExactly(AlertStatus.TRIGGERED);
        // flipped back to firing 3 times (flappingFlips): held open until 12 clear windows
        for (int i = 0; i < 9; i++) {
            assertThat(AlertLifecycle.step(open, key, window(key, w++), verdict(Verdict.State.QUIET), settings)).isNull();
        }
        Alert resolved = AlertLifecycle.step(open, key, window(key, w), verdict(Verdict.State.QUIET), settings);
        assertThat(resolved.status).isEqualTo(AlertStatus.RESOLVED);
        assertThat(open).isEmpty();
    }

    @Test
    void dedupKeyIsStableAcrossIncidentsAndAlertIdsAreDeterministic() {
        List<String> first = incidents();
        List<String> again = incidents();
        assertThat(first).isEqualTo(again);
        assertThat(first.get(0)).isEqualTo(first.get(2)); // same dedup key, two incidents
        assertThat(first.get(1)).isNotEqualTo(first.get(3)); // different incident ids
    }

    /** dedup key, incident id and alert id of two incidents on one key, separated by a full resolve. */
    private static List<String> incidents() {
        AlertSettings settings = new AlertSettings();
        java.util.Map<AlertRule, AlertLifecycle> open = new java.util.EnumMap<>(AlertRule.class);
        AlertKey key = AlertKey.account();
        List<String> out = new ArrayList<>();
        int w = 0;
        for (int incident = 0; incident < 2; incident++) {
            Alert t = AlertLifecycle.step(open, key, window(key, w++), verdict(Verdict.State.FIRING), settings);
            out.add(t.dedupKey);
            out.add(t.incidentId);
            for (int i = 0; i < 3; i++) {
                AlertLifecycle.step(open, key, window(key, w++), verdict(Verdict.State.QUIET), settings);
            }
            assertThat(open).isEmpty();
        }
        return out;
    }

    private static WindowCounts window(AlertKey key, int w) {
        return WindowCounts.builder(key, Traffic.start(w), Traffic.start(w) + Traffic.WINDOW).messages(1).build();
    }

    private static Verdict verdict(Verdict.State state) {
        return new Verdict(AlertRule.SPEND_SURGE, state, Severity.WARNING, Verdict.Unit.USD, 100.0, 10.0, null, null,
                1, 1, 90_000_000L, 0, 7.0, List.of("test"));
    }
}
