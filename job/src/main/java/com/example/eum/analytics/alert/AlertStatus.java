package com.example.eum.analytics.alert;

/** Where an incident is in its lifecycle: one TRIGGERED, UPDATED at most hourly, one RESOLVED. */
public enum AlertStatus {
    TRIGGERED,
    UPDATED,
    RESOLVED
}
