package com.example.eum.analytics.alert;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What one monitored key stands for; it decides which rules watch the key and labels the alert's scope.
 */
public enum Scope {
    /** channel × country × use case (use case empty when unknown). */
    COUNTRY("whole country", EnumSet.of(AlertRule.CONVERSION_DROP, AlertRule.DELIVERY_DROP, AlertRule.SMS_PUMPING,
            AlertRule.SPEND_SURGE)),
    /** channel × country × carrier (mcc-mnc). */
    CARRIER("one carrier", EnumSet.of(AlertRule.DELIVERY_DROP, AlertRule.SMS_PUMPING)),
    /** channel × origination number (the sender's own number or sender id, not personal data). */
    ORIGINATION("one origination number", EnumSet.of(AlertRule.CONVERSION_DROP, AlertRule.DELIVERY_DROP)),
    /** channel × destination prefix (country code plus a few digits: never a whole number). */
    PREFIX("one destination prefix", EnumSet.of(AlertRule.SMS_PUMPING)),
    /** The whole account (all channels and countries). */
    ACCOUNT("whole account", EnumSet.of(AlertRule.SPEND_SURGE));

    private final String label;
    private final Set<AlertRule> rules;

    Scope(String label, Set<AlertRule> rules) {
        this.label = label;
        this.rules = Collections.unmodifiableSet(rules);
    }

    /** Human label for alerts, e.g. "one carrier". */
    public String label() {
        return label;
    }

    /** The rules that watch keys of this scope. */
    public Set<AlertRule> rules() {
        return rules;
    }
}
