package com.example.eum.analytics.alert;

/**
 * What the rules need beyond one key's own state: the settings, the country/global priors, and the account's norm
 * of cost per message (micro-USD per message; NaN while unknown), against which pumping's cost signal is judged.
 */
public final class AlertContext {
    public final AlertSettings settings;
    public final RatePriors priors;
    public final double accountCostPerMessageMicros;

    public AlertContext(AlertSettings settings, RatePriors priors, double accountCostPerMessageMicros) {
        this.settings = settings;
        this.priors = priors;
        this.accountCostPerMessageMicros = accountCostPerMessageMicros;
    }

    /** The same context with another account norm. */
    public AlertContext withAccountCostPerMessage(double micros) {
        return new AlertContext(settings, priors, micros);
    }
}
