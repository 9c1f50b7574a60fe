package com.example.eum.analytics.alert;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One alert message: TRIGGERED, UPDATED or RESOLVED for one incident of one rule on one key. Carries no raw
 * phone numbers: keys hold countries, carriers (mcc-mnc), use cases, the sender's own origination ids and
 * destination prefixes of at most 8 characters. Rendered as JSON by {@link AlertJson} (schemas/alerts.md).
 */
public final class Alert {
    public final AlertRule rule;
    public final AlertStatus status;
    public final Severity severity;
    public final AlertKey key;
    /** Stable across incidents of the same rule and key: {@code RULE:key id}. */
    public final String dedupKey;
    /** One incident: the dedup key and the start of the window that triggered it. */
    public final String incidentId;
    /** One message (deterministic: a replay gives the same ids): a name-based UUID of incident, status, time. */
    public final String alertId;
    public final long triggeredWindowStart;
    public final long windowStart;
    public final long windowEnd;
    public final long estimatedStart;
    /** Event time of detection: the end of the window that produced this message. */
    public final long detectedAt;
    /** The verdict of the window that produced this message (observed vs baseline, n, interval, signals). */
    public final Verdict verdict;
    public final long affectedMessages;
    /** Money beyond baseline over the incident so far, micro-USD; null for rules without a cost notion. */
    public final Long excessCostMicros;
    /** Largest contributors (carrier, origination id, ...) over the incident, by messages. */
    public final Map<String, Long> topContributors;
    public final List<String> exampleMessageIds;

    Alert(AlertRule rule, AlertStatus status, Severity severity, AlertKey key, long triggeredWindowStart,
            long windowStart, long windowEnd, long estimatedStart, long detectedAt, Verdict verdict,
            long affectedMessages, Long excessCostMicros, Map<String, Long> topContributors,
            List<String> exampleMessageIds) {
        this.rule = rule;
        this.status = status;
        this.severity = severity;
        this.key = key;
        this.dedupKey = dedupKey(rule, key);
        this.incidentId = dedupKey + "@" + Instant.ofEpochMilli(triggeredWindowStart);
        this.alertId = UUID.nameUUIDFromBytes((incidentId + "/" + status + "/" + detectedAt)
                .getBytes(StandardCharsets.UTF_8)).toString();
        this.triggeredWindowStart = triggeredWindowStart;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.estimatedStart = estimatedStart;
        this.detectedAt = detectedAt;
        this.verdict = verdict;
        this.affectedMessages = affectedMessages;
        this.excessCostMicros = excessCostMicros;
        this.topContributors = Collections.unmodifiableMap(new LinkedHashMap<>(topContributors));
        this.exampleMessageIds = List.copyOf(exampleMessageIds);
    }

    /** The dedup key of a rule on a key, e.g. {@code DELIVERY_DROP:CARRIER/SMS/IN/-/404-45/-/-}. */
    public static String dedupKey(AlertRule rule, AlertKey key) {
        return rule + ":" + key.id();
    }

    @Override
    public String toString() {
        return status + " " + severity + " " + dedupKey + " at " + Instant.ofEpochMilli(detectedAt) + " ("
                + verdict.signals + ")";
    }
}
