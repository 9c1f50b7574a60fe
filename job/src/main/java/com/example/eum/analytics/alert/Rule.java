package com.example.eum.analytics.alert;

/** One alert rule: reads one window against the key's state, updates its own statistic, and gives a verdict. */
interface Rule {
    AlertRule id();

    /**
     * @param open whether this rule's incident on this key is open (rules clear with hysteresis: an open incident
     *     stays firing down to a lower bar than the one that triggered it)
     */
    Verdict step(WindowCounts window, KeyState state, AlertContext context, boolean open);
}
