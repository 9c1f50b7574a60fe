package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.MessageDelta;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.example.eum.analytics.lifecycle.Ev.MIN;
import static com.example.eum.analytics.lifecycle.Ev.SEC;
import static com.example.eum.analytics.lifecycle.Ev.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link MessageLifecycleFunction#apply} in a real local Flink job (no Kryo), keyed by messageId across subtasks. */
class MessageLifecycleWiringTest {

    @Test
    void applyKeysByMessageIdAndRunsWithoutGenericTypes() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.getConfig().disableGenericTypes();
        env.setParallelism(2);

        List<CanonicalEvent> input = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = "m" + i;
            input.add(Ev.sms(id).pending(T0 + SEC).price(1000, 100, 1).context("feedbackEnabled", "true").build());
            input.add(Ev.sms(id).successful(T0 + 4 * SEC).build());
            input.add(Ev.sms(id).delivered(T0 + 9 * SEC).build());
            if (i < 5) {
                input.add(Ev.feedback(id, "RECEIVED", T0 + 10 * MIN));
            }
        }
        input.add(Ev.feedback("never-sent", "RECEIVED", T0));
        DataStream<CanonicalEvent> events = env.fromData(input, TypeInformation.of(CanonicalEvent.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<CanonicalEvent>forBoundedOutOfOrderness(Duration.ofMinutes(1))
                        .withTimestampAssigner((e, ts) -> e.eventTime));

        SingleOutputStreamOperator<MessageDelta> deltas = MessageLifecycleFunction.apply(events, new JobConfig(), new FixedWhatsAppFees());
        assertThat(deltas.getName()).isEqualTo("message-lifecycle");
        assertThat(deltas.getTransformation().getUid()).isEqualTo("message-lifecycle");
        assertThat(deltas.getType()).isEqualTo(MessageDeltaTypeInfo.INSTANCE);

        CloseableIterator<MessageDelta> out = deltas.collectAsync();
        CloseableIterator<DeadLetter> dead = deltas.getSideOutput(MessageLifecycleFunction.DEAD_LETTERS).collectAsync();
        env.execute("lifecycle-wiring");

        List<MessageDelta> all = new ArrayList<>();
        out.forEachRemaining(all::add);
        List<DeadLetter> deadLetters = new ArrayList<>();
        dead.forEachRemaining(deadLetters::add);
        out.close();
        dead.close();

        DeltaSum sum = DeltaSum.of(all);
        assertThat(sum.get(SumColumn.MESSAGES)).isEqualTo(20);
        assertThat(sum.get(SumColumn.DELIVERED)).isEqualTo(20);
        assertThat(sum.get(SumColumn.PENDING)).isZero();
        assertThat(sum.get(SumColumn.PRICE_MICROS)).isEqualTo(20_000);
        assertThat(sum.get(SumColumn.CARRIER_FEE_MICROS)).isEqualTo(2_000);
        assertThat(sum.get(SumColumn.FEEDBACK_TRACKED)).isEqualTo(20);
        assertThat(sum.get(SumColumn.CONVERTED)).isEqualTo(5);
        // The end of the bounded input moves the watermark to the end of time: every timeout fires.
        assertThat(sum.get(SumColumn.FEEDBACK_FAILED)).isEqualTo(15);
        assertThat(sum.latencies).hasSize(20).containsOnly(4000L);
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).reason).isEqualTo("feedback_without_message");
        assertThat(deadLetters.get(0).detail).contains("never-sent");
    }
}
