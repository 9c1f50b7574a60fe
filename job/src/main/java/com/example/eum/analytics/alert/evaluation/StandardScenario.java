package com.example.eum.analytics.alert.evaluation;

import com.example.eum.analytics.alert.AlertSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The standard labelled scenario of {@code bin/engagement-analytics evaluate-alerts}: OTP traffic in 20 countries
 * from 3 messages an hour (weekly average) to 4,800 an hour (11,000 at the afternoon peak), 1 to 3 carriers each,
 * starting on a Monday; from the second day on, seeded incidents of every class and two kinds of decoy, at least 6
 * hours apart within a country. The seed draws the incidents' countries, carriers and times, and the traffic.
 */
public final class StandardScenario {
    /** Monday 2026-11-02 00:00 UTC. */
    public static final long MONDAY = 1_793_577_600_000L;
    static final long H = AlertEvaluation.HOUR;
    static final long D = AlertEvaluation.DAY;
    static final long MINUTE = 60_000L;
    /** Incidents in one country are at least this far apart (so an alert is matched to one of them). */
    static final long SEPARATION = 6 * H;

    private StandardScenario() {}

    public static List<CountryProfile> countries() {
        return List.of(
                country("US", 400, 0.85, 0.03, 0.005, 8_000, "310-260", "310-410", "311-480"),
                country("IN", 350, 0.80, 0.06, 0.01, 2_500, "404-45", "405-857", "404-10"),
                country("BR", 200, 0.82, 0.05, 0.01, 6_000, "724-05", "724-06", "724-31"),
                country("ID", 120, 0.75, 0.07, 0.01, 30_000, "510-10", "510-11"),
                country("MX", 80, 0.80, 0.05, 0.01, 25_000, "334-020", "334-030"),
                country("GB", 60, 0.88, 0.02, 0.003, 35_000, "234-10", "234-15", "234-30"),
                country("DE", 40, 0.87, 0.02, 0.003, 70_000, "262-01", "262-02"),
                country("FR", 30, 0.86, 0.02, 0.003, 60_000, "208-01", "208-10"),
                country("NG", 30, 0.70, 0.08, 0.02, 40_000, "621-20", "621-30"),
                country("PH", 25, 0.78, 0.06, 0.01, 20_000, "515-02", "515-03"),
                country("VN", 15, 0.76, 0.06, 0.01, 40_000, "452-01", "452-04"),
                country("ZA", 10, 0.80, 0.05, 0.01, 20_000, "655-01", "655-10"),
                country("KE", 6, 0.75, 0.06, 0.01, 25_000, "639-02", "639-03"),
                country("EG", 4, 0.72, 0.07, 0.01, 30_000, "602-01", "602-02"),
                country("PK", 2.5, 0.70, 0.08, 0.02, 35_000, "410-01"),
                country("BD", 1.5, 0.72, 0.07, 0.01, 30_000, "470-01"),
                country("NP", 0.8, 0.70, 0.08, 0.02, 60_000, "429-01"),
                country("SL", 0.4, 0.70, 0.10, 0.02, 90_000, "619-01"),
                country("MW", 0.25, 0.70, 0.10, 0.02, 80_000, "650-01"),
                country("TL", 0.25, 0.70, 0.10, 0.02, 100_000, "514-02"));
    }

    /** Carriers' shares: 45/35/20 of three, 60/40 of two, all of one. */
    private static CountryProfile country(String code, double perWindow, double conversion, double failure,
            double protect, long costMicros, String... carriers) {
        List<Double> shares = carriers.length == 3 ? List.of(0.45, 0.35, 0.20)
                : carriers.length == 2 ? List.of(0.6, 0.4) : List.of(1.0);
        return new CountryProfile(code, perWindow, conversion, failure, protect, costMicros, List.of(carriers), shares);
    }

