package com.example.eum.analytics.alert.stage;

import com.example.eum.analytics.alert.Alert;
import com.example.eum.analytics.alert.AlertCodec;
import com.example.eum.analytics.model.SerializerTypeInfo;
import com.example.eum.analytics.model.StatelessSerializer;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Type of the alert stream: {@link Alert} is immutable and has no no-argument constructor, so it is serialized
 * with its versioned binary form ({@link AlertCodec}) instead of Kryo.
 */
public final class AlertTypeInfo extends SerializerTypeInfo<Alert> {
    private static final long serialVersionUID = 1L;

    public AlertTypeInfo() {
        super(Alert.class, AlertSerializer.INSTANCE, "Alert");
    }

    /** {@link AlertCodec} as a Flink serializer; alerts are immutable, so a copy is the alert itself. */
    public static final class AlertSerializer extends StatelessSerializer<Alert> {
        private static final long serialVersionUID = 1L;
        static final AlertSerializer INSTANCE = new AlertSerializer();

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public Alert createInstance() {
            return null;
        }

        @Override
        public Alert copy(Alert from) {
            return from;
        }

        @Override
        public void serialize(Alert record, DataOutputView target) throws IOException {
            AlertCodec.write(record, target);
        }

        @Override
        public Alert deserialize(DataInputView source) throws IOException {
            return AlertCodec.read(source);
        }

        @Override
        public TypeSerializerSnapshot<Alert> snapshotConfiguration() {
            return new AlertSerializerSnapshot();
        }
    }

    /** Snapshot of {@link AlertSerializer} (no parameters). */
    public static final class AlertSerializerSnapshot extends SimpleTypeSerializerSnapshot<Alert> {
        public AlertSerializerSnapshot() {
            super(() -> AlertSerializer.INSTANCE);
        }
    }
}
