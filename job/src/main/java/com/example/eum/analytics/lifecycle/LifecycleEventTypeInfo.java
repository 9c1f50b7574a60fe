package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.SerializerTypeInfo;

/** The type of the stream into the lifecycle: a {@link CanonicalEvent} serialized by {@link LifecycleEventSerializer}. */
public final class LifecycleEventTypeInfo extends SerializerTypeInfo<CanonicalEvent> {
    private static final long serialVersionUID = 1L;

    public LifecycleEventTypeInfo() {
        super(CanonicalEvent.class, LifecycleEventSerializer.INSTANCE, "LifecycleEvent");
    }
}
