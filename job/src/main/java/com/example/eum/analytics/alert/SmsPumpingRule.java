package com.example.eum.analytics.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SMS_PUMPING: artificially inflated traffic, judged per window on four signals, of which at least
 * {@link AlertSettings#pumpingMinSignals} (never fewer than two) must agree, so volume alone never fires (a viral
 * launch is not fraud):
 * <ol>
 *   <li>volume far above the seasonal baseline (a multiple and a Poisson z), or any real volume from a key with
 *       no history (a new country or prefix);</li>
 *   <li>conversion collapsing: the Wilson upper bound of the window's conversion (conversions over tracked messages) far below baseline;</li>
 *   <li>Protect recommending blocks: the Wilson lower bound of the recommended share well above baseline;</li>
 *   <li>cost per message well above the key's usual cost, which starts at the account's norm and moves to the
 *       key's own as it gains history (pumpers pick expensive destinations: a new key costlier than the account's
 *       norm, or a known key whose mix turns to expensive ranges).</li>
 * </ol>
 * A key with no volume history yet (a new country or prefix) is judged on everything it has sent since it appeared
 * (volume, conversion, Protect and cost totals), so low-and-slow pumping to a new prefix (a few messages a window) shows within
 * a few windows; a known key on each window. An open incident stays firing while any signal remains. CRITICAL when the excess cost of the window, or of the
 * incident so far (low-and-slow pumping), reaches {@link AlertSettings#pumpingCriticalExcessUsd}, else WARNING. Excess messages: above the expected volume (all
 * of them for a new key); excess cost: those messages at the window's cost per message.
 */
final class SmsPumpingRule implements Rule {
    private static final long MIN_MESSAGES_FOR_COST = 10;

    @Override
    public AlertRule id() {
        return AlertRule.SMS_PUMPING;
    }

    @Override
    public Verdict step(WindowCounts w, KeyState state, AlertContext context, boolean open) {
        AlertSettings s = context.settings;
        List<String> signals = new ArrayList<>();
        double expected = state.volume.expected(w.windowStart, s);
        boolean isNew = Double.isNaN(expected);
        if (isNew) {
            state.newKeyMessages += w.messages;
            state.newKeyTracked += w.feedbackTracked;
            state.newKeyConverted += w.promptConverted();
            state.newKeySpendMicros += w.spendMicros;
            state.newKeyProtect += w.protectRecommended;
        }
        // a new key is judged on everything it has sent so far, a known one on the window
        long messages = isNew ? state.newKeyMessages : w.messages;
        // conversions come a receipt plus seconds after the request: the latest window's last messages have not
        // converted yet (their share grows as windows shrink), so they are not counted as trials yet
        long tracked = isNew
                ? Math.max(0, state.newKeyTracked - Math.round(s.conversionSpill(w.windowEnd - w.windowStart) * w.feedbackTracked))
                : state.conversionTrials(w, s);
        long converted = Math.min(tracked, isNew ? state.newKeyConverted : w.promptConverted());
        long spend = isNew ? state.newKeySpendMicros : w.spendMicros;
        long protect = isNew ? state.newKeyProtect : w.protectRecommended;
        String span = isNew ? "since the key appeared" : "in the window";
        boolean volume = volumeSignal(messages, expected, s);
        if (volume) {
            signals.add(isNew
                    ? String.format(Locale.ROOT, "volume: %d messages from a key with no history", messages)
                    : String.format(Locale.ROOT, "volume: %d messages vs %.1f expected", messages, expected));
        }
        double conversion0 = state.conversionRate(context, w.key);
        if (tracked >= s.pumpingMinFeedbackOutcomes
                && Wilson.upper(converted, tracked, s.wilsonZ) < s.pumpingConversionCollapse * conversion0) {
            signals.add(String.format(Locale.ROOT, "conversion: %d of %d %s vs baseline %.3f", converted, tracked,
                    span, conversion0));
        }
        double protect0 = state.protectRate(context, w.key);
        if (messages > 0 && Wilson.lower(protect, messages, s.wilsonZ)
                > Math.max(s.pumpingProtectFactor * protect0, protect0 + s.pumpingProtectMinIncrease)) {
            signals.add(String.format(Locale.ROOT, "protect: %d of %d recommended blocking %s vs baseline %.4f",
                    protect, messages, span, protect0));
        }
        double costPerMessage = messages == 0 ? 0.0 : (double) spend / messages;
        double usualCost = state.costPerMessage(context);
        if (messages >= MIN_MESSAGES_FOR_COST && usualCost > 0 && costPerMessage > s.pumpingCostFactor * usualCost) {
            signals.add(String.format(Locale.ROOT, "cost: %.4f USD per message %s vs usual %.4f",
                    costPerMessage / 1e6, span, usualCost / 1e6));
        }
        int count = signals.size();
        boolean firing = open ? count >= 1 : count >= Math.max(2, s.pumpingMinSignals);
        if (count == 0) {
            state.pumpingRunStart = Long.MIN_VALUE;
            return Verdict.quiet(id(), w.windowStart);
        }
        if (state.pumpingRunStart == Long.MIN_VALUE) {
            state.pumpingRunStart = w.windowStart;
        }
        long excessMessages = isNew ? w.messages : Math.max(0, Math.round(w.messages - expected));
        long excessCost = Math.round(excessMessages * RateShiftRule.costPerMessage(w));
        Severity severity = excessCost >= s.pumpingCriticalExcessUsd * 1e6 ? Severity.CRITICAL : Severity.WARNING;
        Double observed = tracked == 0 ? null : (double) converted / tracked;
        // a single signal does not pause learning: a viral launch or a legitimately expensive country is normal
        return new Verdict(id(), firing ? Verdict.State.FIRING : Verdict.State.QUIET, severity, Verdict.Unit.RATE,
                observed, conversion0, tracked == 0 ? null : Wilson.lower(converted, tracked, s.wilsonZ),
                tracked == 0 ? null : Wilson.upper(converted, tracked, s.wilsonZ), w.messages, excessMessages, excessCost,
                state.pumpingRunStart, count, signals);
    }

    private static boolean volumeSignal(long messages, double expected, AlertSettings s) {
        if (Double.isNaN(expected)) {
            return messages >= s.pumpingNewKeyMessages;
        }
        double e = Math.max(expected, 1.0);
        return messages >= s.pumpingMinMessages && messages >= s.pumpingVolumeFactor * e
                && (messages - e) / Math.sqrt(e) >= s.pumpingVolumeZ;
    }
}
