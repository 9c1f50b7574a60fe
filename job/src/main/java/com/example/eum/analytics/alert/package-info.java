/**
 * Alerting rules over the job's own window metrics, in plain Java (no Flink types).
 *
 * <p>Data flow: one {@link com.example.eum.analytics.alert.WindowCounts} (the latest revision of one window of one
 * key) goes to {@link com.example.eum.analytics.alert.AlertEngine#observe}, which evaluates the rules that apply
 * to the key's {@link com.example.eum.analytics.alert.Scope} against the key's
 * {@link com.example.eum.analytics.alert.KeyState} (baselines, sequential statistics, alert lifecycles), passes
 * each rule's {@link com.example.eum.analytics.alert.Verdict} through its
 * {@link com.example.eum.analytics.alert.AlertLifecycle} (TRIGGERED / UPDATED / RESOLVED) and lets the baselines
 * learn from the window only when no rule suspects it. Thresholds: {@link com.example.eum.analytics.alert.AlertSettings}.
 * Rules, statistics, guards and severities are documented in {@code schemas/alerts.md}.
 */
package com.example.eum.analytics.alert;
