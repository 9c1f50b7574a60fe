package com.example.eum.analytics.pipeline;

import com.example.eum.analytics.cli.LakeSummary;
import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.Progress;
import com.example.eum.analytics.generator.ReplayFileWriter;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a release savepoint (see {@link ReleaseSavepoint}) with the code of the current checkout into a directory:
 * {@code input.jsonl.gz} (the generated traffic), {@code savepoint/} (a canonical savepoint of the whole job taken
 * after the first {@code cut} of the input, windows open and messages pending), {@code lake/} (the Parquet the job had
 * committed by then, as a lake that spans the upgrade holds it) and {@code expected-totals.txt} (the ground truth's
 * per-key totals of the whole input) and {@code savepoint.properties} (the input's line count and where the savepoint
 * was taken).
 *
 * <p>The savepoint is taken when the sinks are quiet (no new committed file for a while, the source idle): every
 * bucket of the file sinks has rolled and been committed, so the sinks' state names no file path and the savepoint
 * restores in any directory. Run (from {@code job/}, after {@code mvn test-compile}):
 * <pre>
 * java -cp "target/test-classes:target/classes:$(cat target/local-classpath-runtime.txt):$(cat target/local-classpath-provided.txt)" \
 *   com.example.eum.analytics.pipeline.WriteReleaseSavepoint src/test/resources/savepoints/release-N 0.4
 * </pre>
 */
public final class WriteReleaseSavepoint {
    private WriteReleaseSavepoint() {}

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]).toAbsolutePath();
        double cut = args.length > 1 ? Double.parseDouble(args[1]) : 0.4;
        if (Files.exists(target.resolve("savepoint"))) {
            throw new IllegalStateException(target + " already holds a savepoint; a committed release savepoint is never rewritten");
        }
        Files.createDirectories(target);
        Path work = Files.createTempDirectory("release-savepoint-");

        Path plain = work.resolve("input.jsonl");
        ReplayFileWriter.write(GeneratorSettings.fromOptions(ReleaseSavepoint.TRAFFIC), plain,
                new Progress(new PrintStream(new ByteArrayOutputStream()), "file", 60_000));
        Path input = target.resolve("input.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(input))) {
            Files.copy(plain, out);
        }
        int lines = SavepointInputSource.lines(input).size();
        int from = (int) (lines * cut);

        Path lake = work.resolve("lake");
        StreamExecutionEnvironment env = ReleaseSavepoint.environment();
        ReleaseSavepoint.build(env, input, 0, from, true, lake);
        JobClient client = env.executeAsync("write-release-savepoint");
        waitUntilQuiet(lake);
        String savepoint = client.triggerSavepoint(work.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL).get();
        client.cancel().get();

        copyTree(Path.of(java.net.URI.create(savepoint)), target.resolve("savepoint"), p -> true);
        copyTree(lake, target.resolve("lake"), p -> LakeSummary.committedFiles(lake).contains(p));
        List<String> expected = new ArrayList<>();
        ReleaseSavepoint.injected(ReleaseSavepoint.truth()).forEach((k, v) -> expected.add(k + " " + v));
        Files.write(target.resolve("expected-totals.txt"), expected, StandardCharsets.UTF_8);
        Files.write(target.resolve("savepoint.properties"), List.of("inputLines=" + lines, "savepointAfterLine=" + from),
                StandardCharsets.UTF_8);

        Map<String, String> before = ReleaseSavepoint.measured(lake);
        System.out.printf("input %d lines, savepoint after line %d; %d keys committed before the savepoint, %d expected%n",
                lines, from, before.size(), expected.size());
        try (Stream<Path> files = Files.walk(target)) {
            System.out.printf("%s: %,d bytes%n", target, files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum());
        }
    }

    /** Waits until the lake has metrics rows and no new committed file appeared for 3 s (about 15 checkpoints). */
    private static void waitUntilQuiet(Path lake) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        String last = "";
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            String now = committed(lake);
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (!LakeSummary.committedFiles(lake.resolve("metrics_by_country")).isEmpty()
                    && System.nanoTime() - stableSince > 3_000_000_000L) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the job did not quiesce within 2 minutes");
    }

    private static String committed(Path lake) throws IOException {
        if (!Files.isDirectory(lake)) {
            return "";
        }
        try (Stream<Path> files = Files.walk(lake)) {
            return files.filter(Files::isRegularFile).map(Path::toString).sorted().collect(Collectors.joining("\n"));
        }
    }

    private static void copyTree(Path from, Path to, java.util.function.Predicate<Path> include) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.filter(Files::isRegularFile).filter(include).sorted(Comparator.naturalOrder()).collect(Collectors.toList())) {
                Path dest = to.resolve(from.relativize(p).toString());
                Files.createDirectories(dest.getParent());
                Files.copy(p, dest);
            }
        }
    }
}
