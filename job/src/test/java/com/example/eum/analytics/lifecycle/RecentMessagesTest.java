package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.SumColumn;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static com.example.eum.analytics.lifecycle.Ev.HOUR;
import static com.example.eum.analytics.lifecycle.Ev.MIN;
import static com.example.eum.analytics.lifecycle.Ev.SEC;
import static com.example.eum.analytics.lifecycle.Ev.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle's heap copy of recent messages, which on RocksDB writes a message's state and timer back only when it
 * leaves the copy, before a checkpoint and before a watermark passes one of its timer times: it must change nothing
 * in what the operator emits, in what a checkpoint holds, or in how the state drains; on the heap backend every change
 * is written at once.
 */
class RecentMessagesTest {
    private static final long HORIZON = new JobConfig().stateHorizon.toMillis();

    private static KeyedOneInputStreamOperatorTestHarness<String, CanonicalEvent, MessageDelta> harness(boolean rocksDb, int recent) throws Exception {
        JobConfig cfg = new JobConfig();
        cfg.recentMessages = recent;
        KeyedOneInputStreamOperatorTestHarness<String, CanonicalEvent, MessageDelta> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new MessageLifecycleOperator(new MessageLifecycleFunction(cfg, new FixedWhatsAppFees())), e -> e.messageId, Types.STRING);
        if (rocksDb) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        h.getExecutionConfig().disableGenericTypes();
        return h;
    }

    /** Messages with keyed state (on any backend). */
    private static long stateEntries(KeyedOneInputStreamOperatorTestHarness<String, CanonicalEvent, MessageDelta> h) throws Exception {
        KeyedStateBackend<String> backend = ((MessageLifecycleOperator) h.getOneInputOperator()).getKeyedStateBackend();
        try (Stream<String> keys = backend.getKeys("message", VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    /** Message {@code i}: the events of a property-test message, renamed and moved {@code i} times 7 s later. */
    private static List<CanonicalEvent> message(int i, Random random) {
        List<CanonicalEvent> events = random.nextInt(5) == 0
                ? LifecycleOrderPropertyTest.whatsappMessage(1 + random.nextInt(15))
                : LifecycleOrderPropertyTest.smsMessage(random.nextInt(64), random.nextInt(5), random.nextInt(5));
        long shift = i * 7 * SEC;
        List<CanonicalEvent> out = new ArrayList<>();
        for (CanonicalEvent e : LifecycleOrderPropertyTest.scramble(events, random)) {
            CanonicalEvent c = Ev.copy(e);
            c.messageId = "m" + i;
            c.eventId = "m" + i + "/" + e.eventId;
            c.eventTime += shift;
            c.ingestTime += shift;
            if (c.requestTime != null && c.requestTime == T0) {
                c.requestTime = T0 + shift;
            }
            out.add(c);
        }
        return out;
    }

    /** What one run emitted: delta sums per attribution time and the dead letters' details. */
    private static final class Emitted {
        final Map<Long, String> deltas;
        final List<String> deadLetters;

        Emitted(Map<Long, String> deltas, List<String> deadLetters) {
            this.deltas = deltas;
            this.deadLetters = deadLetters;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Emitted && deltas.equals(((Emitted) o).deltas) && deadLetters.equals(((Emitted) o).deadLetters);
        }

        @Override
        public int hashCode() {
            return deltas.hashCode() * 31 + deadLetters.hashCode();
        }

        @Override
        public String toString() {
            return "deltas " + deltas + ", dead letters " + deadLetters;
        }
    }

    /**
     * Runs {@code events} (watermark every 10, 2 min behind the latest event time) through an operator, takes a
     * checkpoint after {@code restoreAfter} events and goes on in a new operator restored from it, then drains.
     */
    private static Emitted run(List<CanonicalEvent> events, int restoreAfter, boolean rocksDb, int recent) throws Exception {
        List<MessageDelta> deltas = new ArrayList<>();
        List<String> dead = new ArrayList<>();
        KeyedOneInputStreamOperatorTestHarness<String, CanonicalEvent, MessageDelta> h = harness(rocksDb, recent);
        h.open();
        long maxTime = Long.MIN_VALUE;
        long watermark = Long.MIN_VALUE;
        try {
            for (int n = 0; n < events.size(); n++) {
                CanonicalEvent e = events.get(n);
                h.processElement(e, e.eventTime);
                maxTime = Math.max(maxTime, e.eventTime);
                if (n % 10 == 9 && maxTime - 2 * MIN > watermark) {
                    watermark = maxTime - 2 * MIN;
                    h.processWatermark(watermark);
                }
                if (n == restoreAfter) {
                    OperatorSubtaskState snapshot = h.snapshot(1L, maxTime);
                    collect(h, deltas, dead);
                    h.close();
                    h = harness(rocksDb, recent);
                    h.initializeState(snapshot);
                    h.open();
                }
            }
            h.processWatermark(maxTime + 2 * HORIZON);
            collect(h, deltas, dead);
            assertThat(stateEntries(h)).as("state drains").isZero();
            assertThat(h.numEventTimeTimers()).as("timers drain").isZero();
        } finally {
            h.close();
        }
        Map<Long, String> byTime = new TreeMap<>();
        DeltaSum.byTime(deltas).forEach((t, sum) -> byTime.put(t, sum.counts()));
        Collections.sort(dead);
        return new Emitted(byTime, dead);
    }

    private static void collect(KeyedOneInputStreamOperatorTestHarness<String, CanonicalEvent, MessageDelta> h,
                                List<MessageDelta> deltas, List<String> dead) {
        deltas.addAll(h.extractOutputValues());
        Queue<StreamRecord<DeadLetter>> q = h.getSideOutput(MessageLifecycleFunction.DEAD_LETTERS);
        if (q != null) {
            q.forEach(r -> dead.add(r.getValue().reason + ": " + r.getValue().detail));
        }
    }

    @Test
    void onRocksDbTheHeapCopyChangesNothingThatIsEmittedOrCheckpointed() throws Exception {
        for (long seed = 1; seed <= 4; seed++) {
            Random random = new Random(seed);
            List<CanonicalEvent> events = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                events.addAll(message(i, random));
            }
            // arrival order: by event time, each within a minute of disorder
            long[] jitter = random.longs(events.size(), 0, MIN).toArray();
            List<Integer> order = new ArrayList<>();
            for (int n = 0; n < events.size(); n++) {
                order.add(n);
            }
            order.sort((a, b) -> Long.compare(events.get(a).eventTime + jitter[a], events.get(b).eventTime + jitter[b]));
            List<CanonicalEvent> arriving = new ArrayList<>();
            order.forEach(n -> arriving.add(events.get(n)));
            int restoreAfter = random.nextInt(arriving.size());

            Emitted heap = run(arriving, restoreAfter, false, new JobConfig().recentMessages);
            assertThat(heap.deltas).isNotEmpty();
            assertThat(heap.deadLetters).isNotEmpty();
            Emitted rocksDb = run(arriving, restoreAfter, true, 3);
            assertThat(rocksDb).as("seed %d", seed).isEqualTo(heap);
            assertThat(run(arriving, restoreAfter, true, new JobConfig().recentMessages)).as("seed %d", seed).isEqualTo(heap);
            assertThat(run(arriving, restoreAfter, true, 0)).as("seed %d, no heap copy", seed).isEqualTo(heap);
        }
    }

    /** Changes reach RocksDB when a message leaves the heap copy, before a checkpoint, and before a watermark passes them. */
    @Test
    void onRocksDbChangesAreWrittenWhenTheyMustBe() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, CanonicalEvent, MessageDelta> h = harness(true, 2)) {
            h.open();
            h.processElement(Ev.sms("m1").pending(T0 + SEC).build(), T0 + SEC);
            h.processElement(Ev.sms("m1").delivered(T0 + 2 * SEC).build(), T0 + 2 * SEC);
            h.processElement(Ev.sms("m2").pending(T0 + 3 * SEC).build(), T0 + 3 * SEC);
            assertThat(stateEntries(h)).as("both on the heap, unwritten").isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            h.processElement(Ev.sms("m3").pending(T0 + 4 * SEC).build(), T0 + 4 * SEC);
            assertThat(stateEntries(h)).as("m1 left the heap copy: written once").isEqualTo(1);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            h.processWatermark(T0 + HOUR);
            assertThat(stateEntries(h)).as("no timer time reached").isEqualTo(1);
            h.snapshot(1L, T0 + HOUR);
            assertThat(stateEntries(h)).as("all written before the checkpoint").isEqualTo(3);
            assertThat(h.numEventTimeTimers()).isEqualTo(3);

            h.processElement(Ev.sms("m4").pending(T0 + HOUR + SEC).build(), T0 + HOUR + SEC); // outcome-unknown time: 72 h later
            assertThat(stateEntries(h)).isEqualTo(3);
            h.processWatermark(T0 + 73 * HOUR);
            assertThat(stateEntries(h)).as("written before the watermark passed its timer, which then fired").isEqualTo(4);
            assertThat(DeltaSum.of(h.extractOutputValues()).get(SumColumn.OUTCOME_UNKNOWN)).as("m2, m3, m4").isEqualTo(3);
        }
    }

    @Test
    void onTheHeapBackendEveryChangeIsWrittenAtOnce() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, CanonicalEvent, MessageDelta> h = harness(false, 2)) {
            h.open();
            h.processElement(Ev.sms("m1").pending(T0 + SEC).build(), T0 + SEC);
            assertThat(stateEntries(h)).isEqualTo(1);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
        }
    }
}
