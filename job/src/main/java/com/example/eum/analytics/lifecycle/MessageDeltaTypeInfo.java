package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.SerializerTypeInfo;

/** The type of every stream of deltas: a {@link MessageDelta} serialized by {@link MessageDeltaSerializer}. */
public final class MessageDeltaTypeInfo extends SerializerTypeInfo<MessageDelta> {
    private static final long serialVersionUID = 1L;

    public static final MessageDeltaTypeInfo INSTANCE = new MessageDeltaTypeInfo();

    public MessageDeltaTypeInfo() {
        super(MessageDelta.class, MessageDeltaSerializer.INSTANCE, "MessageDelta");
    }
}
