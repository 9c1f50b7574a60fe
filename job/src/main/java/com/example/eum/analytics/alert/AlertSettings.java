package com.example.eum.analytics.alert;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every threshold of the alert rules, typed, with its default (one place; schemas/alerts.md explains each).
 * {@link #validate()} lists what is wrong in words that name the fix.
 */
public final class AlertSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    // --- baselines ---------------------------------------------------------------------------------
    /** Weight of the prior (country or global rate) in pseudo-outcomes; the key's own history outweighs it as it grows. */
    public double priorStrength = 200;
    /** Half-life of a key's own rate history (older outcomes count less). */
    public Duration historyHalfLife = Duration.ofDays(7);
    /** Global prior conversion rate (conversions over feedback-tracked messages), used where no country prior is known. */
    public double defaultConversionRate = 0.80;
    /** Global prior failed-final share of decided outcomes. */
    public double defaultFailureRate = 0.05;
    /** Global prior share of messages Protect recommends blocking. */
    public double defaultProtectRate = 0.01;
    /** Hour-of-week seasonality is used once a key has this much history (hour-of-day before that). */
    public Duration seasonalityAfter = Duration.ofDays(7);
    /** A volume bucket (hour of day or hour of week) is used once it has seen this many windows. */
    public int minBucketWindows = 3;
    /** Windows of spend history kept per key for the median/MAD baseline. */
    public int spendHistoryWindows = 288;
    /**
     * Spend history starts once the key's volume profile has this many windows (a day of 5-minute windows), so
     * that spend is compared across the day on a seasonally adjusted scale from its first value.
     */
    public int spendAfterVolumeWindows = 288;
    /** SPEND_SURGE stays silent until the key has this many windows of spend history. */
    public int spendMinHistoryWindows = 24;
    /** A key with fewer windows of volume history than this is new: its volume has no baseline yet. */
    public int volumeMinHistoryWindows = 12;
    /** While an incident lasts the baselines do not learn, for at most this long (then the new level is accepted). */
    public Duration maxLearningFreeze = Duration.ofHours(24);
    /**
     * A key with fewer outcomes of its own history than this (decayed) is young: its baselines are still mostly the
     * prior (a global or country rate that may not be this key's normal), so CONVERSION_DROP and DELIVERY_DROP fire on
     * it only at CRITICAL severity, and it keeps learning from windows below that.
     */
    public double warmupOutcomes = 1000;

    // --- CONVERSION_DROP ----------------------------------------------------------------------------
    /** The relative conversion drop the CUSUM is designed to detect fastest (0.06: 85% to 80%). */
    public double conversionDesignDrop = 0.06;
    /**
     * CUSUM decision threshold h (log-likelihood ratio): at 12, 85% to 80% is detected after about 1,300 outcomes and
     * a key steady at 85% false-alarms far less than once per 10 million outcomes (ConversionDropRuleTest measures
     * both). 9 gave 0.4 false warnings per simulated day in evaluate-alerts (large keys, a baseline learned from
     * noisy windows); 12 gave none over 40 days while a 20% drop at 250 OTPs an hour is still found within 90 minutes.
     */
    public double conversionThreshold = 12.0;
    /**
     * Share of a window's conversions that belong to the previous window's messages (the last seconds of a window
     * convert in the next one: a conversion comes a receipt plus about 25 s after the request). The window's
     * conversions are counted against its tracked messages blended with the previous window's by this share.
     * Given for 5-minute windows (the job's default); other window lengths scale it, see {@link #conversionSpill}.
     */
    public double conversionSpillShare = 0.15;
    /** A run whose observed conversion is this much (relative) below baseline is CRITICAL. */
    public double conversionCriticalDrop = 0.20;
    /** Fewest tracked messages in the run before the rule may fire. */
    public int conversionMinOutcomes = 30;

    // --- DELIVERY_DROP ------------------------------------------------------------------------------
    /** The absolute rise of the failed-final share the CUSUM is designed to detect fastest. */
    public double deliveryDesignIncrease = 0.05;
    /**
     * CUSUM decision threshold h for failures: at 12 an outage (70% failing on a 5% baseline) fires within 30
     * outcomes, 5% to 10% within about 650, and a key steady at 5% false-alarms about once per 10 million outcomes.
     */
    public double deliveryThreshold = 12.0;
    /** A failed share this far (absolute) above baseline is an outage: CRITICAL. */
    public double deliveryCriticalIncrease = 0.20;
    /** Fewest decided outcomes in the run before the rule may fire. */
    public int deliveryMinOutcomes = 20;

    // --- both CUSUMs --------------------------------------------------------------------------------
    /** An open CUSUM alert clears when the statistic falls below this fraction of its threshold. */
    public double cusumClearFraction = 0.25;
    /**
     * A window with the statistic at or above this fraction of its threshold is suspect: the baselines do not learn
     * from it. Too low a fraction biases the baseline (a large key's noise often lifts S that far, and only its worse
     * windows would be left out).
     */
    public double cusumSuspectFraction = 0.5;
    /** The statistic is capped at this multiple of its threshold, so recovery is seen within bounded volume. */
    public double cusumCapFactor = 2.0;
    /** z of the Wilson intervals reported and used by the guards (1.96: 95%). */
    public double wilsonZ = 1.96;

    // --- SMS_PUMPING --------------------------------------------------------------------------------
    /** Volume signal: messages at least this multiple of the expected volume ... */
    public double pumpingVolumeFactor = 3.0;
    /** ... and at least this many Poisson standard deviations above it ... */
    public double pumpingVolumeZ = 5.0;
    /** ... and at least this many messages in the window. */
    public long pumpingMinMessages = 30;
    /** Volume signal of a key with no volume history (a new country or prefix): at least this many messages. */
    public long pumpingNewKeyMessages = 20;
    /** Conversion signal: the Wilson upper bound of the window's conversion below this fraction of baseline. */
    public double pumpingConversionCollapse = 0.5;
    /** Conversion signal needs at least this many tracked messages in the window. */
    public long pumpingMinFeedbackOutcomes = 10;
    /** Protect signal: Wilson lower bound of the recommended share above this multiple of baseline ... */
    public double pumpingProtectFactor = 3.0;
    /** ... and at least this much (absolute) above it. */
    public double pumpingProtectMinIncrease = 0.05;
    /**
     * Cost signal: cost per message above this multiple of the key's usual cost (its own history shrunk toward the
     * account's norm; a new key: the account's norm), with at least 10 messages.
     */
    public double pumpingCostFactor = 2.0;
    /** How many signals must agree (volume alone never fires, whatever this says). */
    public int pumpingMinSignals = 2;
    /** A pumping incident is CRITICAL once its excess cost (in one window or in total) reaches this; WARNING before. */
    public double pumpingCriticalExcessUsd = 5.0;

    // --- SPEND_SURGE --------------------------------------------------------------------------------
    /** Robust z: (spend - median) / (1.4826 MAD), seasonally adjusted, at least this. */
    public double spendRobustZ = 6.0;
    /** ... and an excess over the median of at least this many USD in the window (INFO). */
    public double spendMinExcessUsd = 10.0;
    /** Excess of at least this many USD is WARNING. */
    public double spendWarningExcessUsd = 50.0;
    /** Excess of at least this many USD is CRITICAL. */
    public double spendCriticalExcessUsd = 500.0;

    // --- lifecycle ----------------------------------------------------------------------------------
    /** An open incident is re-sent as UPDATED at most this often (event time). */
    public Duration updateInterval = Duration.ofHours(1);
    /** An incident resolves after this many consecutive clear windows. */
    public int resolveAfterClearWindows = 3;
    /** An incident that went clear-then-firing this many times is flapping ... */
    public int flappingFlips = 3;
    /** ... and is held open until this many consecutive clear windows. */
    public int flappingClearWindows = 12;
    /** Example message ids kept per incident (the issue asks for 10 to 50). */
    public int maxExampleMessageIds = 50;
    /** Top contributors (carriers, origination ids) listed per alert. */
    public int maxContributors = 5;

    /**
     * The spill share for windows of {@code windowMillis}: the conversions that cross a window's end take about the
     * same time whatever the window's length, so their share grows as windows shrink ({@link #conversionSpillShare}
     * x 5 minutes / the window's length, at most 0.9; a 1-minute window of a local run spills 0.75).
     */
    public double conversionSpill(long windowMillis) {
        if (windowMillis <= 0) {
            return conversionSpillShare;
        }
        return Math.min(0.9, conversionSpillShare * 300_000.0 / windowMillis);
    }

    /** Problems with these settings, each naming the setting and the fix; empty when valid. */
    public List<String> validate() {
        List<String> errors = new ArrayList<>();
        positive(errors, "priorStrength", priorStrength);
        positiveDuration(errors, "historyHalfLife", historyHalfLife);
        probability(errors, "defaultConversionRate", defaultConversionRate);
        probability(errors, "defaultFailureRate", defaultFailureRate);
        probability(errors, "defaultProtectRate", defaultProtectRate);
        positiveDuration(errors, "seasonalityAfter", seasonalityAfter);
        positiveDuration(errors, "maxLearningFreeze", maxLearningFreeze);
        if (!(warmupOutcomes >= 0)) {
            errors.add("warmupOutcomes must be at least 0 (outcomes; 0 = no warm-up): " + warmupOutcomes);
        }
        positiveDuration(errors, "updateInterval", updateInterval);
        atLeast(errors, "minBucketWindows", minBucketWindows, 1);
        atLeast(errors, "spendHistoryWindows", spendHistoryWindows, 3);
        atLeast(errors, "spendAfterVolumeWindows", spendAfterVolumeWindows, 0);
        if (spendMinHistoryWindows > spendHistoryWindows) {
            errors.add("spendMinHistoryWindows (" + spendMinHistoryWindows + ") must not exceed spendHistoryWindows ("
                    + spendHistoryWindows + "): lower it or keep more history");
        }
        probability(errors, "conversionDesignDrop", conversionDesignDrop);
        positive(errors, "conversionThreshold", conversionThreshold);
        probability(errors, "conversionCriticalDrop", conversionCriticalDrop);
        if (!(conversionSpillShare >= 0 && conversionSpillShare < 1)) {
            errors.add("conversionSpillShare must be at least 0 and below 1 (a share of conversions): "
                    + conversionSpillShare);
        }
        probability(errors, "deliveryDesignIncrease", deliveryDesignIncrease);
        positive(errors, "deliveryThreshold", deliveryThreshold);
        probability(errors, "deliveryCriticalIncrease", deliveryCriticalIncrease);
        probability(errors, "cusumClearFraction", cusumClearFraction);
        if (!(cusumSuspectFraction > 0 && cusumSuspectFraction <= 1)) {
            errors.add("cusumSuspectFraction must be above 0 and at most 1 (a fraction of the threshold): "
                    + cusumSuspectFraction);
        }
        if (cusumCapFactor < 1) {
            errors.add("cusumCapFactor must be at least 1 (the cap is a multiple of the threshold): " + cusumCapFactor);
        }
        positive(errors, "wilsonZ", wilsonZ);
        if (pumpingVolumeFactor <= 1) {
            errors.add("pumpingVolumeFactor must be above 1 (a multiple of the expected volume): " + pumpingVolumeFactor);
        }
        probability(errors, "pumpingConversionCollapse", pumpingConversionCollapse);
        if (pumpingMinSignals < 2 || pumpingMinSignals > 4) {
            errors.add("pumpingMinSignals must be 2, 3 or 4 (volume alone never fires): " + pumpingMinSignals);
        }
        positive(errors, "spendRobustZ", spendRobustZ);
        if (!(spendMinExcessUsd <= spendWarningExcessUsd && spendWarningExcessUsd <= spendCriticalExcessUsd)) {
            errors.add("spend thresholds must rise: spendMinExcessUsd <= spendWarningExcessUsd <= spendCriticalExcessUsd");
        }
        atLeast(errors, "resolveAfterClearWindows", resolveAfterClearWindows, 1);
        atLeast(errors, "flappingFlips", flappingFlips, 1);
        if (flappingClearWindows < resolveAfterClearWindows) {
            errors.add("flappingClearWindows must be at least resolveAfterClearWindows (a flapping key is held open longer)");
        }
        if (maxExampleMessageIds < 10 || maxExampleMessageIds > 50) {
            errors.add("maxExampleMessageIds must be between 10 and 50: " + maxExampleMessageIds);
        }
        atLeast(errors, "maxContributors", maxContributors, 1);
        return errors;
    }

    /** Throws with every problem listed, or returns this. */
    public AlertSettings validated() {
        List<String> errors = validate();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid alert settings: " + String.join("; ", errors));
        }
        return this;
    }

    private static void positive(List<String> errors, String name, double v) {
        if (!(v > 0)) {
            errors.add(name + " must be positive: " + v);
        }
    }

    private static void atLeast(List<String> errors, String name, long v, long min) {
        if (v < min) {
            errors.add(name + " must be at least " + min + ": " + v);
        }
    }

    private static void probability(List<String> errors, String name, double v) {
        if (!(v > 0 && v < 1)) {
            errors.add(name + " must be a rate strictly between 0 and 1: " + v);
        }
    }

    private static void positiveDuration(List<String> errors, String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            errors.add(name + " must be a positive duration: " + d);
        }
    }
}
