package com.example.eum.analytics.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes every file derived from {@link Tables} into the repository: Athena DDL per table
 * ({@code schemas/athena/tables/<table>.sql}), the latest-revision views ({@code schemas/athena/views/}), the lake
 * catalog template ({@code deploy/lake-catalog.json}: Glue tables and the named queries of
 * {@code schemas/athena/queries}) and the data dictionary ({@code schemas/tables.md}).
 * A test regenerates them in memory and fails when the checked-in copies differ. Run from the repository root:
 * {@value #COMMAND} (or pass the root as the only argument).
 */
public final class GenerateSchemaFiles {
    /** The command that regenerates the files, quoted in drift-test failures. */
    public static final String COMMAND = "mvn -B -q -o -pl job compile exec:java "
            + "-Dexec.mainClass=com.example.eum.analytics.schema.GenerateSchemaFiles";

    static final String TABLES_DIR = "schemas/athena/tables";
    static final String VIEWS_DIR = "schemas/athena/views";

    private GenerateSchemaFiles() {}

    static final String CATALOG = "deploy/lake-catalog.json";

    /** Every generated file: repository-relative path (with '/') to content; {@code root} holds the queries. */
    public static Map<String, String> files(Path root) {
        Map<String, String> files = new LinkedHashMap<>();
        for (TableSchema<?> t : Tables.all()) {
            files.put(TABLES_DIR + "/" + t.name() + ".sql", AthenaDdl.createTable(t));
        }
        for (LatestRevisionView v : LatestRevisionView.all()) {
            files.put(VIEWS_DIR + "/" + v.name() + ".sql", v.createView());
        }
        files.put(CATALOG, GlueTableDefinitions.cloudFormationTemplate(Tables.all(), AthenaNamedQuery.all(root)));
        files.put("schemas/tables.md", SchemaDocs.markdown(Tables.all(), LatestRevisionView.all()));
        return files;
    }

    /** Directories holding only generated {@code .sql} files: a file there that {@link #files()} lacks is stale. */
    public static List<String> generatedSqlDirectories() {
        return List.of(TABLES_DIR, VIEWS_DIR);
    }

    public static void main(String[] args) throws IOException {
        Path root = Paths.get(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("job"))) {
            System.err.println("not the repository root: " + root + " (run from the root or pass it as the argument)");
            System.exit(2);
        }
        Map<String, String> files = files(root);
        for (String dir : generatedSqlDirectories()) {
            Path d = root.resolve(dir);
            if (Files.isDirectory(d)) {
                try (DirectoryStream<Path> stale = Files.newDirectoryStream(d, "*.sql")) {
                    for (Path p : stale) {
                        if (!files.containsKey(dir + "/" + p.getFileName())) {
                            Files.delete(p);
                            System.out.println("deleted stale " + root.relativize(p));
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = root.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
            if (Files.exists(p) && java.util.Arrays.equals(Files.readAllBytes(p), content)) {
                continue;
            }
            Files.write(p, content);
            System.out.println("wrote " + f.getKey());
        }
    }
}
