package com.example.eum.analytics.alert;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A key's expected messages per window, with seasonality: an hour-of-week profile once the key has a week of
 * history (each of the 168 buckets an exponentially weighted mean of the windows that fell in it), an hour-of-day
 * profile before that, and the overall level before a bucket has data. A key with fewer than
 * {@link AlertSettings#volumeMinHistoryWindows} windows has no baseline ({@link #expected} is NaN): it is new.
 * About 1 KiB per key.
 */
public final class VolumeBaseline {
    private static final int HOURS_PER_WEEK = 168;
    private static final int HOURS_PER_DAY = 24;
    private static final long HOUR_MS = 3_600_000L;
    /** 1970-01-01 was a Thursday: shift so that bucket 0 is Monday 00:00 UTC. */
    private static final long EPOCH_HOUR_OF_WEEK = 72;
    private static final float WEEK_ALPHA = 0.1f;
    private static final float DAY_ALPHA = 0.05f;
    private static final float LEVEL_ALPHA = 1.0f / 288;

    private final float[] hourOfWeek = new float[HOURS_PER_WEEK];
    private final short[] hourOfWeekWindows = new short[HOURS_PER_WEEK];
    private final float[] hourOfDay = new float[HOURS_PER_DAY];
    private final short[] hourOfDayWindows = new short[HOURS_PER_DAY];
    private float level;
    private int windows;
    private long firstSeen = Long.MIN_VALUE;

    /** Expected messages in the window starting at {@code windowStart}; NaN for a key with too little history. */
    public double expected(long windowStart, AlertSettings settings) {
        if (windows < settings.volumeMinHistoryWindows) {
            return Double.NaN;
        }
        int how = hourOfWeek(windowStart);
        if (windowStart - firstSeen >= settings.seasonalityAfter.toMillis()
                && hourOfWeekWindows[how] >= settings.minBucketWindows) {
            return hourOfWeek[how];
        }
        int hod = hourOfDay(windowStart);
        if (hourOfDayWindows[hod] >= settings.minBucketWindows) {
            return hourOfDay[hod];
        }
        return level;
    }

    /**
     * How busy this time of week is relative to the key's average (1 without a profile yet): used to compare
     * spend across the day on one scale.
     */
    public double seasonalFactor(long windowStart, AlertSettings settings) {
        double e = expected(windowStart, settings);
        if (Double.isNaN(e) || level <= 0 || e <= 0) {
            return 1.0;
        }
        return e / level;
    }

    /** Adds one normal (not suspect) window. */
    public void learn(long messages, long windowStart) {
        if (firstSeen == Long.MIN_VALUE || windowStart < firstSeen) {
            firstSeen = windowStart;
        }
        windows = windows == Integer.MAX_VALUE ? windows : windows + 1;
        level = ewma(level, messages, windows, LEVEL_ALPHA);
        int how = hourOfWeek(windowStart);
        hourOfWeekWindows[how] = bump(hourOfWeekWindows[how]);
        hourOfWeek[how] = ewma(hourOfWeek[how], messages, hourOfWeekWindows[how], WEEK_ALPHA);
        int hod = hourOfDay(windowStart);
        hourOfDayWindows[hod] = bump(hourOfDayWindows[hod]);
        hourOfDay[hod] = ewma(hourOfDay[hod], messages, hourOfDayWindows[hod], DAY_ALPHA);
    }

    /** Windows learned so far. */
    public int windows() {
        return windows;
    }

    private static float ewma(float mean, long x, int n, float alpha) {
        float a = Math.max(1.0f / n, alpha);
        return mean + a * (x - mean);
    }

    private static short bump(short n) {
        return n == Short.MAX_VALUE ? n : (short) (n + 1);
    }

    static int hourOfWeek(long time) {
        return (int) Math.floorMod(Math.floorDiv(time, HOUR_MS) + EPOCH_HOUR_OF_WEEK, (long) HOURS_PER_WEEK);
    }

    static int hourOfDay(long time) {
        return (int) Math.floorMod(Math.floorDiv(time, HOUR_MS), (long) HOURS_PER_DAY);
    }

    void write(DataOutput out) throws IOException {
        for (int i = 0; i < HOURS_PER_WEEK; i++) {
            out.writeFloat(hourOfWeek[i]);
            out.writeShort(hourOfWeekWindows[i]);
        }
        for (int i = 0; i < HOURS_PER_DAY; i++) {
            out.writeFloat(hourOfDay[i]);
            out.writeShort(hourOfDayWindows[i]);
        }
        out.writeFloat(level);
        out.writeInt(windows);
        out.writeLong(firstSeen);
    }

    static VolumeBaseline read(DataInput in) throws IOException {
        VolumeBaseline b = new VolumeBaseline();
        for (int i = 0; i < HOURS_PER_WEEK; i++) {
            b.hourOfWeek[i] = in.readFloat();
            b.hourOfWeekWindows[i] = in.readShort();
        }
        for (int i = 0; i < HOURS_PER_DAY; i++) {
            b.hourOfDay[i] = in.readFloat();
            b.hourOfDayWindows[i] = in.readShort();
        }
        b.level = in.readFloat();
        b.windows = in.readInt();
        b.firstSeen = in.readLong();
        return b;
    }
}
