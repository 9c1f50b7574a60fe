package com.example.eum.analytics.lifecycle;

import org.apache.flink.api.common.state.ValueState;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lifecycle's keyed {@link MessageState} with the most recently used messages also kept on the heap, written
 * through: every update and clear goes to the keyed state as well, so the state backend always holds exactly what a
 * checkpoint must, and a restored or rescaled operator starts with an empty heap copy and reads the backend.
 *
 * <p>Why: on RocksDB, which Managed Flink runs, every read of a message's state is a native {@code get} and a
 * deserialization; a message's receipt and feedback mostly arrive seconds to minutes after its request, while it is
 * still among the recent ones, so those reads come from the heap. A message's state is only changed through
 * {@link #update} (the operator reads, applies the rules, then updates or clears on every path that changes it), so the
 * heap copy is never ahead of or behind the backend.
 *
 * <p>Bounded: at most {@code capacity} messages (least recently used dropped first).
 *
 * <p>Only on RocksDB. The heap backend already answers reads from the heap, and it must see every read: its
 * asynchronous snapshot shares the state objects with the running job and copies an object when it is read during a
 * snapshot ({@code CopyOnWriteStateMap}), so an object handed out by a copy of our own could be changed while the
 * snapshot writes it. On any state that is not RocksDB's own (the heap backend, changelog or latency-tracking
 * wrappers), every call goes straight to the keyed state.
 */
final class RecentMessages {
    private final ValueState<MessageState> state;
    /** Null when the state is not RocksDB's: no heap copy. */
    private final Map<String, MessageState> recent;

    /**
     * @param state the operator's keyed state (its current key is the message read or written)
     * @param capacity messages kept on the heap
     */
    RecentMessages(ValueState<MessageState> state, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.state = state;
        this.recent = !serializesOnEveryAccess(state) ? null : new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 4 / 3 + 1, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, MessageState> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True for RocksDB's keyed state, which keeps bytes and hands out a new object on every read. */
    static boolean serializesOnEveryAccess(ValueState<?> state) {
        return state.getClass().getName().startsWith("org.apache.flink.contrib.streaming.state.");
    }

    /** The state of {@code key}, the keyed state's current key; null when the message has none. */
    MessageState value(String key) throws IOException {
        if (recent == null) {
            return state.value();
        }
        MessageState s = recent.get(key);
        if (s == null) {
            s = state.value();
            if (s != null) {
                recent.put(key, s);
            }
        }
        return s;
    }

    /** Stores the state of {@code key}, the keyed state's current key. */
    void update(String key, MessageState s) throws IOException {
        state.update(s);
        if (recent != null) {
            recent.put(key, s);
        }
    }

    /** Removes the state of {@code key}, the keyed state's current key. */
    void clear(String key) {
        state.clear();
        if (recent != null) {
            recent.remove(key);
        }
    }

    /** Messages on the heap now (0 when the state is not RocksDB's). */
    int size() {
        return recent == null ? 0 : recent.size();
    }
}
