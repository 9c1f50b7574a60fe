package com.example.eum.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SpendSurgeRuleTest {
    private static final AlertKey ACCOUNT = AlertKey.account();
    private static final int PER_DAY = 288;

    private final AlertEngine engine = new AlertEngine();
    private final AlertContext context = Traffic.context();

    /** Messages per window following a day curve: 0.4x at night to 1.6x in the afternoon of 100. */
    private static double diurnal(int w) {
        double hour = (w % PER_DAY) / 12.0;
        return 100 * (1 + 0.6 * Math.sin((hour - 9) / 24 * 2 * Math.PI));
    }

    /** A window of about {@code diurnal(w)} messages at 0.20 USD each (so 8 to 32 USD per window). */
    private static WindowCounts window(Traffic t, int w, double multiplier) {
        long messages = t.poisson(diurnal(w) * multiplier);
        return WindowCounts.builder(ACCOUNT, Traffic.start(w), Traffic.start(w) + Traffic.WINDOW).messages(messages)
                .delivered(messages).spendMicros(messages * 200_000).build();
    }

    @Test
    void sevenDaysOfDiurnalSpendRaiseNothing() {
        Traffic t = new Traffic(3);
        KeyState state = new KeyState();
        List<Alert> alerts = new ArrayList<>();
        for (int w = 0; w < 7 * PER_DAY; w++) {
            alerts.addAll(engine.observe(state, window(t, w, 1.0), context));
        }
        assertThat(alerts).isEmpty();
    }

    @Test
    void aTenfoldSpikeFiresWithTheExcessInDollars() {
        Traffic t = new Traffic(4);
        KeyState state = new KeyState();
        for (int w = 0; w < 2 * PER_DAY; w++) {
            assertThat(engine.observe(state, window(t, w, 1.0), context)).isEmpty();
        }
        int w = 2 * PER_DAY + 15 * 12; // 15:00, the daily peak: about 160 messages, 32 USD expected
        WindowCounts spike = window(t, w, 10.0);
        List<Alert> alerts = engine.observe(state, spike, context);
        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.rule).isEqualTo(AlertRule.SPEND_SURGE);
        assertThat(a.verdict.unit).isEqualTo(Verdict.Unit.USD);
        assertThat(a.verdict.observed).isEqualTo(spike.spendMicros / 1e6);
        assertThat(a.verdict.baseline).as("expected USD at the peak").isBetween(26.0, 38.0);
        double excessUsd = a.excessCostMicros / 1e6;
        assertThat(excessUsd).isCloseTo(spike.spendMicros / 1e6 - a.verdict.baseline,
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(a.severity).as("about 290 USD excess: WARNING (50) but not CRITICAL (500)")
                .isEqualTo(Severity.WARNING);
    }

    @Test
    void aSmallKeyDoesNotAlertOnAFewDollars() {
        KeyState state = new KeyState();
        AlertKey country = AlertKey.country("SMS", "IS", "");
        for (int w = 0; w < 400; w++) {
            engine.observe(state, WindowCounts.builder(country, Traffic.start(w), Traffic.start(w + 1)).messages(2)
                    .delivered(2).spendMicros(100_000).build(), context);
        }
        // 50 times the usual spend, but 4.90 USD of excess: below the 10 USD floor
        assertThat(engine.observe(state, WindowCounts.builder(country, Traffic.start(400), Traffic.start(401))
                .messages(2).delivered(2).spendMicros(5_000_000).build(), context)).isEmpty();
    }
}
