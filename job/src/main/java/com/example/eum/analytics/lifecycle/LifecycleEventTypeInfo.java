package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.model.CanonicalEvent;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The type of the stream into the lifecycle: a {@link CanonicalEvent} serialized by {@link LifecycleEventSerializer}. */
public final class LifecycleEventTypeInfo extends TypeInformation<CanonicalEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<CanonicalEvent> getTypeClass() {
        return CanonicalEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<CanonicalEvent> createSerializer(SerializerConfig config) {
        return LifecycleEventSerializer.INSTANCE;
    }

    @Override
    @SuppressWarnings("deprecation")
    public TypeSerializer<CanonicalEvent> createSerializer(ExecutionConfig config) {
        return LifecycleEventSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "LifecycleEvent";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LifecycleEventTypeInfo;
    }

    @Override
    public int hashCode() {
        return LifecycleEventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof LifecycleEventTypeInfo;
    }
}
