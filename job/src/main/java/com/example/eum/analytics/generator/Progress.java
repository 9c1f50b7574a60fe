package com.example.eum.analytics.generator;

import java.io.PrintStream;

/** Prints records written and records per second, at most every few seconds, for long generator runs. */
public final class Progress {
    private final PrintStream out;
    private final String what;
    private final long intervalMs;
    private final long started = System.nanoTime();
    private long lastPrint = System.nanoTime();

    public Progress(PrintStream out, String what, long intervalMs) {
        this.out = out;
        this.what = what;
        this.intervalMs = intervalMs;
    }

    /** A progress that prints nothing. */
    public static Progress silent() {
        return new Progress(null, "", Long.MAX_VALUE);
    }

    void tick(long count) {
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        if ((now - lastPrint) / 1_000_000 >= intervalMs) {
            lastPrint = now;
            out.printf("%s: %,d records, %,.0f records/s%n", what, count, count / Math.max(1e-9, (now - started) / 1e9));
        }
    }

    void done(long count) {
        if (out != null) {
            double s = (System.nanoTime() - started) / 1e9;
            out.printf("%s: done, %,d records in %.1f s (%,.0f records/s)%n", what, count, s, count / Math.max(1e-9, s));
        }
    }
}
