package com.example.eum.analytics.generator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * Writes generated traffic as a replay file: one record per line, JSON as-is (a line starting with '{'), binary
 * payloads (CloudWatch Logs gzip batches, garbage) as base64. A path ending in {@code .gz} is gzip-compressed.
 */
public final class ReplayFileWriter {
    private ReplayFileWriter() {}

    /** Writes every record of a bounded run; returns the number of records written. */
    public static long write(GeneratorSettings settings, Path file, Progress progress) throws IOException {
        if (!settings.isBounded()) {
            throw new IllegalArgumentException("a replay file needs a bounded run (a duration)");
        }
        RecordSequence seq = new RecordSequence(new TrafficModel(settings));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        long n = 0;
        OutputStream raw = Files.newOutputStream(file);
        try (OutputStream out = new BufferedOutputStream(file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw, 1 << 16)) {
            while (seq.hasNext()) {
                out.write(line(seq.next()));
                out.write('\n');
                n++;
                progress.tick(n);
            }
        }
        progress.done(n);
        return n;
    }

    /** The replay line of one record (without the newline). */
    public static byte[] line(GeneratedRecord r) {
        return r.isJson() ? r.payload : Base64.getEncoder().encodeToString(r.payload).getBytes(StandardCharsets.US_ASCII);
    }
}
