package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.MessageDelta;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sets each delta's record timestamp to its {@link MessageDelta#attributionTime}, keeping the upstream watermarks.
 *
 * <p>Why: Flink's window operator decides "too late, send to the late side output" from the record timestamp, but
 * the window from the assigner. A delta whose attribution time is earlier than its record timestamp (a message
 * counted at its request time by a later event) could fall into an expired window while its record timestamp is
 * not yet late, and the operator would drop it silently. With timestamp = attribution time, every delta whose
 * window has expired is also a late element and reaches the late side output. (A timestamp assigner from a
 * {@code WatermarkStrategy} cannot do this: it replaces the upstream watermarks.)
 */
public class AttributionTimestamps extends AbstractStreamOperator<MessageDelta>
        implements OneInputStreamOperator<MessageDelta, MessageDelta> {
    private static final long serialVersionUID = 1L;

    public AttributionTimestamps() {
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    public void processElement(StreamRecord<MessageDelta> element) {
        // a new record, not element.replace(): with object reuse, chained siblings share the incoming record
        output.collect(new StreamRecord<>(element.getValue(), element.getValue().attributionTime));
    }
}
