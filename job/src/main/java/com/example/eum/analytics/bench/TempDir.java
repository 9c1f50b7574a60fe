package com.example.eum.analytics.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A scratch directory of one stage run (checkpoints, the lake it writes), deleted with everything in it on close. */
final class TempDir implements AutoCloseable {
    private final Path path;

    TempDir() throws IOException {
        this.path = Files.createTempDirectory("engagement-analytics-bench-");
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        delete(path);
    }

    /** Deletes a directory and everything in it (best effort: a leftover under the temp dir is harmless). */
    static void delete(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover scratch directory under the temp dir is harmless
        }
    }
}
