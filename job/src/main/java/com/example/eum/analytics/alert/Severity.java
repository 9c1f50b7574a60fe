package com.example.eum.analytics.alert;

/** How loud an alert is: CRITICAL pages (pumping, outages, large losses), WARNING and INFO do not. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL;

    /** The louder of the two. */
    public Severity max(Severity other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
