package com.example.eum.analytics.alert;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The last N values of a series (a ring), summarised by median and MAD: one wild window moves neither, unlike a
 * mean and standard deviation. Used for spend per window (seasonally adjusted by the caller).
 */
public final class RobustBaseline {
    /** MAD × 1.4826 estimates the standard deviation of normal data. */
    public static final double MAD_TO_SIGMA = 1.4826;

    private final long[] values;
    private int size;
    private int next;

    public RobustBaseline(int capacity) {
        this.values = new long[capacity];
    }

    public void learn(long value) {
        values[next] = value;
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
    }

    public int size() {
        return size;
    }

    /** Median of the values held; 0 when empty. */
    public double median() {
        return median(sortedCopy());
    }

    /** Median absolute deviation from the median; 0 when empty. */
    public double mad() {
        if (size == 0) {
            return 0.0;
        }
        double m = median();
        double[] dev = new double[size];
        for (int i = 0; i < size; i++) {
            dev[i] = Math.abs(values[i] - m);
        }
        Arrays.sort(dev);
        return median(dev);
    }

    private double[] sortedCopy() {
        double[] copy = new double[size];
        for (int i = 0; i < size; i++) {
            copy[i] = values[i];
        }
        Arrays.sort(copy);
        return copy;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return 0.0;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(values.length);
        out.writeInt(size);
        out.writeInt(next);
        for (int i = 0; i < size; i++) {
            out.writeLong(values[i]);
        }
    }

    static RobustBaseline read(DataInput in) throws IOException {
        RobustBaseline b = new RobustBaseline(in.readInt());
        b.size = in.readInt();
        b.next = in.readInt();
        for (int i = 0; i < b.size; i++) {
            b.values[i] = in.readLong();
        }
        return b;
    }
}
