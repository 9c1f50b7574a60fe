package com.example.eum.analytics.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One tested Athena query of {@code schemas/athena/queries/<name>.sql}, deployed as an {@code AWS::Athena::NamedQuery}
 * (name = file name, description = its {@code -- Query:} header line, text = the whole file).
 */
public final class AthenaNamedQuery {
    /** Where the queries live, relative to the repository root. */
    public static final String DIR = "schemas/athena/queries";
    /** Athena limits: name 1..128, description 1..1024 characters. */
    static final int MAX_NAME = 128;
    static final int MAX_DESCRIPTION = 1024;
    private static final String HEADER = "-- Query:";

    private final String name;
    private final String description;
    private final String sql;

    AthenaNamedQuery(String name, String description, String sql) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException(name + ": a named query's name has 1 to " + MAX_NAME + " characters");
        }
        if (description.isEmpty() || description.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException(name + ": the \"" + HEADER + "\" line must have 1 to " + MAX_DESCRIPTION
                    + " characters");
        }
        this.name = name;
        this.description = description;
        this.sql = sql;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String sql() {
        return sql;
    }

    /** Every query of {@code <root>/schemas/athena/queries}, by file name. */
    public static List<AthenaNamedQuery> all(Path root) {
        Path dir = root.resolve(DIR);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Athena queries in " + dir, e);
        }
        List<AthenaNamedQuery> out = new ArrayList<>();
        for (Path f : files) {
            String text;
            try {
                text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
            String file = f.getFileName().toString();
            out.add(new AthenaNamedQuery(file.substring(0, file.length() - ".sql".length()), header(file, text), text));
        }
        return out;
    }

    private static String header(String file, String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith(HEADER)) {
                return line.substring(HEADER.length()).trim();
            }
        }
        throw new IllegalArgumentException(DIR + "/" + file + ": the first lines need a \"" + HEADER + " <what it answers>\" comment");
    }
}
