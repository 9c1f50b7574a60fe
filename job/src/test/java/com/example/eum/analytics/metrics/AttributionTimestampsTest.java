package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.MessageDelta;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AttributionTimestampsTest {

    @Test
    void restampsRecordsWithTheirAttributionTimeAndForwardsWatermarksUnchanged() throws Exception {
        try (OneInputStreamOperatorTestHarness<MessageDelta, MessageDelta> harness =
                     new OneInputStreamOperatorTestHarness<>(new AttributionTimestamps())) {
            harness.open();
            // the lifecycle counts a message at its request time while processing an event 10 minutes later
            MessageDelta d = Deltas.sent(1_000_000L, Channel.SMS, "US", "+15555550100", "m1", 1);
            harness.processElement(new StreamRecord<>(d, 1_600_000L));
            harness.processWatermark(new Watermark(1_500_000L));

            List<String> seen = new ArrayList<>();
            for (Object o : harness.getOutput()) {
                if (o instanceof StreamRecord) {
                    StreamRecord<?> r = (StreamRecord<?>) o;
                    seen.add("record@" + r.getTimestamp() + " " + ((MessageDelta) r.getValue()).messageId);
                } else {
                    seen.add("watermark@" + ((Watermark) o).getTimestamp());
                }
            }
            assertThat(seen).containsExactly("record@1000000 m1", "watermark@1500000");
        }
    }
}
