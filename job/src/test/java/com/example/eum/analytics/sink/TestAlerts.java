package com.example.eum.analytics.sink;

import com.example.eum.analytics.alert.Alert;
import com.example.eum.analytics.alert.AlertContext;
import com.example.eum.analytics.alert.AlertEngine;
import com.example.eum.analytics.alert.AlertKey;
import com.example.eum.analytics.alert.AlertSettings;
import com.example.eum.analytics.alert.KeyState;
import com.example.eum.analytics.alert.RatePriors;
import com.example.eum.analytics.alert.WindowCounts;

import java.util.List;
import java.util.Map;

/** Real alerts for the SNS tests, raised by the alert engine from window counts (no hand-built Alert objects). */
final class TestAlerts {
    static final long WINDOW = 300_000L;
    static final long MONDAY = 1_793_577_600_000L;

    private TestAlerts() {}

    /** A carrier outage in Brazil: a CRITICAL DELIVERY_DROP with example message ids. */
    static Alert outage() {
        return deliveryDrop(AlertKey.carrier("SMS", "BR", "724-05"), "5d4c1b0e-8a1f-4a7e-9a52-4c1f0d2b6a0",
                Map.of("+5511", 60L, "+5521", 40L));
    }

    /**
     * The single alert the engine raises on {@code key} after 50 windows at 5% failed-final and one at 80%; the
     * failing window carries two example message ids ({@code idPrefix + 1}, {@code idPrefix + 2}).
     */
    static Alert deliveryDrop(AlertKey key, String idPrefix, Map<String, Long> contributors) {
        AlertSettings settings = new AlertSettings();
        AlertContext context = new AlertContext(settings, new RatePriors(settings), Double.NaN);
        AlertEngine engine = new AlertEngine();
        KeyState state = new KeyState();
        for (int w = 0; w < 50; w++) {
            engine.observe(state, WindowCounts.builder(key, MONDAY + w * WINDOW, MONDAY + (w + 1) * WINDOW)
                    .messages(100).delivered(95).failedFinal(5).spendMicros(100 * 12_000).build(), context);
        }
        List<Alert> alerts = engine.observe(state, WindowCounts.builder(key, MONDAY + 50 * WINDOW,
                MONDAY + 51 * WINDOW).messages(100).delivered(20).failedFinal(80).spendMicros(100 * 12_000)
                .exampleMessageIds(List.of(idPrefix + 1, idPrefix + 2))
                .contributors(contributors).build(), context);
        if (alerts.size() != 1) {
            throw new AssertionError("expected one alert on " + key + ", got " + alerts);
        }
        return alerts.get(0);
    }
}
