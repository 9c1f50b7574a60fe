package com.example.eum.analytics.pipeline;

import com.example.eum.analytics.model.RawRecord;
import com.example.eum.analytics.source.ReplayLineFormat;

import org.apache.flink.streaming.api.functions.source.SourceFunction;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The input of the release savepoints: lines {@code [from, to)} of a gzip replay file, as raw records with a fixed
 * ingest time (so dead letters are the same on every run). With {@code holdOpen} the source keeps running after its
 * last line, so the job stays up for a savepoint with its windows and messages still in flight; without it, it ends,
 * and the final watermark fires every remaining window and timer.
 *
 * <p>Stateless on purpose: the job that wrote the savepoint and the job that restores it read different line ranges
 * under the same uid, so the savepoint holds no source position that could disagree.
 */
final class SavepointInputSource implements SourceFunction<RawRecord> {
    private static final long serialVersionUID = 1L;
    /** Ingest time stamped on every record. */
    static final long INGEST_TIME = 1_748_872_800_000L; // 2025-06-02T14:00:00Z, the traffic's start

    private final String file;
    private final int from;
    private final int to;
    private final boolean holdOpen;
    private volatile boolean running = true;

    SavepointInputSource(Path file, int from, int to, boolean holdOpen) {
        this.file = file.toAbsolutePath().toString();
        this.from = from;
        this.to = to;
        this.holdOpen = holdOpen;
    }

    @Override
    public void run(SourceContext<RawRecord> ctx) throws Exception {
        List<String> lines = lines(Path.of(file));
        for (int i = from; i < to && running; i++) {
            RawRecord r = ReplayLineFormat.toRecord(lines.get(i).getBytes(StandardCharsets.UTF_8), "release-savepoint-input", INGEST_TIME);
            if (r != null) {
                synchronized (ctx.getCheckpointLock()) {
                    ctx.collect(r);
                }
            }
        }
        while (holdOpen && running) {
            Thread.sleep(20);
        }
    }

    @Override
    public void cancel() {
        running = false;
    }

    /** The lines of a gzip text file. */
    static List<String> lines(Path gz) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            for (String line : text.split("\n", -1)) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + gz, e);
        }
    }
}
