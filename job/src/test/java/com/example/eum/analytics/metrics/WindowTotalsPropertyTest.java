package com.example.eum.analytics.metrics;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.WindowMetrics;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the order of deltas and watermarks: the latest revision of every window, summed over windows, plus the
 * deltas sent to the late side output, equals the sum of all input deltas; revisions count up from 0 without gaps;
 * and once the watermark passes every window's end + lateness, no state and no timer is left.
 */
class WindowTotalsPropertyTest {
    private static final long T0 = 1_700_000_100_000L;
    private static final String[] COUNTRIES = {"US", "DE", null};
    private static final FailureClass[] FAILURES = FailureClass.values();

    /** One step: a delta (attribution within 6 windows of T0) and how far the watermark moves after it. */
    static final class Step {
        final MessageDelta delta;
        final long watermarkAdvance;

        Step(MessageDelta delta, long watermarkAdvance) {
            this.delta = delta;
            this.watermarkAdvance = watermarkAdvance;
        }

        @Override
        public String toString() {
            return delta + " then +" + watermarkAdvance;
        }
    }

    @Provide
    Arbitrary<Step> steps() {
        Arbitrary<Long> offset = Arbitraries.longs().between(0, 6 * WindowHarness.WINDOW - 1);
        Arbitrary<Integer> country = Arbitraries.integers().between(0, COUNTRIES.length - 1);
        Arbitrary<Integer> small = Arbitraries.integers().between(-1, 3);
        Arbitrary<Long> price = Arbitraries.longs().between(0, 100_000);
        Arbitrary<Long> latency = Arbitraries.longs().between(-1, 4_000_000);
        Arbitrary<Long> advance = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(1, WindowHarness.WINDOW)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(WindowHarness.WINDOW, 2 * WindowHarness.LATENESS)));
        return Combinators.combine(offset, country, small, small, price, latency, advance).as((o, c, n1, n2, p, lat, adv) -> {
            MessageDelta d = Deltas.delta(T0 + o, Channel.SMS, COUNTRIES[c], "+15555550100", "m");
            d.set(SumColumn.MESSAGES, Math.max(0, n1));
            d.set(SumColumn.PENDING, n1);
            d.set(SumColumn.DELIVERED, Math.max(0, n2));
            d.set(SumColumn.READ, Math.max(0, n2 - 1));
            d.addFailure(FAILURES[(o.intValue() & 0x7fffffff) % FAILURES.length], Math.max(0, 1 - n2));
            d.set(SumColumn.WHATSAPP_FEE_MICROS, p / 3);
            d.set(SumColumn.CONVERTED, n1 & 1);
            d.set(SumColumn.PRICE_MICROS, p);
            d.latencyMs = lat;
            return new Step(d, adv);
        });
    }

    @Property(tries = 100)
    @StatisticsReport(onFailureOnly = true)
    void latestRevisionsPlusLateDeltasEqualTheInput(@ForAll @Size(min = 5, max = 60) List<@From("steps") Step> steps)
            throws Exception {
        try (WindowHarness harness =
                     WindowHarness.open(MetricsWindows::byCountry)) {
            long watermark = T0 - 1;
            for (Step s : steps) {
                harness.processElement(new StreamRecord<>(s.delta, s.delta.attributionTime));
                if (s.watermarkAdvance > 0) {
                    watermark += s.watermarkAdvance;
                    harness.processWatermark(watermark);
                }
            }
            harness.processWatermark(T0 + 6 * WindowHarness.WINDOW + WindowHarness.LATENESS);

            Map<String, WindowMetrics> latest = new HashMap<>();
            for (WindowMetrics m : harness.extractOutputValues()) {
                String id = m.windowStart + "/" + m.key;
                WindowMetrics previous = latest.get(id);
                assertThat(m.revision).as("revisions of %s count up by one", id)
                        .isEqualTo(previous == null ? 0 : previous.revision + 1);
                latest.put(id, m);
            }
            List<MessageDelta> late = new ArrayList<>();
            if (harness.getSideOutput(MetricsWindows.LATE_DELTAS) != null) {
                harness.getSideOutput(MetricsWindows.LATE_DELTAS).forEach(r -> late.add(r.getValue()));
            }
            Statistics.label("revised").collect(latest.values().stream().anyMatch(m -> m.revision > 0));
            Statistics.label("late side output").collect(!late.isEmpty());

            for (SumColumn c : SumColumn.values()) {
                long in = steps.stream().mapToLong(s -> s.delta.get(c)).sum();
                long out = latest.values().stream().mapToLong(m -> m.get(c)).sum() + late.stream().mapToLong(d -> d.get(c)).sum();
                assertThat(out).as(c.name()).isEqualTo(in);
            }
            long samples = steps.stream().filter(s -> s.delta.latencyMs >= 0).count();
            assertThat(latest.values().stream().mapToLong(m -> m.latencyCount).sum()
                    + late.stream().filter(d -> d.latencyMs >= 0).count()).isEqualTo(samples);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
        // the generated runs must exercise both late paths, else the property would prove little
        Statistics.label("revised").coverage(c -> c.check(true).percentage(p -> p >= 20));
        Statistics.label("late side output").coverage(c -> c.check(true).percentage(p -> p >= 20));
    }

    /**
     * Combining deltas ahead of the window ({@link WindowPreAggregator}) changes nothing: every row (all columns,
     * latency quantiles, carrier name, revision, watermark) and every late delta is the same as when each delta
     * reaches the window alone, also with latency take-backs and carrier names that differ within a window.
     */
    @Property(tries = 100)
    @StatisticsReport(onFailureOnly = true)
    void combinedTotalsGiveTheSameRowsAndLateDeltasAsSingleDeltas(@ForAll @Size(min = 5, max = 60) List<@From("steps") Step> steps)
            throws Exception {
        for (int i = 0; i < steps.size(); i++) {
            MessageDelta d = steps.get(i).delta;
            d.carrierName = i % 3 == 0 ? null : "Carrier " + (char) ('A' + i % 4);
            d.mcc = "310";
            d.mnc = i % 2 == 0 ? "260" : "410";
            if (i % 5 == 4 && d.latencyMs >= 0) {
                d.latencyWeight = -1; // takes back a sample, as a delivery that moved to an earlier success does
            }
        }
        List<BiFunction<DataStream<MessageDelta>, JobConfig, SingleOutputStreamOperator<WindowMetrics>>> tables =
                List.of(MetricsWindows::byCountry, MetricsWindows::byCarrier);
        for (BiFunction<DataStream<MessageDelta>, JobConfig, SingleOutputStreamOperator<WindowMetrics>> table : tables) {
            try (WindowHarness combined = WindowHarness.open(table); WindowHarness single = WindowHarness.open(table)) {
                long watermark = T0 - 1;
                for (Step s : steps) {
                    combined.processElement(new StreamRecord<>(s.delta, s.delta.attributionTime));
                    single.processElement(new StreamRecord<>(s.delta, s.delta.attributionTime));
                    single.prepareSnapshotPreBarrier(); // empties the buffer after every delta: each reaches the window alone
                    if (s.watermarkAdvance > 0) {
                        watermark += s.watermarkAdvance;
                        combined.processWatermark(watermark);
                        single.processWatermark(watermark);
                    }
                }
                combined.processWatermark(T0 + 6 * WindowHarness.WINDOW + WindowHarness.LATENESS);
                single.processWatermark(T0 + 6 * WindowHarness.WINDOW + WindowHarness.LATENESS);

                assertThat(single.windowInputs()).isEqualTo(steps.size());
                Statistics.label("combined").collect(combined.windowInputs() < steps.size());
                assertThat(combined.extractOutputValues()).usingRecursiveFieldByFieldElementComparator()
                        .containsExactlyInAnyOrderElementsOf(single.extractOutputValues());
                assertThat(lateDeltas(combined)).containsExactlyInAnyOrderElementsOf(lateDeltas(single));
                assertThat(combined.numKeyedStateEntries()).isZero();
                assertThat(combined.numEventTimeTimers()).isZero();
            }
        }
        Statistics.label("combined").coverage(c -> c.check(true).percentage(p -> p >= 30));
    }

    private static List<String> lateDeltas(WindowHarness harness) {
        List<String> late = new ArrayList<>();
        if (harness.getSideOutput(MetricsWindows.LATE_DELTAS) != null) {
            harness.getSideOutput(MetricsWindows.LATE_DELTAS).forEach(r -> late.add(r.getTimestamp() + " " + r.getValue()));
        }
        return late;
    }
}
