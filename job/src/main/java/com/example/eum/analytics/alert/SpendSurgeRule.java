package com.example.eum.analytics.alert;

import java.util.List;
import java.util.Locale;

/**
 * SPEND_SURGE: spend of one window against the median and MAD of the key's recent windows, after dividing out
 * the key's time-of-day/week volume profile (so a normal evening peak is not a surge). Robust z =
 * (adjusted spend - median) / max(1.4826 MAD, 5% of the median, 0.10 USD); fires when z reaches
 * {@link AlertSettings#spendRobustZ} and the excess over the (re-seasoned) median is at least
 * {@link AlertSettings#spendMinExcessUsd}; an open incident stays firing down to half of that z. Severity by the
 * excess in dollars: INFO, WARNING from {@link AlertSettings#spendWarningExcessUsd}, CRITICAL from
 * {@link AlertSettings#spendCriticalExcessUsd}. Silent until the key has a day of volume profile
 * ({@link AlertSettings#spendAfterVolumeWindows}) and then {@link AlertSettings#spendMinHistoryWindows} of spend.
 */
final class SpendSurgeRule implements Rule {
    private static final double SIGMA_FLOOR_MICROS = 100_000;
    private static final double SIGMA_FLOOR_OF_MEDIAN = 0.05;

    @Override
    public AlertRule id() {
        return AlertRule.SPEND_SURGE;
    }

    @Override
    public Verdict step(WindowCounts w, KeyState state, AlertContext context, boolean open) {
        AlertSettings s = context.settings;
        RobustBaseline spend = state.spend(s);
        if (spend.size() < s.spendMinHistoryWindows) {
            return Verdict.quiet(id(), w.windowStart);
        }
        double season = state.volume.seasonalFactor(w.windowStart, s);
        double median = spend.median();
        double sigma = Math.max(RobustBaseline.MAD_TO_SIGMA * spend.mad(),
                Math.max(SIGMA_FLOOR_OF_MEDIAN * median, SIGMA_FLOOR_MICROS));
        double z = (w.spendMicros / season - median) / sigma;
        double expected = median * season;
        double excess = w.spendMicros - expected;
        boolean bigEnough = excess >= s.spendMinExcessUsd * 1e6 * (open ? 0.5 : 1.0);
        boolean firing = bigEnough && z >= (open ? s.spendRobustZ / 2 : s.spendRobustZ);
        Verdict.State verdictState = firing ? Verdict.State.FIRING
                : z >= s.spendRobustZ / 2 ? Verdict.State.SUSPECT : Verdict.State.QUIET;
        if (verdictState == Verdict.State.QUIET) {
            return Verdict.quiet(id(), w.windowStart);
        }
        double excessUsd = excess / 1e6;
        Severity severity = excessUsd >= s.spendCriticalExcessUsd ? Severity.CRITICAL
                : excessUsd >= s.spendWarningExcessUsd ? Severity.WARNING : Severity.INFO;
        long excessMessages = 0;
        if (w.messages > 0 && expected > 0) {
            excessMessages = Math.max(0, Math.round(w.messages * (excess / w.spendMicros)));
        }
        return new Verdict(id(), verdictState, severity, Verdict.Unit.USD, w.spendMicros / 1e6, expected / 1e6, null,
                null, w.messages, excessMessages, Math.max(0L, Math.round(excess)), w.windowStart, z,
                List.of(String.format(Locale.ROOT, "spend %.2f USD vs median %.2f USD (robust z %.1f)",
                        w.spendMicros / 1e6, expected / 1e6, z)));
    }
}
