package com.example.eum.analytics.decode;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.RawRecord;

import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecodeFunctionTest {

    private static JobConfig config(String key) {
        JobConfig c = new JobConfig();
        c.destinationHashKey = key;
        return c;
    }

    @Test
    void emitsEventsAndSendsDeadLettersToTheSideOutput() throws Exception {
        DecodeFunction fn = new DecodeFunction(config(new String(Samples.KEY, StandardCharsets.UTF_8)));
        try (OneInputStreamOperatorTestHarness<RawRecord, CanonicalEvent> h = ProcessFunctionTestHarnesses.forProcessFunction(fn)) {
            h.processElement(Samples.record(Samples.bytes("envelope_cwlogs_subscription_lambda_awslogs.json")), 10L);
            h.processElement(Samples.record("{\"hello\":1}"), 11L);
            h.processElement(Samples.record(new byte[0]), 12L);
            h.processElement(Samples.record(Samples.bytes("wa_status_failed.json")), 13L);

            List<CanonicalEvent> events = h.extractOutputValues();
            assertThat(events).extracting(e -> e.eventType).containsExactly("TEXT_SUCCESSFUL", "TEXT_DELIVERED", "failed");
            assertThat(events.get(2).destinationHash).isEqualTo(Samples.hash("+14255550124"));

            List<DeadLetter> dead = h.getSideOutput(DecodeFunction.DEAD_LETTERS).stream()
                    .map(StreamRecord::getValue).collect(Collectors.toList());
            assertThat(dead).extracting(d -> d.reason).containsExactly("unknown_family", "empty");
            assertThat(dead).extracting(d -> d.source).containsOnly("test-stream");
        }
    }

    @Test
    void countsEventsAndDeadLettersPerReason() throws Exception {
        InterceptingOperatorMetricGroup metrics = new com.example.eum.analytics.metrics.InterceptingExportedGroup();
        MockEnvironment env = new MockEnvironmentBuilder()
                .setMetricGroup(new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name) {
                        return metrics;
                    }
                })
                .build();
        DecodeFunction fn = new DecodeFunction(config("k"));
        try (OneInputStreamOperatorTestHarness<RawRecord, CanonicalEvent> h =
                     new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(fn), env)) {
            h.open();
            h.processElement(Samples.record(Samples.bytes("envelope_cwlogs_subscription_decoded.json")), 1L);
            h.processElement(Samples.record("[]"), 2L);
            h.processElement(Samples.record("{}"), 3L);
            h.processElement(Samples.record("{\"x\":1}"), 4L);
            assertThat(((Counter) metrics.get("eventsDecoded")).getCount()).isEqualTo(2);
            assertThat(((Counter) metrics.get("deadLetters")).getCount()).isEqualTo(3);
            assertThat(((Counter) metrics.get("deadLetters_unknown_family")).getCount()).isEqualTo(2);
            assertThat(((Counter) metrics.get("deadLetters_wrong_type")).getCount()).isEqualTo(1);
            assertThat(((Counter) metrics.get("deadLetters_bad_gzip")).getCount()).isEqualTo(0);
        }
        env.close();
    }

    @Test
    void missingHashKeyFailsAtOpenWithAClearMessage() {
        DecodeFunction fn = new DecodeFunction(config(null));
        assertThatThrownBy(() -> fn.open(DefaultOpenContext.INSTANCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JobConfig.destinationHashKey");
    }
}
