package com.example.eum.analytics.lifecycle;

import org.apache.flink.api.common.state.ValueState;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.example.eum.analytics.lifecycle.MessageState.NONE;

/**
 * The lifecycle's keyed {@link MessageState} with the most recently used messages kept on the heap, and their changes
 * written back to Flink (the state, and the message's one timer) only when they must be: when the message leaves the
 * heap copy, before a checkpoint takes the keyed state, and before a watermark passes the time of its old or new timer.
 *
 * <p>Why: on RocksDB, which Managed Flink runs, every read of a message's state is a native get and a deserialization,
 * every update a serialization and a put, and every timer moved a delete and a put in the timer column family. A
 * message's receipts and feedback mostly arrive seconds to minutes after its request, while it is still among the
 * recent ones: its request and its delivery receipt then cost one write of each kind instead of two or three.
 *
 * <p>Nothing is lost or seen late: a checkpoint or savepoint holds every change (the operator calls {@link #flush}
 * before the keyed state is snapshotted), no timer fires while its message has unwritten changes (the operator calls
 * {@link #flushIfDue} before every watermark), and a restored or rescaled operator starts with an empty heap copy and
 * reads the backend.
 *
 * <p>Bounded: at most {@code capacity} messages ({@code Processing.recentMessages}; least recently used written back
 * and dropped first).
 *
 * <p>Only on RocksDB. The heap backend already keeps its state on the heap, and it must see every read and write: its
 * asynchronous snapshot shares the state objects with the running job and copies an object when it is read during a
 * snapshot ({@code CopyOnWriteStateMap}), so an object handed out by a copy of our own could be changed while the
 * snapshot writes it. On any state that is not RocksDB's own (the heap backend, changelog or latency-tracking
 * wrappers), every read goes to the keyed state and every change is written at once.
 */
final class RecentMessages {
    /** A message as the operator works on it: its state, and the timer Flink holds for it. */
    static final class Entry {
        /** Null when the message has no state. */
        MessageState state;
        /** Time of the message's timer registered in Flink, or NONE. */
        long timer = NONE;
        /** That timer is in the operator's clear-timer service. */
        boolean timerClears;
        /** The state or the timer changed since they were last written to Flink. */
        boolean dirty;
    }

    /** How an entry reaches Flink; implemented by the operator's function. */
    interface Writer {
        /** Sets {@link Entry#timer} and {@link Entry#timerClears} of a message just read from the keyed state. */
        void registeredTimer(Entry e);

        /**
         * Writes the entry's state and moves its timer to where the state needs it, under the keyed state's key
         * {@code key} (which need not be the current key), and marks it clean.
         */
        void write(String key, Entry e) throws Exception;
    }

    private final ValueState<MessageState> state;
    private final Writer writer;
    private final int capacity;
    /** Null when the state is not RocksDB's: no heap copy. */
    private final LinkedHashMap<String, Entry> recent;
    /** Earliest old or new timer time of any unwritten entry; Long.MAX_VALUE when none. */
    private long earliestDue = Long.MAX_VALUE;

    /**
     * @param state the operator's keyed state (its current key is the message read, changed or removed)
     * @param capacity messages kept on the heap (0: none, every change written at once)
     */
    RecentMessages(ValueState<MessageState> state, int capacity, Writer writer) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be 0 or more, got " + capacity);
        }
        this.state = state;
        this.writer = writer;
        this.capacity = capacity;
        this.recent = capacity == 0 || !serializesOnEveryAccess(state) ? null : new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 4 / 3 + 1, 0.75f, true);
    }

    /** True for RocksDB's keyed state, which keeps bytes and hands out a new object on every read. */
    static boolean serializesOnEveryAccess(ValueState<?> state) {
        return state.getClass().getName().startsWith("org.apache.flink.contrib.streaming.state.");
    }

    /** The message {@code key}, the keyed state's current key (an entry without state when it has none). */
    Entry get(String key) throws Exception {
        if (recent != null) {
            Entry e = recent.get(key);
            if (e != null) {
                return e;
            }
        }
        Entry e = new Entry();
        e.state = state.value();
        if (e.state != null) {
            writer.registeredTimer(e);
            if (recent != null) {
                recent.put(key, e);
                evictBeyondCapacity();
            }
        }
        return e;
    }

    /**
     * The entry of {@code key}, the keyed state's current key, changed (state set, timer not yet moved); {@code due}
     * is the earlier of its old and new timer times (NONE for none). Without a heap copy it is written now.
     */
    void changed(String key, Entry e, long due) throws Exception {
        if (recent == null) {
            writer.write(key, e);
            return;
        }
        e.dirty = true;
        if (due != NONE) {
            earliestDue = Math.min(earliestDue, due);
        }
        if (recent.putIfAbsent(key, e) == null) {
            evictBeyondCapacity();
        }
    }

    /** The entry of {@code key} if it is on the heap, without reading the keyed state; null otherwise. */
    Entry onHeap(String key) {
        return recent == null ? null : recent.get(key);
    }

    /** Removes the state of {@code key}, the keyed state's current key. Its timer is the caller's. */
    void remove(String key) {
        state.clear();
        if (recent != null) {
            recent.remove(key);
        }
    }

    /** Writes every unwritten entry when the watermark reaches the time of an old or new timer of one of them. */
    void flushIfDue(long watermark) throws Exception {
        if (watermark >= earliestDue) {
            flush();
        }
    }

    /** Writes every unwritten entry. */
    void flush() throws Exception {
        if (recent == null) {
            return;
        }
        for (Map.Entry<String, Entry> e : recent.entrySet()) {
            if (e.getValue().dirty) {
                writer.write(e.getKey(), e.getValue());
            }
        }
        earliestDue = Long.MAX_VALUE;
    }

    private void evictBeyondCapacity() throws Exception {
        Iterator<Map.Entry<String, Entry>> eldest = recent.entrySet().iterator();
        while (recent.size() > capacity) {
            Map.Entry<String, Entry> e = eldest.next();
            if (e.getValue().dirty) {
                writer.write(e.getKey(), e.getValue());
            }
            eldest.remove();
        }
    }
}
