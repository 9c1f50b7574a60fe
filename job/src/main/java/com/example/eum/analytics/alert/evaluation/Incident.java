package com.example.eum.analytics.alert.evaluation;

import com.example.eum.analytics.alert.AlertRule;

/** One labelled incident (or decoy) of a synthetic scenario: what, where, from when to when (event time). */
public final class Incident {
    /** Incident classes, with the rule that should catch them; decoys have none and must raise nothing critical. */
    public enum Kind {
        /** Fast pumping on one carrier: +6x its average volume (at least 30 per window), nobody converts, Protect flags 40%, 6x cost. */
        PUMPING_FAST(AlertRule.SMS_PUMPING),
        /** Low and slow pumping to a prefix with no history: 6 messages per window (72 an hour) at 8x cost, nobody converts. */
        PUMPING_SLOW_NEW_PREFIX(AlertRule.SMS_PUMPING),
        /** One carrier fails 70% of its messages. */
        CARRIER_OUTAGE(AlertRule.DELIVERY_DROP),
        /** Every carrier of a country fails 35%. */
        COUNTRY_DELIVERY_DROP(AlertRule.DELIVERY_DROP),
        /** OTP conversion falls 20% (relative). */
        CONVERSION_DROP_20_PERCENT(AlertRule.CONVERSION_DROP),
        /** OTP conversion falls 5 points. */
        CONVERSION_DROP_5_POINTS(AlertRule.CONVERSION_DROP),
        /** Cost per message 8x (e.g. a template grown to many parts) at normal volume. */
        SPEND_SPIKE(AlertRule.SPEND_SURGE),
        /** Decoy: 6x volume for an hour, everything else normal. */
        DECOY_MARKETING_BLAST(null),
        /** Decoy: 3x volume for half a day, everything else normal. */
        DECOY_VIRAL_LAUNCH(null);

        public final AlertRule expectedRule;

        Kind(AlertRule expectedRule) {
            this.expectedRule = expectedRule;
        }

        public boolean decoy() {
            return expectedRule == null;
        }
    }

    public final Kind kind;
    public final String country;
    /** The carrier ({@code mcc-mnc}) for carrier incidents, else empty. */
    public final String carrier;
    /** The destination prefix for prefix incidents, else empty. */
    public final String prefix;
    public final long start;
    public final long end;

    public Incident(Kind kind, String country, String carrier, String prefix, long start, long end) {
        this.kind = kind;
        this.country = country;
        this.carrier = carrier == null ? "" : carrier;
        this.prefix = prefix == null ? "" : prefix;
        this.start = start;
        this.end = end;
    }

    boolean activeAt(long time) {
        return time >= start && time < end;
    }

    @Override
    public String toString() {
        return kind + " " + country + (carrier.isEmpty() ? "" : "/" + carrier) + (prefix.isEmpty() ? "" : "/" + prefix)
                + " at " + java.time.Instant.ofEpochMilli(start);
    }
}
