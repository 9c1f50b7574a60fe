package com.example.eum.analytics.metrics;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.WindowMetrics;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.BiFunction;

/**
 * A test harness around the real operators that {@link MetricsWindows} builds in front of a table: the
 * {@link WindowPreAggregator} and the window operator, both taken from the transformations of the keyed windowed
 * stream, so the harness runs exactly the combining, assigner, trigger, lateness, side output and functions the job
 * runs. Deltas go into the pre-aggregator; whatever it emits (combined totals, single deltas, watermarks) is handed to
 * the window operator in order, as the keyBy between them does. Records fed to it must carry timestamp =
 * attribution time (what {@link AttributionTimestamps} does upstream in the job).
 */
final class WindowHarness implements AutoCloseable {
    static final long WINDOW = 300_000L;
    static final long LATENESS = 600_000L;

    private final OneInputStreamOperatorTestHarness<MessageDelta, PartialTotals> preAggregate;
    private final KeyedOneInputStreamOperatorTestHarness<String, PartialTotals, WindowMetrics> window;
    /** Records the window received: single deltas and combined totals. */
    private long received;

    private WindowHarness(OneInputStreamOperatorTestHarness<MessageDelta, PartialTotals> preAggregate,
                          KeyedOneInputStreamOperatorTestHarness<String, PartialTotals, WindowMetrics> window) {
        this.preAggregate = preAggregate;
        this.window = window;
    }

    static JobConfig config() {
        JobConfig config = new JobConfig();
        config.windowSize = java.time.Duration.ofMillis(WINDOW);
        config.allowedLateness = java.time.Duration.ofMillis(LATENESS);
        return config;
    }

    @SuppressWarnings("unchecked")
    static WindowHarness open(BiFunction<DataStream<MessageDelta>, JobConfig, SingleOutputStreamOperator<WindowMetrics>> wiring)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.getConfig().disableGenericTypes();
        DataStream<MessageDelta> source = env.fromData(TypeInformation.of(MessageDelta.class), new MessageDelta());
        SingleOutputStreamOperator<WindowMetrics> metrics = wiring.apply(source, config());
        OneInputTransformation<PartialTotals, WindowMetrics> windowed =
                (OneInputTransformation<PartialTotals, WindowMetrics>) metrics.getTransformation();
        OneInputStreamOperator<PartialTotals, WindowMetrics> windowOperator =
                (OneInputStreamOperator<PartialTotals, WindowMetrics>)
                        ((SimpleOperatorFactory<WindowMetrics>) windowed.getOperatorFactory()).getOperator();
        // window <- keyBy (partition) <- pre-aggregate
        Transformation<?> keyBy = windowed.getInputs().get(0);
        OneInputTransformation<MessageDelta, PartialTotals> combining =
                (OneInputTransformation<MessageDelta, PartialTotals>) keyBy.getInputs().get(0);
        WindowPreAggregator preAggregator = (WindowPreAggregator)
                ((SimpleOperatorFactory<PartialTotals>) combining.getOperatorFactory()).getOperator();

        OneInputStreamOperatorTestHarness<MessageDelta, PartialTotals> pre = new OneInputStreamOperatorTestHarness<>(preAggregator);
        pre.getExecutionConfig().disableGenericTypes();
        pre.open();
        KeyedOneInputStreamOperatorTestHarness<String, PartialTotals, WindowMetrics> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(windowOperator,
                        (org.apache.flink.api.java.functions.KeySelector<PartialTotals, String>) windowed.getStateKeySelector(),
                        (TypeInformation<String>) windowed.getStateKeyType());
        harness.getExecutionConfig().disableGenericTypes();
        harness.open();
        return new WindowHarness(pre, harness);
    }

    void processElement(StreamRecord<MessageDelta> delta) throws Exception {
        preAggregate.processElement(delta);
        forward();
    }

    void processWatermark(long watermark) throws Exception {
        preAggregate.processWatermark(watermark);
        forward();
    }

    /** Empties the pre-aggregator's buffer as a checkpoint barrier does. */
    void prepareSnapshotPreBarrier() throws Exception {
        preAggregate.prepareSnapshotPreBarrier(1L);
        forward();
    }

    private void forward() throws Exception {
        Queue<Object> out = preAggregate.getOutput();
        Object next;
        while ((next = out.poll()) != null) {
            if (next instanceof Watermark) {
                window.processWatermark((Watermark) next);
            } else {
                @SuppressWarnings("unchecked")
                StreamRecord<PartialTotals> record = (StreamRecord<PartialTotals>) next;
                window.processElement(record);
                received++;
            }
        }
    }

    /** Records the window operator received so far (single deltas and combined totals). */
    long windowInputs() {
        return received;
    }

    List<WindowMetrics> extractOutputValues() {
        return window.extractOutputValues();
    }

    Queue<Object> getOutput() {
        return window.getOutput();
    }

    /** The window's late side output as the deltas in it (null when it has none, like the harness's own). */
    List<StreamRecord<MessageDelta>> getSideOutput(OutputTag<PartialTotals> tag) {
        Queue<StreamRecord<PartialTotals>> late = window.getSideOutput(tag);
        if (late == null) {
            return null;
        }
        List<StreamRecord<MessageDelta>> deltas = new ArrayList<>();
        for (StreamRecord<PartialTotals> r : late) {
            if (r.getValue().delta == null) {
                throw new AssertionError("combined totals of " + r.getValue().deltas + " deltas reached the late output");
            }
            deltas.add(new StreamRecord<>(r.getValue().delta, r.getTimestamp()));
        }
        return deltas;
    }

    int numKeyedStateEntries() {
        return window.numKeyedStateEntries();
    }

    int numEventTimeTimers() {
        return window.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        preAggregate.close();
        window.close();
    }
}
