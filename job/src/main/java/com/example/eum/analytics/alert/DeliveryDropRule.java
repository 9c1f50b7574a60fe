package com.example.eum.analytics.alert;

/**
 * DELIVERY_DROP: the failed-final share of decided outcomes against the key's failure baseline, by a Bernoulli
 * CUSUM designed for an absolute rise of {@link AlertSettings#deliveryDesignIncrease}; an outage (a share 50
 * points up) fires within a few dozen outcomes. The alert's scope label says what the key is: one carrier, the
 * whole country, one origination number. CRITICAL (outage) when the run's failed share is
 * {@link AlertSettings#deliveryCriticalIncrease} or more above baseline, else WARNING. Excess cost: the excess
 * failures times the window's cost per message (failed messages are still billed).
 */
final class DeliveryDropRule extends RateShiftRule {
    @Override
    public AlertRule id() {
        return AlertRule.DELIVERY_DROP;
    }

    @Override
    long events(WindowCounts w, KeyState state, AlertSettings settings) {
        return w.failedFinal;
    }

    @Override
    long trials(WindowCounts w, KeyState state, AlertSettings settings) {
        return w.outcomes();
    }

    @Override
    double baselineEventRate(KeyState state, AlertContext context, AlertKey key) {
        return state.failureRate(context, key);
    }

    @Override
    double alternative(double q0, AlertSettings settings) {
        return q0 + settings.deliveryDesignIncrease;
    }

    @Override
    double threshold(AlertSettings settings) {
        return settings.deliveryThreshold;
    }

    @Override
    int minRunTrials(AlertSettings settings) {
        return settings.deliveryMinOutcomes;
    }

    @Override
    BernoulliCusum cusum(KeyState state) {
        return state.deliveryCusum;
    }

    @Override
    RateBaseline history(KeyState state) {
        return state.failure;
    }

    @Override
    double reported(double eventRate) {
        return eventRate;
    }

    @Override
    Severity severity(double observedEventRate, double q0, AlertSettings settings) {
        return observedEventRate - q0 >= settings.deliveryCriticalIncrease ? Severity.CRITICAL : Severity.WARNING;
    }

    @Override
    Long excessCostMicros(double excessEvents, WindowCounts w) {
        return Math.round(excessEvents * costPerMessage(w));
    }
}
