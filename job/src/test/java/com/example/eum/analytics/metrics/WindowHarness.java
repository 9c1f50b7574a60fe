package com.example.eum.analytics.metrics;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.WindowMetrics;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.util.function.BiFunction;

/**
 * A test harness around the real window operator that {@link MetricsWindows} builds: the operator is taken from the
 * transformation of a keyed windowed stream, so the harness runs exactly the assigner, trigger, lateness, side
 * output and functions the job runs. Records fed to it must carry timestamp = attribution time (what
 * {@link AttributionTimestamps} does upstream in the job).
 */
final class WindowHarness {
    private WindowHarness() {}

    static final long WINDOW = 300_000L;
    static final long LATENESS = 600_000L;

    static JobConfig config() {
        JobConfig config = new JobConfig();
        config.windowSize = java.time.Duration.ofMillis(WINDOW);
        config.allowedLateness = java.time.Duration.ofMillis(LATENESS);
        return config;
    }

    @SuppressWarnings("unchecked")
    static KeyedOneInputStreamOperatorTestHarness<String, MessageDelta, WindowMetrics> open(
            BiFunction<DataStream<MessageDelta>, JobConfig, SingleOutputStreamOperator<WindowMetrics>> wiring)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.getConfig().disableGenericTypes();
        DataStream<MessageDelta> source = env.fromData(TypeInformation.of(MessageDelta.class), new MessageDelta());
        SingleOutputStreamOperator<WindowMetrics> metrics = wiring.apply(source, config());
        OneInputTransformation<MessageDelta, WindowMetrics> window =
                (OneInputTransformation<MessageDelta, WindowMetrics>) metrics.getTransformation();
        OneInputStreamOperator<MessageDelta, WindowMetrics> operator =
                (OneInputStreamOperator<MessageDelta, WindowMetrics>)
                        ((SimpleOperatorFactory<WindowMetrics>) window.getOperatorFactory()).getOperator();
        KeyedOneInputStreamOperatorTestHarness<String, MessageDelta, WindowMetrics> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(operator,
                        (org.apache.flink.api.java.functions.KeySelector<MessageDelta, String>) window.getStateKeySelector(),
                        (TypeInformation<String>) window.getStateKeyType());
        harness.getExecutionConfig().disableGenericTypes();
        harness.open();
        return harness;
    }
}
