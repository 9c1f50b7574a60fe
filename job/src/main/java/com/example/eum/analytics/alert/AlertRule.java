package com.example.eum.analytics.alert;

/** The alert rules; each is documented with its statistic, guards and severities in schemas/alerts.md. */
public enum AlertRule {
    /** Matured OTP/feedback conversion below baseline: a Bernoulli CUSUM that accumulates across windows. */
    CONVERSION_DROP,
    /** Failed-final share of decided outcomes above baseline: a Bernoulli CUSUM on failures. */
    DELIVERY_DROP,
    /** Artificially inflated traffic: at least two of volume, conversion collapse, Protect share, cost per message. */
    SMS_PUMPING,
    /** Spend of one window far above its robust (median/MAD) baseline. */
    SPEND_SURGE
}
