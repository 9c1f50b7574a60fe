package com.example.eum.analytics.alert.stage;

import com.example.eum.analytics.alert.AlertKey;
import com.example.eum.analytics.alert.WindowCounts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The windows of one alert key that have inputs but are not observed yet: per window, the latest revision of each
 * metrics row (rows are summed when the window is observed: message types, use cases, countries of the account) and
 * up to {@code maxExamples} example message ids. Plain Java with a versioned binary form (kept in keyed state
 * between the rows' arrival and the window's timer, normally one watermark step).
 */
public final class PendingWindows {
    /** 2 added the examples' carriers and senders (version 1 reads with none). */
    private static final int VERSION = 2;
    /** Distinct example contributors kept per window (the alert lists the top few). */
    private static final int MAX_EXAMPLE_CONTRIBUTORS = 50;

    /** One metrics row: its revision and counts. */
    private static final class Row {
        int revision;
        String contributor;
        final long[] counts = new long[8];
    }

    /** One window: its end, rows by row id, example ids. */
    private static final class Window {
        long end;
        final Map<String, Row> rows = new LinkedHashMap<>();
        final List<String> examples = new ArrayList<>();
        /** Carriers and senders of the window's example-worthy messages, with how many each. */
        final Map<String, Long> affectedBy = new LinkedHashMap<>();
    }

    private final TreeMap<Long, Window> windows = new TreeMap<>();

    public PendingWindows() {}

    public boolean isEmpty() {
        return windows.isEmpty();
    }

    /** Number of windows held. */
    public int size() {
        return windows.size();
    }

    /**
     * Adds one input: a metrics row replaces a lower revision of the same row (a revision that arrived before the
     * window was observed); an example id is kept while the window has fewer than {@code maxExamples}. Returns
     * whether the window was not pending before (its timer is then to be registered).
     */
    public boolean add(AlertInput in, int maxExamples) {
        boolean newWindow = !windows.containsKey(in.windowStart);
        Window w = windows.computeIfAbsent(in.windowStart, s -> new Window());
        w.end = in.windowEnd;
        if (in.isExample()) {
            if (w.examples.size() < maxExamples && !w.examples.contains(in.messageId)) {
                w.examples.add(in.messageId);
            }
            countAffected(w, in.contributor);
            countAffected(w, in.otherContributor);
            return newWindow;
        }
        Row previous = w.rows.get(in.rowId);
        if (previous != null && previous.revision > in.revision) {
            return newWindow;
        }
        Row r = new Row();
        r.revision = in.revision;
        r.contributor = in.contributor;
        r.counts[0] = in.messages;
        r.counts[1] = in.delivered;
        r.counts[2] = in.failedFinal;
        r.counts[3] = in.converted;
        r.counts[4] = in.feedbackFailed;
        r.counts[5] = in.protectRecommended;
        r.counts[6] = in.spendMicros;
        r.counts[7] = in.feedbackTracked;
        w.rows.put(in.rowId, r);
        return newWindow;
    }

    private static void countAffected(Window w, String tag) {
        if (tag != null && (w.affectedBy.containsKey(tag) || w.affectedBy.size() < MAX_EXAMPLE_CONTRIBUTORS)) {
            w.affectedBy.merge(tag, 1L, Long::sum);
        }
    }

    /**
     * Removes and returns, in window order, the windows whose last millisecond ({@code end - 1}) is at or before
     * {@code watermark}, each as the rules' {@link WindowCounts} of {@code key}; a window with only example ids (no
     * metrics row) yields nothing.
     */
    public List<WindowCounts> takeClosed(AlertKey key, long watermark) {
        List<WindowCounts> out = new ArrayList<>();
        while (!windows.isEmpty() && windows.firstEntry().getValue().end - 1 <= watermark) {
            Map.Entry<Long, Window> e = windows.pollFirstEntry();
            Window w = e.getValue();
            if (w.rows.isEmpty()) {
                continue;
            }
            long[] sum = new long[8];
            Map<String, Long> contributors = new LinkedHashMap<>();
            for (Row r : w.rows.values()) {
                for (int i = 0; i < sum.length; i++) {
                    // a correction can leave one row's column negative in a window; the key's window never is
                    sum[i] += r.counts[i];
                }
                if (r.contributor != null) {
                    contributors.merge(r.contributor, r.counts[0], Long::sum);
                }
            }
            // keys whose rows name no sub-key (country, carrier, sender): the carriers and senders of the affected
            // messages, by how many of them each had
            w.affectedBy.forEach((tag, n) -> contributors.merge(tag, n, Long::sum));
            out.add(WindowCounts.builder(key, e.getKey(), w.end)
                    .messages(Math.max(0, sum[0]))
                    .delivered(Math.max(0, sum[1]))
                    .failedFinal(Math.max(0, sum[2]))
                    .converted(Math.max(0, sum[3]))
                    .feedbackFailed(Math.max(0, sum[4]))
                    .protectRecommended(Math.max(0, sum[5]))
                    .spendMicros(Math.max(0, sum[6]))
                    .feedbackTracked(Math.max(0, sum[7]))
                    .contributors(contributors)
                    .exampleMessageIds(w.examples)
                    .build());
        }
        return out;
    }

    /** The versioned binary form. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(windows.size());
            for (Map.Entry<Long, Window> e : windows.entrySet()) {
                Window w = e.getValue();
                out.writeLong(e.getKey());
                out.writeLong(w.end);
                out.writeInt(w.rows.size());
                for (Map.Entry<String, Row> r : w.rows.entrySet()) {
                    out.writeUTF(r.getKey());
                    out.writeInt(r.getValue().revision);
                    out.writeBoolean(r.getValue().contributor != null);
                    if (r.getValue().contributor != null) {
                        out.writeUTF(r.getValue().contributor);
                    }
                    out.writeByte(r.getValue().counts.length);
                    for (long c : r.getValue().counts) {
                        out.writeLong(c);
                    }
                }
                out.writeInt(w.examples.size());
                for (String id : w.examples) {
                    out.writeUTF(id);
                }
                out.writeInt(w.affectedBy.size());
                for (Map.Entry<String, Long> a : w.affectedBy.entrySet()) {
                    out.writeUTF(a.getKey());
                    out.writeLong(a.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads what {@link #toBytes} wrote; an empty holder for null. */
    public static PendingWindows fromBytes(byte[] bytes) {
        PendingWindows p = new PendingWindows();
        if (bytes == null) {
            return p;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readByte();
            if (version < 1 || version > VERSION) {
                throw new IOException("unknown pending alert windows version " + version + " (this release reads 1 to "
                        + VERSION + ")");
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                Window w = new Window();
                long start = in.readLong();
                w.end = in.readLong();
                int rows = in.readInt();
                for (int j = 0; j < rows; j++) {
                    String id = in.readUTF();
                    Row r = new Row();
                    r.revision = in.readInt();
                    r.contributor = in.readBoolean() ? in.readUTF() : null;
                    int counts = in.readByte();
                    for (int k = 0; k < counts; k++) {
                        long v = in.readLong();
                        if (k < r.counts.length) {
                            r.counts[k] = v;
                        }
                    }
                    w.rows.put(id, r);
                }
                int examples = in.readInt();
                for (int j = 0; j < examples; j++) {
                    w.examples.add(in.readUTF());
                }
                if (version >= 2) {
                    int affected = in.readInt();
                    for (int j = 0; j < affected; j++) {
                        w.affectedBy.put(in.readUTF(), in.readLong());
                    }
                }
                p.windows.put(start, w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
