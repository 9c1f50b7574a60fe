package com.example.eum.analytics.cli;

import com.example.eum.analytics.schema.TableSchema;
import com.example.eum.analytics.schema.Tables;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The output directory of a local run. A second run into the same directory would mix its files with the first
 * one's (and the summaries would add both up), so a run starts from an empty lake: the lake's own table directories
 * are replaced when the caller allows it, and nothing else in the directory is touched.
 */
final class LakeDirectory {
    private LakeDirectory() {}

    /**
     * Creates {@code output} if needed. When it already holds lake tables: with {@code replace} they are deleted (and
     * that is said on {@code out}); without, a {@link Main.UserError} says how to proceed.
     */
    static void prepare(Path output, boolean replace, String overwriteOption, PrintStream out) {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new Main.UserError("--output " + output + " is a file; give a directory (it is created if missing)");
        }
        List<Path> existing = new ArrayList<>();
        for (TableSchema<?> table : Tables.all()) {
            Path dir = output.resolve(table.name());
            if (Files.exists(dir)) {
                existing.add(dir);
            }
        }
        if (!existing.isEmpty() && !replace) {
            throw new Main.UserError("--output " + output + " already holds lake tables " + names(existing)
                    + "; choose another directory, or pass " + overwriteOption + " to replace them");
        }
        try {
            for (Path dir : existing) {
                deleteRecursively(dir);
            }
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or clean --output " + output + " (" + Main.describe(e)
                    + "); give a directory you can write to", e);
        }
        if (!existing.isEmpty()) {
            out.println("replaced the previous run's tables " + names(existing) + " in " + output.toAbsolutePath());
        }
    }

    private static String names(List<Path> dirs) {
        List<String> names = new ArrayList<>();
        dirs.forEach(d -> names.add(d.getFileName().toString()));
        return String.join(", ", names);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
