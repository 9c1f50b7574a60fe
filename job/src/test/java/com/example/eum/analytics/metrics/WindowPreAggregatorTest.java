package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.SumColumn;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.example.eum.analytics.metrics.WindowHarness.LATENESS;
import static com.example.eum.analytics.metrics.WindowHarness.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

/** The combining ahead of the metrics windows: what it emits, when, and what it passes on alone. */
class WindowPreAggregatorTest {
    private static final long T0 = 1_700_000_100_000L - 1_700_000_100_000L % WINDOW;

    private OneInputStreamOperatorTestHarness<MessageDelta, PartialTotals> h;

    @BeforeEach
    void open() throws Exception {
        h = new OneInputStreamOperatorTestHarness<>(new WindowPreAggregator(MetricsKey.byCountry(), WINDOW, LATENESS));
        h.open();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static MessageDelta sent(long t, String country, long priceMicros) {
        MessageDelta d = Deltas.delta(t, Channel.SMS, country, "+15555550100", "m" + t);
        d.set(SumColumn.MESSAGES, 1);
        d.set(SumColumn.PENDING, 1);
        d.set(SumColumn.PRICE_MICROS, priceMicros);
        return d;
    }

    private void feed(MessageDelta d) throws Exception {
        h.processElement(new StreamRecord<>(d, d.attributionTime));
    }

    /** The output so far, in order: "W<watermark>" or the key, window start offset, count and messages of a record. */
    private List<String> drain() {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof Watermark) {
                out.add("W" + (((Watermark) o).getTimestamp() - T0));
            } else if (o instanceof WatermarkStatus) {
                out.add(((WatermarkStatus) o).isIdle() ? "IDLE" : "ACTIVE");
            } else {
                @SuppressWarnings("unchecked")
                StreamRecord<PartialTotals> r = (StreamRecord<PartialTotals>) o;
                PartialTotals p = r.getValue();
                long messages = p.delta != null ? p.delta.get(SumColumn.MESSAGES) : p.totals.get(SumColumn.MESSAGES);
                long price = p.delta != null ? p.delta.get(SumColumn.PRICE_MICROS) : p.totals.get(SumColumn.PRICE_MICROS);
                out.add(p.key + (p.delta != null ? " one" : " combined") + " t+" + (r.getTimestamp() - T0) + " n=" + p.deltas
                        + " messages=" + messages + " price=" + price);
            }
        }
        h.getOutput().clear();
        return out;
    }

    @Test
    void deltasOfOneKeyAndWindowAreCombinedAndEmittedBeforeTheWatermark() throws Exception {
        feed(sent(T0 + 10_000, "US", 5_810));
        feed(sent(T0 + 30_000, "US", 5_810));
        feed(sent(T0 + 20_000, "US", 5_810));
        feed(sent(T0 + 15_000, "DE", 70_000));
        feed(sent(T0 + WINDOW + 5_000, "US", 1)); // the next window: its own totals
        assertThat(drain()).isEmpty();

        h.processWatermark(T0 + 40_000);
        assertThat(drain()).containsExactlyInAnyOrder(
                        "SMS|US combined t+30000 n=3 messages=3 price=17430",
                        "SMS|DE one t+15000 n=1 messages=1 price=70000",
                        "SMS|US one t+305000 n=1 messages=1 price=1",
                        "W40000")
                .endsWith("W40000");
    }

    @Test
    void aCheckpointBarrierAndTheEndOfInputEmptyTheBuffer() throws Exception {
        feed(sent(T0 + 10_000, "US", 1));
        feed(sent(T0 + 11_000, "US", 2));
        h.prepareSnapshotPreBarrier(1L);
        assertThat(drain()).containsExactly("SMS|US combined t+11000 n=2 messages=2 price=3");

        feed(sent(T0 + 12_000, "US", 4));
        h.endInput();
        assertThat(drain()).containsExactly("SMS|US one t+12000 n=1 messages=1 price=4");
    }

    @Test
    void anInputGoingIdleEmptiesTheBufferBeforeTheStatusIsForwarded() throws Exception {
        feed(sent(T0 + 10_000, "US", 1));
        feed(sent(T0 + 11_000, "US", 2));
        h.processWatermarkStatus(WatermarkStatus.IDLE);
        assertThat(drain()).containsExactly("SMS|US combined t+11000 n=2 messages=2 price=3", "IDLE");
    }

    @Test
    void aDeltaLateForItsWindowIsPassedOnAloneAtOnce() throws Exception {
        h.processWatermark(T0 + WINDOW + LATENESS + 20_000);
        drain();
        // attribution + lateness at or before the watermark: the window would send it to its late output
        feed(sent(T0 + 20_000, "US", 1));
        feed(sent(T0 + WINDOW + 20_000, "US", 2)); // exactly at the limit: late
        // within the lateness: combined as usual
        feed(sent(T0 + WINDOW + 20_001, "US", 4));
        feed(sent(T0 + WINDOW + 25_000, "US", 8));
        assertThat(drain()).containsExactly(
                "SMS|US one t+20000 n=1 messages=1 price=1",
                "SMS|US one t+" + (WINDOW + 20_000) + " n=1 messages=1 price=2");
        h.processWatermark(T0 + WINDOW + LATENESS + 30_000);
        assertThat(drain()).containsExactly("SMS|US combined t+" + (WINDOW + 25_000) + " n=2 messages=2 price=12",
                "W" + (WINDOW + LATENESS + 30_000));
    }

    @Test
    void theBufferIsBoundedItEmptiesItselfAtItsLimit() throws Exception {
        for (int i = 0; i < WindowPreAggregator.MAX_BUFFERED - 1; i++) {
            feed(sent(T0 + 1_000, "C" + i, 1));
        }
        assertThat(h.getOutput()).isEmpty();
        feed(sent(T0 + 1_000, "C" + WindowPreAggregator.MAX_BUFFERED, 1));
        assertThat(drain()).hasSize(WindowPreAggregator.MAX_BUFFERED);
        feed(sent(T0 + 1_000, "C0", 1));
        assertThat(h.getOutput()).isEmpty();
    }
}
