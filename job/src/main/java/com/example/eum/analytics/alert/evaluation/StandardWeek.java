package com.example.eum.analytics.alert.evaluation;

import com.example.eum.analytics.alert.AlertSettings;

import java.util.List;

/**
 * The standard labelled scenario: 8 days (the first 2 only teach the baselines) of OTP traffic in 8 countries
 * from 3 to 300 messages per 5-minute window on weekly average (about 250,000 messages a day in all), with one
 * incident of each class and two decoys. Run: {@code java ... alert.evaluation.StandardWeek [seed]}.
 */
public final class StandardWeek {
    /** Monday 2026-11-02 00:00 UTC. */
    static final long MONDAY = 1_793_577_600_000L;
    static final long H = AlertEvaluation.HOUR;
    static final long D = AlertEvaluation.DAY;

    private StandardWeek() {}

    public static List<CountryProfile> countries() {
        return List.of(
                new CountryProfile("US", 200, 0.85, 0.03, 0.005, 8_000, List.of("310-260", "310-410", "311-480"),
                        List.of(0.45, 0.35, 0.20)),
                new CountryProfile("IN", 300, 0.80, 0.06, 0.01, 2_500, List.of("404-45", "405-857", "404-10"),
                        List.of(0.40, 0.35, 0.25)),
                new CountryProfile("BR", 150, 0.82, 0.05, 0.01, 6_000, List.of("724-05", "724-06", "724-31"),
                        List.of(0.40, 0.35, 0.25)),
                new CountryProfile("GB", 60, 0.88, 0.02, 0.003, 35_000, List.of("234-10", "234-15", "234-30"),
                        List.of(0.40, 0.30, 0.30)),
                new CountryProfile("NG", 30, 0.70, 0.08, 0.02, 40_000, List.of("621-20", "621-30"), List.of(0.5, 0.5)),
                new CountryProfile("DE", 40, 0.87, 0.02, 0.003, 70_000, List.of("262-01", "262-02"), List.of(0.6, 0.4)),
                new CountryProfile("ID", 80, 0.75, 0.07, 0.01, 30_000, List.of("510-10", "510-11"), List.of(0.6, 0.4)),
                new CountryProfile("SL", 3, 0.70, 0.10, 0.02, 90_000, List.of("619-01"), List.of(1.0)));
    }

    public static List<Incident> incidents() {
        return List.of(
                new Incident(Incident.Kind.PUMPING_FAST, "NG", "621-20", null, MONDAY + 2 * D + 10 * H, MONDAY + 2 * D + 12 * H),
                new Incident(Incident.Kind.CARRIER_OUTAGE, "IN", "405-857", null, MONDAY + 3 * D + 14 * H, MONDAY + 3 * D + 15 * H),
                new Incident(Incident.Kind.COUNTRY_DELIVERY_DROP, "BR", null, null, MONDAY + 4 * D + 9 * H, MONDAY + 4 * D + 11 * H),
                new Incident(Incident.Kind.CONVERSION_DROP_20_PERCENT, "US", null, null, MONDAY + 4 * D + 13 * H, MONDAY + 4 * D + 17 * H),
                new Incident(Incident.Kind.CONVERSION_DROP_5_POINTS, "IN", null, null, MONDAY + 5 * D + 8 * H, MONDAY + 5 * D + 14 * H),
                new Incident(Incident.Kind.SPEND_SPIKE, "GB", null, null, MONDAY + 5 * D + 16 * H, MONDAY + 5 * D + 17 * H),
                new Incident(Incident.Kind.PUMPING_SLOW_NEW_PREFIX, "SL", null, "+23279", MONDAY + 6 * D + 3 * H, MONDAY + 6 * D + 11 * H),
                new Incident(Incident.Kind.DECOY_MARKETING_BLAST, "US", null, null, MONDAY + 3 * D + 18 * H, MONDAY + 3 * D + 19 * H),
                new Incident(Incident.Kind.DECOY_VIRAL_LAUNCH, "DE", null, null, MONDAY + 6 * D + 10 * H, MONDAY + 6 * D + 22 * H));
    }

    public static AlertEvaluation.Report run(long seed, AlertSettings settings) {
        return new AlertEvaluation(settings, countries(), incidents(), MONDAY, 8, seed).run();
    }

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 1L;
        System.out.print(run(seed, new AlertSettings()));
    }
}
