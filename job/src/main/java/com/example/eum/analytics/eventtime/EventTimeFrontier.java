package com.example.eum.analytics.eventtime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * A robust estimate of how far event time has progressed, that no single record can move: the <em>frontier</em>.
 * Plain Java, no Flink types; not thread-safe (one instance per operator subtask).
 *
 * <p>Rules (schemas/lifecycle-rules.md, "Event time"):
 * <ul>
 *   <li>A timestamp at most {@code maxJump} ahead of the frontier moves it forward at once (ordinary progress and
 *       disorder); so does a timestamp {@link #advance vouched for} by something it cannot forge (its arrival time).</li>
 *   <li>A timestamp further ahead (or any timestamp while the frontier is still unknown) is a <em>candidate</em>:
 *       it moves nothing until {@code confirmations} candidates lie within {@code maxJump} of each other. Then the
 *       frontier moves to the earliest of that group, and every candidate now within reach is released and moves it
 *       on, as if it had just been observed. So a real gap (a quiet night in an archive, a backfill) is crossed after a handful of
 *       events, while an isolated outlier (a client clock days ahead, a unit slip) stays a candidate.</li>
 *   <li>A candidate not released within {@link #EXPIRY_OBSERVATIONS} observations expires, and at most
 *       {@link #MAX_CANDIDATES} are kept (the oldest expires first): memory stays bounded and stale outliers cannot
 *       add up to a quorum.</li>
 * </ul>
 *
 * <p>Candidates may carry an item (the event itself, for an operator that holds it back); the
 * {@link Listener} learns when an item is released or has expired.
 *
 * @param <T> what a candidate carries (null for timestamps only)
 */
public final class EventTimeFrontier<T> {
    /** The frontier before any timestamp is confirmed. */
    public static final long UNKNOWN = Long.MIN_VALUE;
    /** Observations after which an unconfirmed candidate expires. */
    public static final int EXPIRY_OBSERVATIONS = 10_000;
    /** Most candidates held at once. */
    public static final int MAX_CANDIDATES = 1_000;

    /** Learns what happens to held items. */
    public interface Listener<T> {
        /** The frontier caught up with the item: it may go on. */
        void released(T item, long timestamp);

        /** The item was never confirmed by other events ({@code why} says how it ended). */
        void expired(T item, long timestamp, String why);
    }

    /** A held timestamp and its item. */
    public static final class Candidate<T> {
        public final long timestamp;
        public final T item;
        final long observedAt;

        Candidate(long timestamp, T item, long observedAt) {
            this.timestamp = timestamp;
            this.item = item;
            this.observedAt = observedAt;
        }
    }

    private final long maxJump;
    private final int confirmations;
    private long frontier = UNKNOWN;
    private long observations;
    /** In arrival order (oldest first). */
    private final List<Candidate<T>> candidates = new ArrayList<>();

    public EventTimeFrontier(long maxJumpMs, int confirmations) {
        if (maxJumpMs <= 0 || confirmations < 1) {
            throw new IllegalArgumentException("maxJump must be positive and confirmations at least 1");
        }
        this.maxJump = maxJumpMs;
        this.confirmations = confirmations;
    }

    /** The confirmed event-time frontier, or {@link #UNKNOWN}. */
    public long frontier() {
        return frontier;
    }

    /** How many candidates are held. */
    public int held() {
        return candidates.size();
    }

    /** Held candidates, oldest first (for snapshots and tests). */
    public List<Candidate<T>> candidates() {
        return List.copyOf(candidates);
    }

    /**
     * One event's timestamp. Returns true when it is within reach of the frontier (the frontier moved to it if it
     * is ahead); false when it was kept as a candidate with {@code item}. Either way, earlier candidates may be
     * released or expire through {@code listener}.
     */
    public boolean observe(long timestamp, T item, Listener<T> listener) {
        observations++;
        boolean within = frontier != UNKNOWN && timestamp <= frontier + maxJump;
        if (within) {
            if (timestamp > frontier) {
                moveTo(timestamp, listener);
            }
        } else {
            candidates.add(new Candidate<>(timestamp, item, observations));
            confirmGroups(listener);
        }
        expire(listener);
        return within;
    }

    /** A timestamp that something trustworthy vouches for (its arrival time): the frontier moves to it at once. */
    public void advance(long timestamp, Listener<T> listener) {
        observations++;
        if (timestamp > frontier) {
            moveTo(timestamp, listener);
        }
        expire(listener);
    }

    /** Releases every held item that {@code vouched} accepts, whatever its timestamp. */
    public void releaseIf(Predicate<T> vouched, Listener<T> listener) {
        for (Iterator<Candidate<T>> it = candidates.iterator(); it.hasNext(); ) {
            Candidate<T> c = it.next();
            if (c.item != null && vouched.test(c.item)) {
                it.remove();
                listener.released(c.item, c.timestamp);
            }
        }
    }

    /**
     * The input ended. While the frontier is still unknown (fewer than {@code confirmations} events in all), the
     * largest group within {@code maxJump} is the best evidence there is: it is confirmed. Every candidate then
     * still ahead of reach expires.
     */
    public void endOfInput(Listener<T> listener) {
        if (frontier == UNKNOWN && !candidates.isEmpty()) {
            long[] best = largestGroup();
            moveTo(best[0], listener);
        }
        List<Candidate<T>> left = new ArrayList<>(candidates);
        candidates.clear();
        for (Candidate<T> c : left) {
            expired(listener, c, "the input ended before " + confirmations
                    + " events within " + maxJump + " ms of it confirmed it");
        }
    }

    /** Restores a frontier from a snapshot (the lowest of the restored ones: never ahead of any subtask). */
    public void restore(long restoredFrontier) {
        frontier = restoredFrontier;
    }

    /** Re-holds a candidate from a snapshot. */
    public void restoreCandidate(long timestamp, T item) {
        candidates.add(new Candidate<>(timestamp, item, observations));
    }

    /** Moves to {@code newFrontier}; candidates now within reach are released and move it on as if just observed. */
    private void moveTo(long newFrontier, Listener<T> listener) {
        frontier = newFrontier;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Iterator<Candidate<T>> it = candidates.iterator(); it.hasNext(); ) {
                Candidate<T> c = it.next();
                if (c.timestamp <= frontier + maxJump) {
                    it.remove();
                    if (c.timestamp > frontier) {
                        frontier = c.timestamp;
                        moved = true;
                    }
                    if (c.item != null) {
                        listener.released(c.item, c.timestamp);
                    }
                }
            }
        }
    }

    /** While some {@code confirmations} candidates lie within maxJump of each other, move to the earliest such group. */
    private void confirmGroups(Listener<T> listener) {
        while (candidates.size() >= confirmations) {
            long[] sorted = sortedTimestamps();
            long start = UNKNOWN;
            for (int i = 0, j = 0; i + confirmations <= sorted.length; i++) {
                j = Math.max(j, i);
                while (j + 1 < sorted.length && sorted[j + 1] <= sorted[i] + maxJump) {
                    j++;
                }
                if (j - i + 1 >= confirmations) {
                    start = sorted[i];
                    break;
                }
            }
            if (start == UNKNOWN || start <= frontier) {
                return;
            }
            moveTo(start, listener);
        }
    }

    /** {start, size} of the group within maxJump with the most candidates (the earliest among equals). */
    private long[] largestGroup() {
        long[] sorted = sortedTimestamps();
        long bestStart = sorted[0];
        int bestSize = 0;
        for (int i = 0, j = 0; i < sorted.length; i++) {
            j = Math.max(j, i);
            while (j + 1 < sorted.length && sorted[j + 1] <= sorted[i] + maxJump) {
                j++;
            }
            if (j - i + 1 > bestSize) {
                bestSize = j - i + 1;
                bestStart = sorted[i];
            }
        }
        return new long[] {bestStart, bestSize};
    }

    private long[] sortedTimestamps() {
        long[] t = new long[candidates.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = candidates.get(i).timestamp;
        }
        java.util.Arrays.sort(t);
        return t;
    }

    private static <T> void expired(Listener<T> listener, Candidate<T> c, String why) {
        if (c.item != null) {
            listener.expired(c.item, c.timestamp, why);
        }
    }

    private void expire(Listener<T> listener) {
        while (candidates.size() > MAX_CANDIDATES) {
            Candidate<T> c = candidates.remove(0);
            expired(listener, c, "more than " + MAX_CANDIDATES + " unconfirmed events were held");
        }
        while (!candidates.isEmpty() && candidates.get(0).observedAt + EXPIRY_OBSERVATIONS < observations) {
            Candidate<T> c = candidates.remove(0);
            expired(listener, c, "no " + confirmations + " events within " + maxJump
                    + " ms of it confirmed it in the next " + EXPIRY_OBSERVATIONS + " events");
        }
    }
}
