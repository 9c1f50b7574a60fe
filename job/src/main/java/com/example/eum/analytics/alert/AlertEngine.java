package com.example.eum.analytics.alert;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the rules over the windows of one key, in window order: each rule of the key's scope gives a verdict, the
 * verdict goes through the rule's lifecycle (alerts out), and the baselines learn from the window only when no
 * rule suspects it and no incident is open on the key, for at most {@link AlertSettings#maxLearningFreeze} (then
 * the new level is accepted as normal). A window at or before the last one observed for the key (a late revision)
 * is not observed again: the rules are sequential, and the revision is in the lake.
 */
public final class AlertEngine {
    private final Map<AlertRule, Rule> rules = new EnumMap<>(AlertRule.class);

    public AlertEngine() {
        for (Rule r : List.of(new ConversionDropRule(), new DeliveryDropRule(), new SmsPumpingRule(),
                new SpendSurgeRule())) {
            rules.put(r.id(), r);
        }
    }

    /** Observes one window of the key {@code window.key} whose state is {@code state}; returns the alerts to send. */
    public List<Alert> observe(KeyState state, WindowCounts window, AlertContext context) {
        if (state.lastWindowEnd != Long.MIN_VALUE && window.windowEnd <= state.lastWindowEnd) {
            return List.of();
        }
        AlertSettings settings = context.settings;
        List<Alert> alerts = new ArrayList<>();
        boolean suspect = false;
        for (AlertRule id : window.key.scope().rules()) {
            Verdict verdict = rules.get(id).step(window, state, context, state.open.containsKey(id));
            suspect |= verdict.state != Verdict.State.QUIET;
            Alert alert = AlertLifecycle.step(state.open, window.key, window, verdict, settings);
            if (alert != null) {
                alerts.add(alert);
            }
        }
        suspect |= state.hasOpenIncident();
        boolean learn = !suspect;
        if (suspect) {
            if (state.learningPausedSince == Long.MIN_VALUE) {
                state.learningPausedSince = window.windowStart;
            }
            learn = window.windowEnd - state.learningPausedSince > settings.maxLearningFreeze.toMillis();
        } else {
            state.learningPausedSince = Long.MIN_VALUE;
        }
        if (learn) {
            state.learn(window, settings, window.key.scope().rules().contains(AlertRule.SPEND_SURGE));
        }
        state.lastWindowEnd = window.windowEnd;
        state.lastTracked = window.feedbackTracked;
        return alerts;
    }
}
