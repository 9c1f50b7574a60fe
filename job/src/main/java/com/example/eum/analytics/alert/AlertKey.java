package com.example.eum.analytics.alert;

import java.util.Objects;

/**
 * The dimensions of one monitored key, as strings (empty when the dimension is not part of the key). Mapping a
 * metrics row into it is a field copy: a metrics_by_country row gives channel, country and use case, a
 * metrics_by_carrier row adds the carrier ({@code mcc-mnc}), a metrics_by_origination row gives the origination id.
 */
public final class AlertKey {
    private final Scope scope;
    private final String channel;
    private final String country;
    private final String useCase;
    private final String carrier;
    private final String originationId;
    private final String prefix;

    private AlertKey(Scope scope, String channel, String country, String useCase, String carrier,
            String originationId, String prefix) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.channel = clean(channel);
        this.country = clean(country);
        this.useCase = clean(useCase);
        this.carrier = clean(carrier);
        this.originationId = clean(originationId);
        this.prefix = clean(prefix);
        if (this.prefix.length() > 8) {
            throw new IllegalArgumentException("a destination prefix is at most 8 characters, never a whole number");
        }
    }

    public static AlertKey country(String channel, String country, String useCase) {
        return new AlertKey(Scope.COUNTRY, channel, country, useCase, "", "", "");
    }

    /** {@code carrier} as {@code mcc-mnc}, e.g. {@code 404-45}. */
    public static AlertKey carrier(String channel, String country, String carrier) {
        return new AlertKey(Scope.CARRIER, channel, country, "", carrier, "", "");
    }

    public static AlertKey origination(String channel, String country, String originationId) {
        return new AlertKey(Scope.ORIGINATION, channel, country, "", "", originationId, "");
    }

    /** {@code prefix}: E.164 country code plus a few digits (at most 8 characters), e.g. {@code +23279}. */
    public static AlertKey prefix(String channel, String country, String prefix) {
        return new AlertKey(Scope.PREFIX, channel, country, "", "", "", prefix);
    }

    public static AlertKey account() {
        return new AlertKey(Scope.ACCOUNT, "", "", "", "", "", "");
    }

    /** The key of {@code scope} with these dimensions ('' or null for absent ones), e.g. read back from storage. */
    public static AlertKey of(Scope scope, String channel, String country, String useCase, String carrier,
            String originationId, String prefix) {
        return new AlertKey(scope, channel, country, useCase, carrier, originationId, prefix);
    }

    /**
     * A stable identifier of the key: the same dimensions always give the same string, whatever the run or
     * window, e.g. {@code CARRIER/SMS/IN/-/404-45/-/-}.
     */
    public String id() {
        return scope + "/" + dash(channel) + "/" + dash(country) + "/" + dash(useCase) + "/" + dash(carrier) + "/"
                + dash(originationId) + "/" + dash(prefix);
    }

    public Scope scope() {
        return scope;
    }

    public String channel() {
        return channel;
    }

    public String country() {
        return country;
    }

    public String useCase() {
        return useCase;
    }

    public String carrier() {
        return carrier;
    }

    public String originationId() {
        return originationId;
    }

    public String prefix() {
        return prefix;
    }

    private static String clean(String s) {
        if (s == null) {
            return "";
        }
        String t = s.trim();
        if (t.indexOf('/') >= 0) {
            throw new IllegalArgumentException("key dimension must not contain '/': " + t);
        }
        return t;
    }

    private static String dash(String s) {
        return s.isEmpty() ? "-" : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlertKey && ((AlertKey) o).id().equals(id());
    }

    @Override
    public int hashCode() {
        return id().hashCode();
    }

    @Override
    public String toString() {
        return id();
    }
}
