package com.example.eum.analytics.alert;

/**
 * CONVERSION_DROP: each window's conversions against its feedback-tracked messages (both known when the window
 * closes: a conversion lands in the window of its RECEIVED, usually within a minute of the request, while a
 * non-conversion would only mature at the 1-hour feedback timeout) compared with the key's baseline of that same
 * ratio, by a Bernoulli CUSUM on non-conversions designed for a relative drop of
 * {@link AlertSettings#conversionDesignDrop}. The last messages of a window convert in the next one
 * ({@link AlertSettings#conversionSpillShare} of them), so the window's conversions are counted against its tracked
 * messages blended with the previous window's: a sudden rise of volume (a launch) does not read as a drop.
 * 85% to 80% takes about 1,000 outcomes to detect, whether they come in one window or over many hours.
 * CRITICAL when the run's conversion is {@link AlertSettings#conversionCriticalDrop} (relative) or more below
 * baseline, else WARNING.
 */
final class ConversionDropRule extends RateShiftRule {
    @Override
    public AlertRule id() {
        return AlertRule.CONVERSION_DROP;
    }

    @Override
    long events(WindowCounts w, KeyState state, AlertSettings settings) {
        return Math.max(0, state.conversionTrials(w, settings) - w.converted);
    }

    @Override
    long trials(WindowCounts w, KeyState state, AlertSettings settings) {
        return state.conversionTrials(w, settings);
    }

    @Override
    double baselineEventRate(KeyState state, AlertContext context, AlertKey key) {
        return 1 - state.conversionRate(context, key);
    }

    @Override
    double alternative(double q0, AlertSettings settings) {
        double p0 = 1 - q0;
        return 1 - p0 * (1 - settings.conversionDesignDrop);
    }

    @Override
    double threshold(AlertSettings settings) {
        return settings.conversionThreshold;
    }

    @Override
    int minRunTrials(AlertSettings settings) {
        return settings.conversionMinOutcomes;
    }

    @Override
    BernoulliCusum cusum(KeyState state) {
        return state.conversionCusum;
    }

    @Override
    RateBaseline history(KeyState state) {
        return state.conversion;
    }

    @Override
    double reported(double eventRate) {
        return 1 - eventRate;
    }

    @Override
    Severity severity(double observedEventRate, double q0, AlertSettings settings) {
        double p0 = 1 - q0;
        double relativeDrop = (observedEventRate - q0) / p0;
        return relativeDrop >= settings.conversionCriticalDrop ? Severity.CRITICAL : Severity.WARNING;
    }

    @Override
    Long excessCostMicros(double excessEvents, WindowCounts w) {
        return null;
    }
}
