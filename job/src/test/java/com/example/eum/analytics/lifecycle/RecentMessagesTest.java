package com.example.eum.analytics.lifecycle;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle's heap copy of recent messages, on RocksDB only: reads of evicted messages come from the backend with
 * their last update, clears reach both, the copy stays bounded, and a snapshot holds every update (write-through); on
 * the heap backend every call goes to the state itself.
 */
class RecentMessagesTest {
    /** Commands "key set VALUE" (origination id of the key's state), "key get", "key clear"; get emits "key=VALUE|none|heap N". */
    static final class Commands extends KeyedProcessFunction<String, String, String> {
        private static final long serialVersionUID = 1L;
        private transient RecentMessages messages;

        @Override
        public void open(OpenContext openContext) {
            messages = new RecentMessages(getRuntimeContext().getState(
                    new ValueStateDescriptor<>("message", MessageStateSerializer.INSTANCE)), 2);
        }

        @Override
        public void processElement(String command, Context ctx, Collector<String> out) throws Exception {
            String[] c = command.split(" ");
            String key = ctx.getCurrentKey();
            switch (c[1]) {
                case "set": {
                    MessageState s = messages.value(key);
                    if (s == null) {
                        s = new MessageState();
                    }
                    s.originationId = c[2];
                    messages.update(key, s);
                    break;
                }
                case "get": {
                    MessageState s = messages.value(key);
                    out.collect(key + "=" + (s == null ? "none" : s.originationId) + " heap " + messages.size());
                    break;
                }
                case "clear":
                    messages.clear(key);
                    break;
                default:
                    throw new IllegalArgumentException(command);
            }
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, String, String> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new Commands()), c -> c.split(" ")[0], Types.STRING);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        return h;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, String, String> h, String... commands) throws Exception {
        for (String c : commands) {
            h.processElement(c, 0L);
        }
    }

    @Test
    void evictedMessagesAreReadBackFromRocksDbWithTheirLastUpdateAndClearsReachBoth() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, String, String> h = harness()) {
            h.open();
            send(h, "a set +1", "b set +2", "a set +11", "c set +3"); // b is the least recently used: dropped from the heap
            send(h, "c get", "b get", "a get"); // b comes back from RocksDB, a is dropped in turn
            send(h, "b clear", "b get", "a get", "d get");
            assertThat(h.extractOutputValues()).containsExactly(
                    "c=+3 heap 2", "b=+2 heap 2", "a=+11 heap 2",
                    "b=none heap 1", "a=+11 heap 1", "d=none heap 1");
            snapshot = h.snapshot(1L, 1L);
        }
        // the clear reached RocksDB too: a restored operator (empty heap copy) finds no b
        try (KeyedOneInputStreamOperatorTestHarness<String, String, String> h = harness()) {
            h.initializeState(snapshot);
            h.open();
            send(h, "b get", "a get", "c get");
            assertThat(h.extractOutputValues()).containsExactly("b=none heap 0", "a=+11 heap 1", "c=+3 heap 2");
        }
    }

    @Test
    void onTheHeapBackendEveryReadGoesToTheStateItself() throws Exception {
        // the heap backend copies an object read during an asynchronous snapshot: it must see every read
        try (KeyedOneInputStreamOperatorTestHarness<String, String, String> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new Commands()), c -> c.split(" ")[0], Types.STRING)) {
            h.open();
            send(h, "a set +1", "b set +2", "a get", "b clear", "b get");
            assertThat(h.extractOutputValues()).containsExactly("a=+1 heap 0", "b=none heap 0");
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        }
    }

    @Test
    void aSnapshotHoldsEveryUpdateAndARestoredOperatorStartsWithAnEmptyHeapCopy() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, String, String> h = harness()) {
            h.open();
            send(h, "a set +1", "b set +2", "a set +11", "c set +3", "c set +33");
            snapshot = h.snapshot(1L, 1L);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, String, String> h = harness()) {
            h.initializeState(snapshot);
            h.open();
            send(h, "a get", "b get", "c get");
            List<String> out = h.extractOutputValues();
            assertThat(out).containsExactly("a=+11 heap 1", "b=+2 heap 2", "c=+33 heap 2");
        }
    }
}
