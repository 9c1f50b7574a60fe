package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.SumColumn;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The running totals of one window and key: the sum of every count and money column ({@link SumColumn}) of the
 * {@link MessageDelta}s that fell into it, plus a {@link LatencySketch} of their delivery latencies. Windows only
 * add deltas up, so this is all a window needs to remember; {@link MetricsRow} turns it into a row.
 *
 * <p>Window state lives up to 72 h and Managed Flink restores it on every update, so the state names its columns
 * instead of relying on enum ordinals: {@link #sums}{@code [i]} is the total of the column named
 * {@link #columns}{@code [i]}. An accumulator restored from an older release (other columns, another order) is
 * re-laid out by name on first use: totals of known columns are kept, new columns start at 0, a column that no longer
 * exists is dropped. State written by release 1, which had no {@link #columns} field (Flink's POJO serializer then
 * leaves it null), is read with {@link #RELEASE_1_COLUMNS}, the column order of that release.
 *
 * <p>Window state is written by {@link MetricsAccumulatorSerializer}: the sums in this code's column order without
 * names (the names are in its snapshot, once per state), so a deserialized accumulator is already laid out for this
 * code. The class stays a Flink POJO (public fields, no-arg constructor, never renamed or retyped): state of releases
 * 1 and 2 was written by Flink's POJO serializer, which reads it on restore before it is rewritten.
 */
public class MetricsAccumulator {
    /** The column order of release 1's {@code sums} (its enum order), the meaning of state without {@link #columns}. */
    static final String[] RELEASE_1_COLUMNS = {"messages", "delivered", "failed", "failed_blocked", "failed_protect_blocked",
            "failed_invalid", "failed_unreachable", "failed_expired", "failed_policy", "failed_unknown", "pending", "read",
            "inbound", "feedback_tracked", "converted", "feedback_failed", "late_feedback", "protect_block_recommended",
            "price_usd", "carrier_fee_usd", "message_parts", "billable_marketing", "billable_utility",
            "billable_authentication", "billable_service", "whatsapp_fee_usd"};

    /** Column names of this code, shared by every accumulator laid out for it (never modified). */
    static final String[] CURRENT_COLUMNS = currentColumns();

    /**
     * Names of the columns in {@link #sums}, position by position; null in state written by release 1 and in a new
     * (empty) accumulator. No initializer on purpose: Flink's POJO serializer restoring release-1 state creates the
     * object with this constructor and leaves fields the old state lacks as the constructor left them.
     */
    public String[] columns;
    /** Totals, position i for column {@code columns[i]}. */
    public long[] sums = new long[0];
    public LatencySketch latency = new LatencySketch();
    /**
     * metrics_by_carrier's carrier_name: the name on the delta with the latest attribution time (ties: the larger
     * name), so the result does not depend on arrival order; null until a delta names its carrier. Added after
     * release 1 (state without it restores with null / {@code Long.MIN_VALUE}).
     */
    public String carrierName;
    public long carrierNameTime = Long.MIN_VALUE;

    public MetricsAccumulator() {}

    /** Adds one delta; its latency (when {@code latencyMs >= 0}) goes into the sketch. */
    public void add(MessageDelta d) {
        layOutForThisCode();
        for (SumColumn c : SumColumn.values()) {
            sums[c.ordinal()] += d.get(c);
        }
        if (d.latencyMs >= 0) {
            latency.add(d.latencyMs, d.latencyWeight);
        }
        noteCarrierName(d.carrierName, d.attributionTime);
    }

    private void noteCarrierName(String name, long time) {
        if (name == null || name.isEmpty()) {
            return;
        }
        if (carrierName == null || time > carrierNameTime || (time == carrierNameTime && name.compareTo(carrierName) > 0)) {
            carrierName = name;
            carrierNameTime = time;
        }
    }

    /** Adds all totals of {@code other} to this accumulator. */
    public void merge(MetricsAccumulator other) {
        layOutForThisCode();
        other.layOutForThisCode();
        for (int i = 0; i < sums.length; i++) {
            sums[i] += other.sums[i];
        }
        latency.merge(other.latency);
        noteCarrierName(other.carrierName, other.carrierNameTime);
    }

    /** The total of one column. */
    public long get(SumColumn column) {
        layOutForThisCode();
        return sums[column.ordinal()];
    }

    /** Re-lays out totals restored from another release by column name (a no-op for this code's own state). */
    void layOutForThisCode() {
        if (columns == CURRENT_COLUMNS) {
            return;
        }
        String[] from = columns == null ? RELEASE_1_COLUMNS : columns;
        if (Arrays.equals(from, CURRENT_COLUMNS) && sums.length == CURRENT_COLUMNS.length) {
            columns = CURRENT_COLUMNS;
            return;
        }
        int[] positions = positionsInThisCode(from);
        long[] laidOut = new long[CURRENT_COLUMNS.length];
        for (int i = 0; i < positions.length && i < sums.length; i++) {
            if (positions[i] >= 0) {
                laidOut[positions[i]] = sums[i];
            }
        }
        sums = laidOut;
        columns = CURRENT_COLUMNS;
    }

    /**
     * Where each of {@code columns} (another release's layout) goes in this code's: its position in
     * {@link #CURRENT_COLUMNS}, or -1 for a column this code no longer has (dropped). Columns of this code missing from
     * {@code columns} start at 0. Should a name repeat, its last position wins.
     */
    static int[] positionsInThisCode(String[] columns) {
        Map<String, Integer> current = new HashMap<>();
        for (int i = 0; i < CURRENT_COLUMNS.length; i++) {
            current.put(CURRENT_COLUMNS[i], i);
        }
        int[] positions = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            positions[i] = current.getOrDefault(columns[i], -1);
        }
        return positions;
    }

    private static String[] currentColumns() {
        String[] names = new String[SumColumn.COUNT];
        for (SumColumn c : SumColumn.values()) {
            names[c.ordinal()] = c.columnName();
        }
        return names;
    }
}
