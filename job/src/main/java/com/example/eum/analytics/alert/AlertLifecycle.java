package com.example.eum.analytics.alert;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One open incident of one rule on one key, and the state machine that speaks for it: TRIGGERED on the first
 * firing window, UPDATED on a firing window at least {@link AlertSettings#updateInterval} after the last message
 * (or at once when the severity rises: an escalation must page now, and can happen at most twice),
 * RESOLVED after {@link AlertSettings#resolveAfterClearWindows} consecutive clear windows, or
 * {@link AlertSettings#flappingClearWindows} once the incident has flapped (gone clear and back to firing
 * {@link AlertSettings#flappingFlips} times): a flapping key is held open rather than re-triggered. Keeps the
 * incident's totals, example message ids and contributors for the alerts it sends.
 */
public final class AlertLifecycle {
    /** Distinct contributors totalled per incident (state stays bounded; the alert lists the top few). */
    private static final int MAX_TRACKED_CONTRIBUTORS = 64;

    private long estimatedStart;
    private long triggeredWindowStart;
    private long lastSentAt;
    private Severity severity;
    private int clearStreak;
    private int flips;
    private boolean lastFiring;
    private long affectedMessages;
    private long excessCostMicros;
    private boolean hasCost;
    private final List<String> examples = new ArrayList<>();
    private final Map<String, Long> contributors = new LinkedHashMap<>();

    private AlertLifecycle() {}

    /**
     * Feeds one window's verdict to the incident {@code current} (null when none is open) and returns what to
     * send, if anything; {@code open} is updated: the incident is added on TRIGGERED and removed on RESOLVED.
     */
    static Alert step(Map<AlertRule, AlertLifecycle> open, AlertKey key, WindowCounts w, Verdict v,
            AlertSettings settings) {
        AlertLifecycle current = open.get(v.rule);
        if (current == null) {
            if (!v.firing()) {
                return null;
            }
            AlertLifecycle started = new AlertLifecycle();
            started.estimatedStart = Math.min(v.estimatedStart, w.windowStart);
            started.triggeredWindowStart = w.windowStart;
            started.lastSentAt = w.windowEnd;
            started.severity = Severity.INFO;
            started.lastFiring = true;
            started.accumulate(v, w, settings);
            open.put(v.rule, started);
            return started.alert(AlertStatus.TRIGGERED, key, w, v, settings);
        }
        if (v.firing()) {
            if (!current.lastFiring) {
                current.flips++;
            }
            current.lastFiring = true;
            current.clearStreak = 0;
            Severity before = current.severity;
            current.accumulate(v, w, settings);
            boolean escalated = current.severity != before;
            if (escalated || w.windowEnd - current.lastSentAt >= settings.updateInterval.toMillis()) {
                current.lastSentAt = w.windowEnd;
                return current.alert(AlertStatus.UPDATED, key, w, v, settings);
            }
            return null;
        }
        current.lastFiring = false;
        current.clearStreak++;
        int needed = current.flips >= settings.flappingFlips ? settings.flappingClearWindows
                : settings.resolveAfterClearWindows;
        if (current.clearStreak >= needed) {
            open.remove(v.rule);
            return current.alert(AlertStatus.RESOLVED, key, w, v, settings);
        }
        return null;
    }

    private void accumulate(Verdict v, WindowCounts w, AlertSettings settings) {
        severity = severity.max(v.severity);
        if (v.rule == AlertRule.CONVERSION_DROP || v.rule == AlertRule.DELIVERY_DROP) {
            // the CUSUM's run already totals the incident
            affectedMessages = Math.max(affectedMessages, v.affectedMessages);
        } else {
            affectedMessages += v.affectedMessages;
        }
        if (v.excessCostMicros != null) {
            hasCost = true;
            excessCostMicros += v.excessCostMicros;
        }
        if (v.rule == AlertRule.SMS_PUMPING && hasCost
                && excessCostMicros >= Math.round(settings.pumpingCriticalExcessUsd * 1e6)) {
            severity = Severity.CRITICAL; // low and slow: the incident's total excess cost pages
        }
        for (String id : w.exampleMessageIds) {
            if (examples.size() >= settings.maxExampleMessageIds) {
                break;
            }
            if (!examples.contains(id)) {
                examples.add(id);
            }
        }
        w.contributors.forEach((name, count) -> {
            if (contributors.containsKey(name) || contributors.size() < MAX_TRACKED_CONTRIBUTORS) {
                contributors.merge(name, count, Long::sum);
            }
        });
    }

    private Alert alert(AlertStatus status, AlertKey key, WindowCounts w, Verdict v, AlertSettings settings) {
        List<Map.Entry<String, Long>> top = new ArrayList<>(contributors.entrySet());
        top.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> topContributors = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : top.subList(0, Math.min(settings.maxContributors, top.size()))) {
            topContributors.put(e.getKey(), e.getValue());
        }
        return new Alert(v.rule, status, severity, key, triggeredWindowStart, w.windowStart, w.windowEnd,
                estimatedStart, w.windowEnd, v, affectedMessages, hasCost ? excessCostMicros : null,
                topContributors, examples);
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(estimatedStart);
        out.writeLong(triggeredWindowStart);
        out.writeLong(lastSentAt);
        out.writeUTF(severity.name());
        out.writeInt(clearStreak);
        out.writeInt(flips);
        out.writeBoolean(lastFiring);
        out.writeLong(affectedMessages);
        out.writeLong(excessCostMicros);
        out.writeBoolean(hasCost);
        out.writeShort(examples.size());
        for (String id : examples) {
            out.writeUTF(id);
        }
        out.writeShort(contributors.size());
        for (Map.Entry<String, Long> e : contributors.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    static AlertLifecycle read(DataInput in) throws IOException {
        AlertLifecycle l = new AlertLifecycle();
        l.estimatedStart = in.readLong();
        l.triggeredWindowStart = in.readLong();
        l.lastSentAt = in.readLong();
        l.severity = Severity.valueOf(in.readUTF());
        l.clearStreak = in.readInt();
        l.flips = in.readInt();
        l.lastFiring = in.readBoolean();
        l.affectedMessages = in.readLong();
        l.excessCostMicros = in.readLong();
        l.hasCost = in.readBoolean();
        int n = in.readShort();
        for (int i = 0; i < n; i++) {
            l.examples.add(in.readUTF());
        }
        int c = in.readShort();
        for (int i = 0; i < c; i++) {
            l.contributors.put(in.readUTF(), in.readLong());
        }
        return l;
    }
}
