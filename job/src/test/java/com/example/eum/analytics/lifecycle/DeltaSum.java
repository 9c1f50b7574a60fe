package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.SumColumn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Field-by-field sums of lifecycle deltas, for assertions; latencies are collected, not summed. */
final class DeltaSum {
    private final long[] sums = new long[SumColumn.COUNT];
    final List<Long> latencies = new ArrayList<>();

    static DeltaSum of(Collection<MessageDelta> deltas) {
        DeltaSum s = new DeltaSum();
        for (MessageDelta d : deltas) {
            s.add(d);
        }
        return s;
    }

    /** Sums per attribution time (the window-relevant view). */
    static Map<Long, DeltaSum> byTime(Collection<MessageDelta> deltas) {
        Map<Long, DeltaSum> m = new TreeMap<>();
        for (MessageDelta d : deltas) {
            m.computeIfAbsent(d.attributionTime, t -> new DeltaSum()).add(d);
        }
        return m;
    }

    void add(MessageDelta d) {
        for (SumColumn c : SumColumn.values()) {
            sums[c.ordinal()] += d.get(c);
        }
        if (d.latencyMs >= 0 && d.latencyWeight > 0) {
            latencies.add(d.latencyMs);
        } else if (d.latencyMs >= 0) {
            latencies.remove(Long.valueOf(d.latencyMs)); // a moved delivery takes its sample back
        }
    }

    long get(SumColumn c) {
        return sums[c.ordinal()];
    }

    /** Every summed counter and amount that is not zero, latencies excluded, as a comparable string. */
    String counts() {
        StringBuilder b = new StringBuilder();
        for (SumColumn c : SumColumn.values()) {
            if (get(c) != 0) {
                b.append(b.length() == 0 ? "" : " ").append(c.columnName()).append('=').append(get(c));
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return counts() + " latencies=" + latencies;
    }
}
