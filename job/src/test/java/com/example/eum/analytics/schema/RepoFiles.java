package com.example.eum.analytics.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds the repository root from the test's working directory (the job module when run by Maven). */
final class RepoFiles {
    private RepoFiles() {}

    static Path root() {
        Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("job")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + dir);
    }

    /** The {@code .sql} files of {@code schemas/athena/<dir>}, sorted by name. */
    static List<Path> athenaSqlFiles(String dir) throws IOException {
        try (Stream<Path> files = Files.list(root().resolve("schemas/athena").resolve(dir))) {
            return files.filter(p -> p.toString().endsWith(".sql")).sorted().collect(Collectors.toList());
        }
    }
}
