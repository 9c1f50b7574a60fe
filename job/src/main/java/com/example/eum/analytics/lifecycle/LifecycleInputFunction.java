package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.model.CanonicalEvent;

import org.apache.flink.api.common.functions.MapFunction;

/**
 * The {@code lifecycle-input} operator, before the keyBy: the full event (already written to the events table) becomes
 * the lifecycle's view of it ({@link LifecycleRules#lifecycleView}), which crosses the network with
 * {@link LifecycleEventSerializer}. Stateless.
 */
public class LifecycleInputFunction implements MapFunction<CanonicalEvent, CanonicalEvent> {
    private static final long serialVersionUID = 1L;

    private final LifecycleRules rules;

    public LifecycleInputFunction(LifecycleRules rules) {
        this.rules = rules;
    }

    @Override
    public CanonicalEvent map(CanonicalEvent e) {
        return rules.lifecycleView(e);
    }
}
