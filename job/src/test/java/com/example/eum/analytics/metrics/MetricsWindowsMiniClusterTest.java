package com.example.eum.analytics.metrics;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.WindowMetrics;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.example.eum.analytics.metrics.Deltas.delivered;
import static com.example.eum.analytics.metrics.Deltas.failed;
import static com.example.eum.analytics.metrics.Deltas.sent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both metrics tables wired by {@link MetricsWindows} in a real Flink job: a bounded source of hand-built deltas
 * with watermarks on attribution time, on-time firings, a coalesced late revision, and a delta past the allowed
 * lateness turned into dead letters.
 */
class MetricsWindowsMiniClusterTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    private static final long T0 = 1_700_000_100_000L;
    private static final String A = "+15555550100";
    private static final String B = "ACME";

    /** Watermark = highest attribution time seen - 1, emitted right after each record (deterministic lateness). */
    static final class EveryRecordWatermarks implements WatermarkGenerator<MessageDelta> {
        private long max = Long.MIN_VALUE;

        @Override
        public void onEvent(MessageDelta delta, long timestamp, WatermarkOutput output) {
            if (timestamp > max) {
                max = timestamp;
                output.emitWatermark(new Watermark(max - 1));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            // every watermark is emitted in onEvent
        }
    }

    private static List<MessageDelta> input() {
        List<MessageDelta> in = new ArrayList<>();
        in.add(sent(T0 + 10_000, Channel.SMS, "US", A, "m1", 5_810));
        in.add(sent(T0 + 20_000, Channel.SMS, "DE", B, "d1", 70_000));
        in.add(delivered(T0 + 25_000, Channel.SMS, "DE", B, "d1", 5_000));
        in.add(delivered(T0 + 320_000, Channel.SMS, "US", A, "m1", 310_000));  // watermark passes W0's end
        in.add(sent(T0 + 100_000, Channel.SMS, "US", A, "m2", 5_810));          // late for W0, within lateness
        in.add(sent(T0 + 110_000, Channel.SMS, "US", A, "m3", 5_810));          // late too, same watermark
        in.add(delivered(T0 + 120_000, Channel.SMS, "US", A, "m2", 20_000));    // late too, same watermark
        in.add(sent(T0 + 610_000, Channel.SMS, "US", A, "m4", 5_810));          // watermark advance: one re-firing
        MessageDelta inbound = Deltas.delta(T0 + 700_000, Channel.SMS, "DE", B, "in1");
        inbound.set(SumColumn.INBOUND, 1);
        in.add(inbound);
        in.add(failed(T0 + 1_000_000, Channel.SMS, "US", A, "m3", FailureClass.UNREACHABLE)); // W0 expires
        in.add(sent(T0 + 50_000, Channel.SMS, "US", A, "m5", 5_810));           // past the allowed lateness
        return in;
    }

    private static String row(WindowMetrics m) {
        return "W" + (m.windowStart - T0) / WindowHarness.WINDOW + " " + m.channel + " " + m.key + " rev" + m.revision
                + " msg=" + m.get(SumColumn.MESSAGES) + " del=" + m.get(SumColumn.DELIVERED) + " fail=" + m.get(SumColumn.FAILED) + "/" + m.get(SumColumn.FAILED_UNREACHABLE)
                + " pend=" + m.get(SumColumn.PENDING) + " in=" + m.get(SumColumn.INBOUND) + " price=" + m.get(SumColumn.PRICE_MICROS) + " rate=" + m.deliveryRate
                + " lat=" + m.latencyCount;
    }

    @Test
    void bothTablesGiveExactWindowsRevisionsAndLateDeadLetters() throws Exception {
        Configuration conf = new Configuration();
        conf.setString("restart-strategy.type", "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.getConfig().disableGenericTypes();
        JobConfig config = WindowHarness.config();

        List<MessageDelta> input = input();
        DataStream<MessageDelta> deltas = env.fromData(input, TypeInformation.of(MessageDelta.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<MessageDelta>forGenerator(ctx -> new EveryRecordWatermarks())
                        .withTimestampAssigner((d, ts) -> d.attributionTime));
        SingleOutputStreamOperator<WindowMetrics> byCountry = MetricsWindows.byCountry(deltas, config);
        SingleOutputStreamOperator<WindowMetrics> byOrigination = MetricsWindows.byOrigination(deltas, config);
        assertThat(byCountry.getType()).isEqualTo(TypeInformation.of(WindowMetrics.class));
        assertThat(byCountry.getTransformation().getUid()).isEqualTo("metrics-by-country");
        assertThat(byOrigination.getTransformation().getUid()).isEqualTo("metrics-by-origination");

        CloseableIterator<WindowMetrics> countryRows = byCountry.collectAsync();
        CloseableIterator<WindowMetrics> originationRows = byOrigination.collectAsync();
        CloseableIterator<DeadLetter> deadLetters =
                MetricsWindows.lateDeadLetters(byCountry).union(MetricsWindows.lateDeadLetters(byOrigination)).collectAsync();
        JobClient job = env.executeAsync("metrics-windows-test");
        List<WindowMetrics> country = drain(countryRows);
        List<WindowMetrics> origination = drain(originationRows);
        List<DeadLetter> late = drain(deadLetters);
        job.getJobExecutionResult().get();

        assertThat(country.stream().map(MetricsWindowsMiniClusterTest::row)).containsExactlyInAnyOrder(
                "W0 SMS US rev0 msg=1 del=0 fail=0/0 pend=1 in=0 price=5810 rate=null lat=0",
                "W0 SMS DE rev0 msg=1 del=1 fail=0/0 pend=0 in=0 price=70000 rate=1.0 lat=1",
                "W0 SMS US rev1 msg=3 del=1 fail=0/0 pend=2 in=0 price=17430 rate=1.0 lat=1",
                "W1 SMS US rev0 msg=0 del=1 fail=0/0 pend=-1 in=0 price=0 rate=1.0 lat=1",
                "W2 SMS US rev0 msg=1 del=0 fail=0/0 pend=1 in=0 price=5810 rate=null lat=0",
                "W2 SMS DE rev0 msg=0 del=0 fail=0/0 pend=0 in=1 price=0 rate=null lat=0",
                "W3 SMS US rev0 msg=0 del=0 fail=1/1 pend=-1 in=0 price=0 rate=0.0 lat=0");
        assertThat(origination.stream().map(MetricsWindowsMiniClusterTest::row)).containsExactlyInAnyOrder(
                "W0 SMS " + A + " rev0 msg=1 del=0 fail=0/0 pend=1 in=0 price=5810 rate=null lat=0",
                "W0 SMS " + B + " rev0 msg=1 del=1 fail=0/0 pend=0 in=0 price=70000 rate=1.0 lat=1",
                "W0 SMS " + A + " rev1 msg=3 del=1 fail=0/0 pend=2 in=0 price=17430 rate=1.0 lat=1",
                "W1 SMS " + A + " rev0 msg=0 del=1 fail=0/0 pend=-1 in=0 price=0 rate=1.0 lat=1",
                "W2 SMS " + A + " rev0 msg=1 del=0 fail=0/0 pend=1 in=0 price=5810 rate=null lat=0",
                "W2 SMS " + B + " rev0 msg=0 del=0 fail=0/0 pend=0 in=1 price=0 rate=null lat=0",
                "W3 SMS " + A + " rev0 msg=0 del=0 fail=1/1 pend=-1 in=0 price=0 rate=0.0 lat=0");
        // W0 US revision 1: the late m2 delivery's latency (20 s) is the only sample; p50 within 1%
        WindowMetrics revised = country.stream().filter(m -> m.revision == 1).findFirst().orElseThrow();
        assertThat(revised.latencyP50Ms).isBetween(19_800L, 20_200L);
        assertThat(revised.emittedAtWatermark).isEqualTo(T0 + 610_000 - 1);

        assertThat(late).extracting(d -> d.reason, d -> d.source, d -> d.detail).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("late", "metrics_by_country",
                        "delta later than the allowed lateness of its metrics_by_country window: channel=SMS key=US"
                                + " attribution_time=2023-11-14T22:15:50Z message_id=m5"),
                org.assertj.core.groups.Tuple.tuple("late", "metrics_by_origination",
                        "delta later than the allowed lateness of its metrics_by_origination window: channel=SMS key=" + A
                                + " attribution_time=2023-11-14T22:15:50Z message_id=m5"));

        // per column: the latest revision of every window, summed, plus the dead-lettered delta = the input
        for (List<WindowMetrics> table : List.of(country, origination)) {
            Map<String, WindowMetrics> latest = new HashMap<>();
            for (WindowMetrics m : table) {
                latest.merge(m.windowStart + "/" + m.key, m, (a, b) -> a.revision >= b.revision ? a : b);
            }
            MessageDelta dropped = input.get(input.size() - 1);
            for (SumColumn c : SumColumn.values()) {
                long in = input.stream().mapToLong(d -> d.get(c)).sum();
                assertThat(latest.values().stream().mapToLong(m -> m.get(c)).sum() + dropped.get(c)).as(c.name()).isEqualTo(in);
            }
            assertThat(latest.values().stream().mapToLong(m -> m.latencyCount).sum())
                    .isEqualTo(input.stream().filter(d -> d.latencyMs >= 0).count());
        }
    }

    private static <T> List<T> drain(CloseableIterator<T> it) throws Exception {
        List<T> out = new ArrayList<>();
        try (CloseableIterator<T> closing = it) {
            closing.forEachRemaining(out::add);
        }
        return out;
    }
}
