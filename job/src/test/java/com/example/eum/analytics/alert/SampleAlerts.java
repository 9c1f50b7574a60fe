package com.example.eum.analytics.alert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alerts with known values, for tests outside this package (sinks, serializers). */
public final class SampleAlerts {
    private SampleAlerts() {}

    /** A CRITICAL DELIVERY_DROP TRIGGERED on carrier 404-45 in IN, for the 5-minute window starting at {@code windowStart}. */
    public static Alert carrierOutage(long windowStart) {
        long end = windowStart + 300_000;
        Verdict v = new Verdict(AlertRule.DELIVERY_DROP, Verdict.State.FIRING, Severity.CRITICAL, Verdict.Unit.RATE,
                0.7, 0.05, 0.61, 0.78, 100, 65, 325_000L, windowStart - 300_000, 24.0,
                List.of("failed share 70.0% vs baseline 5.0%"));
        Map<String, Long> top = new LinkedHashMap<>();
        top.put("404-45", 100L);
        return new Alert(AlertRule.DELIVERY_DROP, AlertStatus.TRIGGERED, Severity.CRITICAL,
                AlertKey.carrier("SMS", "IN", "404-45"), windowStart, windowStart, end, windowStart - 300_000, end, v,
                65, 325_000L, top, List.of("m-1", "m-2"));
    }

    /** A WARNING SPEND_SURGE UPDATED on the account (no channel, no country, USD figures, no examples). */
    public static Alert accountSpendSurge(long windowStart) {
        long end = windowStart + 300_000;
        Verdict v = new Verdict(AlertRule.SPEND_SURGE, Verdict.State.FIRING, Severity.WARNING, Verdict.Unit.USD,
                120.5, 20.25, null, null, 4000, 3300, 100_250_000L, windowStart, 7.5, List.of("robust z 7.5"));
        return new Alert(AlertRule.SPEND_SURGE, AlertStatus.UPDATED, Severity.WARNING, AlertKey.account(),
                windowStart - 3_600_000, windowStart, end, windowStart - 3_600_000, end, v, 3300, 100_250_000L,
                Map.of(), List.of());
    }
}