    /**
     * Incidents for a run of {@code days} from {@link #MONDAY}: {@code perClass} of each class and of each decoy,
     * placed by {@code seed} from the second day on. Eligibility (documented in the README): a carrier outage on a
     * carrier of at least 3 messages per window (36 an hour) on weekly average; a 20% conversion drop where the
     * country sends at least 250 OTPs an hour through the first 90 minutes of the drop; a spend spike in daytime
     * on a country spending at least 1.5 USD per window on average; a marketing blast on a country of at least 20
     * messages per window; anything else anywhere.
     */
    public static List<Incident> incidents(int days, int perClass, long seed) {
        Random random = new Random(seed * 7919 + 17);
        List<CountryProfile> countries = countries();
        List<Incident> out = new ArrayList<>();
        for (Incident.Kind kind : Incident.Kind.values()) {
            for (int n = 0; n < perClass; n++) {
                Incident inc = null;
                for (int attempt = 0; attempt < 10_000 && inc == null; attempt++) {
                    inc = candidate(kind, countries, days, out.size(), random);
                    if (inc != null && conflicts(inc, out)) {
                        inc = null;
                    }
                }
                if (inc != null) {
                    out.add(inc);
                }
            }
        }
        return out;
    }

    private static Incident candidate(Incident.Kind kind, List<CountryProfile> countries, int days, int index,
            Random random) {
        long duration = duration(kind);
        long earliest = MONDAY + D;
        long latest = MONDAY + days * D - duration - AlertEvaluation.GRACE;
        if (latest <= earliest) {
            return null;
        }
        long start = earliest + (long) (random.nextDouble() * (latest - earliest)) / (5 * MINUTE) * (5 * MINUTE);
        CountryProfile c = countries.get(random.nextInt(countries.size()));
        int carrierIndex = random.nextInt(c.carriers.size());
        String carrier = null;
        String prefix = null;
        switch (kind) {
            case PUMPING_FAST:
                carrier = c.carriers.get(carrierIndex);
                break;
            case PUMPING_SLOW_NEW_PREFIX:
                prefix = "+99" + (100 + index);
                break;
            case CARRIER_OUTAGE:
                if (c.messagesPerWindow * c.shares.get(carrierIndex) < 3) {
                    return null;
                }
                carrier = c.carriers.get(carrierIndex);
                break;
            case CONVERSION_DROP_20_PERCENT:
                for (long t = start; t <= start + 90 * MINUTE; t += 5 * MINUTE) {
                    if (c.messagesPerWindow * AlertEvaluation.season(t) * 12 < 250) {
                        return null;
                    }
                }
                break;
            case SPEND_SPIKE:
                if (c.messagesPerWindow * c.costMicros < 1_500_000 || AlertEvaluation.season(start) < 0.8) {
                    return null;
                }
                break;
            case DECOY_MARKETING_BLAST:
                if (c.messagesPerWindow < 20) {
                    return null;
                }
                break;
            default:
                break;
        }
        return new Incident(kind, c.code, carrier, prefix, start, start + duration);
    }

    static long duration(Incident.Kind kind) {
        switch (kind) {
            case PUMPING_FAST:
            case CARRIER_OUTAGE:
            case SPEND_SPIKE:
            case DECOY_MARKETING_BLAST:
                return H;
            case COUNTRY_DELIVERY_DROP:
                return 2 * H;
            case CONVERSION_DROP_20_PERCENT:
                return 4 * H;
            case CONVERSION_DROP_5_POINTS:
                return 6 * H;
            case PUMPING_SLOW_NEW_PREFIX:
                return 8 * H;
            default:
                return 12 * H; // viral launch
        }
    }

    private static boolean conflicts(Incident inc, List<Incident> placed) {
        for (Incident o : placed) {
            if (o.country.equals(inc.country) && inc.start < o.end + SEPARATION && o.start < inc.end + SEPARATION) {
                return true;
            }
        }
        return false;
    }

    /** One seed of the standard scenario over {@code days} days, {@code perClass} incidents of each class. */
    public static AlertEvaluation.Report run(long seed, int days, int perClass, AlertSettings settings,
            AlertEvaluation.Progress progress) {
        return new AlertEvaluation(settings, countries(), incidents(days, perClass, seed), MONDAY, days, seed)
                .run(progress);
    }
}
