package com.example.eum.analytics.alert.evaluation;

import java.util.List;

/** A country of a synthetic scenario: its OTP traffic at the weekly average, rates, price and carriers. */
public final class CountryProfile {
    public final String code;
    /** Messages per 5-minute window on average over the week. */
    public final double messagesPerWindow;
    public final double conversion;
    public final double failure;
    public final double protect;
    public final long costMicros;
    /** Carriers ({@code mcc-mnc}) and their shares of the traffic (summing to 1). */
    public final List<String> carriers;
    public final List<Double> shares;

    public CountryProfile(String code, double messagesPerWindow, double conversion, double failure, double protect,
            long costMicros, List<String> carriers, List<Double> shares) {
        this.code = code;
        this.messagesPerWindow = messagesPerWindow;
        this.conversion = conversion;
        this.failure = failure;
        this.protect = protect;
        this.costMicros = costMicros;
        this.carriers = List.copyOf(carriers);
        this.shares = List.copyOf(shares);
    }
}
