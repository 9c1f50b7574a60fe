package com.example.eum.analytics.alert;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Prior rates per country (conversion, failed-final share, Protect recommended share), falling back to the global
 * defaults of {@link AlertSettings}. The pipeline may refresh the country rates from country-level keys, so a new
 * carrier or origination number starts from its country's rate rather than a global guess.
 */
public final class RatePriors implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Which rate a prior is for. */
    public enum Kind { CONVERSION, FAILURE, PROTECT }

    private final AlertSettings settings;
    private final Map<String, Double> rates = new HashMap<>();

    public RatePriors(AlertSettings settings) {
        this.settings = settings;
    }

    /** Sets the prior of one kind for one country (ISO code); returns this. */
    public RatePriors set(Kind kind, String country, double rate) {
        if (!(rate > 0 && rate < 1)) {
            throw new IllegalArgumentException("a prior rate must be strictly between 0 and 1: " + rate);
        }
        rates.put(kind + "/" + country, rate);
        return this;
    }

    /** The prior of one kind for a country, or the global default. */
    public double rate(Kind kind, String country) {
        Double r = rates.get(kind + "/" + country);
        if (r != null) {
            return r;
        }
        switch (kind) {
            case CONVERSION:
                return settings.defaultConversionRate;
            case FAILURE:
                return settings.defaultFailureRate;
            default:
                return settings.defaultProtectRate;
        }
    }
}
