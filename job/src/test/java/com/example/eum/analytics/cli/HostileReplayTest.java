package com.example.eum.analytics.cli;

import com.example.eum.analytics.decode.DecodeResult;
import com.example.eum.analytics.decode.DecoderSettings;
import com.example.eum.analytics.decode.HostileRecords;
import com.example.eum.analytics.decode.RecordDecoder;
import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.GroundTruth;
import com.example.eum.analytics.generator.LakeVsTruth;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.DeadLetterReason;
import com.example.eum.analytics.model.RawRecord;
import com.example.eum.analytics.source.ReplayLineFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input at scale through the whole job: seeded mutants of every sample record and envelope
 * ({@link HostileRecords}: truncations, type swaps, extreme numbers, NaN, duplicated keys, deep nesting, ~1 MB
 * records, gzip bombs, invalid UTF-8 inside JSON strings, base64 of garbage) mixed at random into known-good
 * generated traffic, replayed by the {@code replay} command in a JVM of its own with a 512 MiB heap.
 *
 * <p>Checked: every hostile record gives at most one dead letter and is never lost silently (an event or a dead
 * letter), with the reason its attack determines; no dead letter comes from a decoder defect; the job exits 0; the
 * lake holds exactly the events and, per reason, the dead letters the decoder gave record by record; and the good
 * traffic's per-key totals, in both metrics tables, equal what the generator injected. Good traffic starts days after
 * the samples' event times and uses other countries, so a hostile record that still decodes cannot touch its windows.
 *
 * <p>The suite runs 1,200 hostile records (every sample and envelope five times with every kind of attack, three of
 * them about 1 MB). The README's 100,000-record run:
 * {@code cd job && mvn -o -Dstyle.color=never test -Dtest=HostileReplayTest -Dfuzz.records=100000}
 * (prints the figures: records, dead letters by reason, peak heap).
 */
class HostileReplayTest {
    static final int RECORDS = Integer.getInteger("fuzz.records", 1_200);
    static final long SEED = Long.getLong("fuzz.seed", 20_251_128L);
    static final String HEAP = "512m";
    /**
     * Good traffic starts well after everything a hostile record that still decodes can count in: the samples' event
     * times (up to 2025-06-05T14:00Z), plus the 72 h after which a pending message is expired. The per-key totals are
     * compared over the good traffic's windows (the sending numbers are the samples' own).
     */
    static final Instant GOOD_START = Instant.parse("2025-06-10T00:00:00Z");
    /** Dead-letter reasons the pipeline (not the decoder) gives: too late, feedback never matched. */
    static final Set<String> PIPELINE_REASONS = Set.of(DeadLetterReason.LATE.code(),
            DeadLetterReason.FEEDBACK_WITHOUT_MESSAGE.code(), "future_timestamp");

    @Test
    void theJobSurvivesHostileRecordsAndKeepsGoodTotalsExact(@TempDir Path dir) throws Exception {
        Map<String, String> traffic = new LinkedHashMap<>();
        traffic.put("rate", Double.toString(Math.max(2, RECORDS / 2500.0)));
        traffic.put("duration", "5m");
        traffic.put("drain", "30m");
        traffic.put("seed", "31");
        traffic.put("countries", "IN:2,BR:1,DE:1,GB:1");
        traffic.put("start", GOOD_START.toString());
        Path good = dir.resolve("good.jsonl");
        List<String> generate = new ArrayList<>(List.of("generate", "--output", good.toString()));
        traffic.forEach((k, v) -> generate.addAll(List.of("--" + k, v)));
        assertThat(GeneratedReplay.quietly(generate.toArray(new String[0]))).isZero();
        List<byte[]> goodLines = lines(Files.readAllBytes(good));

        Path input = Files.createDirectories(dir.resolve("input")).resolve("hostile-and-good.jsonl.gz");
        Oracle oracle = new Oracle();
        HostileRecords hostile = new HostileRecords(SEED);
        Random mix = new Random(SEED);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(input), 1 << 16)) {
            int g = 0;
            int h = 0;
            long total = goodLines.size() + (long) RECORDS;
            while (g < goodLines.size() || h < RECORDS) {
                boolean takeHostile = h < RECORDS && (g == goodLines.size() || mix.nextInt((int) total) < RECORDS);
                byte[] line;
                if (takeHostile) {
                    HostileRecords.Mutant m = hostile.next(h++);
                    line = m.line;
                    oracle.hostile(m);
                } else {
                    line = goodLines.get(g++);
                    oracle.good(line);
                }
                out.write(line);
                out.write('\n');
            }
        }
        assertThat(oracle.problems).as("decoder invariants (%d problems, first ones shown)", oracle.problemCount).isEmpty();
        assertThat(oracle.byKind.keySet()).containsExactlyInAnyOrder(HostileRecords.Kind.values());

        Path lake = dir.resolve("lake");
        Properties heap = replayWithSmallHeap(input, lake, dir);
        assertThat(heap.getProperty("exitCode")).isEqualTo("0");
        assertThat(Long.parseLong(heap.getProperty("maxHeapBytes"))).isLessThanOrEqualTo(512L << 20);

        Map<String, Long> deadLetters = deadLettersByReason(lake);
        Map<String, Long> decodeLevel = new TreeMap<>(deadLetters);
        decodeLevel.keySet().removeAll(PIPELINE_REASONS);
        assertThat(decodeLevel).as("dead letters in the lake vs the decoder, record by record").isEqualTo(oracle.deadLetters);
        // the event-time guard turns an event whose time it cannot trust (far ahead, or behind the frontier by more
        // than the lateness) into a dead letter instead of an events row: every decoded event is in exactly one place
        assertThat(LakeSummary.rowCount(lake, "events") + eventTimeGuardDeadLetters(lake)).isEqualTo(oracle.events);

        GroundTruth truth = GroundTruth.of(GeneratorSettings.fromOptions(traffic));
        for (boolean byCountry : new boolean[] {true, false}) {
            Map<String, String> injected = LakeVsTruth.injected(truth, byCountry);
            Map<String, String> measured = new TreeMap<>(LakeVsTruth.measured(lake, byCountry, GOOD_START.toEpochMilli()));
            measured.keySet().retainAll(injected.keySet());
            assertThat(injected).hasSizeGreaterThan(4);
            assertThat(measured).as("good traffic's per-key totals (byCountry=%s)", byCountry).isEqualTo(injected);
        }

        report(goodLines.size(), oracle, deadLetters, heap);
    }

    /** The decoder's verdict on every line, computed independently of the job, and the hostile records' invariants. */
    static final class Oracle {
        final RecordDecoder decoder = new RecordDecoder(
                new DecoderSettings("oracle-key".getBytes(StandardCharsets.UTF_8), false));
        final Map<String, Long> deadLetters = new TreeMap<>();
        final Map<HostileRecords.Kind, Map<String, Long>> byKind = new EnumMap<>(HostileRecords.Kind.class);
        final List<String> problems = new ArrayList<>();
        long problemCount;
        long events;
        long hostileDecoded;

        void good(byte[] line) {
            decode(line);
        }

        void hostile(HostileRecords.Mutant m) {
            DecodeResult r = decode(m.line);
            Map<String, Long> outcomes = byKind.computeIfAbsent(m.kind, k -> new TreeMap<>());
            if (r == null) {
                problem(m, "blank line: lost without a dead letter");
                return;
            }
            List<DeadLetter> dead = r.deadLetters();
            if (dead.isEmpty()) {
                outcomes.merge("(decoded)", 1L, Long::sum);
                hostileDecoded++;
            }
            for (DeadLetter d : dead) {
                outcomes.merge(d.reason, 1L, Long::sum);
            }
            if (dead.size() > 1) {
                problem(m, dead.size() + " dead letters for one mutation: " + reasons(dead));
            }
            if (dead.isEmpty() && r.events().isEmpty()) {
                problem(m, "neither an event nor a dead letter (silent loss)");
            }
            for (DeadLetter d : dead) {
                if (d.detail == null || d.detail.isEmpty() || d.detail.startsWith("decoder error")) {
                    problem(m, "dead letter " + d.reason + " without a real reason: " + d.detail);
                }
            }
            if (m.expected != null && (dead.size() != 1 || !m.expected.contains(dead.get(0).reason))) {
                problem(m, "expected one dead letter " + m.expected + ", got " + reasons(dead) + " and "
                        + r.events().size() + " events");
            }
        }

        private DecodeResult decode(byte[] line) {
            RawRecord record = ReplayLineFormat.toRecord(line, "oracle", 0L);
            if (record == null) {
                return null;
            }
            DecodeResult r = decoder.decode(record);
            events += r.events().size();
            for (DeadLetter d : r.deadLetters()) {
                deadLetters.merge(d.reason, 1L, Long::sum);
            }
            return r;
        }

        private void problem(HostileRecords.Mutant m, String what) {
            problemCount++;
            if (problems.size() < 20) {
                problems.add(m + ": " + what);
            }
        }

        private static List<String> reasons(List<DeadLetter> dead) {
            return dead.stream().map(d -> d.reason + " (" + d.detail + ")").collect(Collectors.toList());
        }
    }

    /** Runs {@link HostileReplayRun} in a JVM with a {@value HEAP} heap and this JVM's class path and flags. */
    private static Properties replayWithSmallHeap(Path input, Path lake, Path dir) throws Exception {
        Path report = dir.resolve("heap.properties");
        Path log = dir.resolve("replay.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + HEAP);
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), HostileReplayRun.class.getName(),
                input.toString(), lake.toString(), report.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("replay did not finish within 20 minutes; log: " + tail(log));
        }
        if (!Files.exists(report)) {
            throw new AssertionError("replay exited " + p.exitValue() + " without its report; log: " + tail(log));
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(report)) {
            props.load(in);
        }
        if (!"0".equals(props.getProperty("exitCode"))) {
            throw new AssertionError("replay exited " + props.getProperty("exitCode") + "; log: " + tail(log));
        }
        System.out.println(String.join("\n", Files.readAllLines(log, StandardCharsets.UTF_8)));
        return props;
    }

    /** Dead letters by reason, read back by DuckDB from the committed Parquet files. */
    /** Dead letters of the event-time guard (its details name the frontier or the ingest time they were judged by). */
    private static long eventTimeGuardDeadLetters(Path lake) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM read_parquet('" + lake.resolve("dead_letters")
                     + "/**/*.parquet') WHERE reason IN ('late', 'future_timestamp')"
                     + " AND (detail LIKE '%event-time frontier%' OR detail LIKE '%ahead of its ingest time%')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> deadLettersByReason(Path lake) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT reason, count(*) FROM read_parquet('"
                     + lake.resolve("dead_letters") + "/**/*.parquet') GROUP BY reason")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static void report(int goodRecords, Oracle oracle, Map<String, Long> deadLetters, Properties heap) {
        StringBuilder b = new StringBuilder("\nhostile-input replay: ");
        b.append(String.format("%,d hostile + %,d generated records, heap limit %s%n", RECORDS, goodRecords, HEAP));
        b.append(String.format("  hostile records still decoded to events: %,d%n", oracle.hostileDecoded));
        b.append(String.format("  events written: %,d%n", oracle.events));
        b.append("  dead letters by reason (lake): ").append(deadLetters).append('\n');
        oracle.byKind.forEach((k, v) -> b.append("    ").append(k).append(": ").append(v).append('\n'));
        b.append(String.format("  peak heap in use %d MiB, largest heap after a collection %d MiB (of %d MiB)%n",
                Long.parseLong(heap.getProperty("peakHeapUsedBytes")) >> 20,
                Long.parseLong(heap.getProperty("peakHeapAfterGcBytes")) >> 20,
                Long.parseLong(heap.getProperty("maxHeapBytes")) >> 20));
        System.out.println(b);
    }

    private static List<byte[]> lines(byte[] file) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= file.length; i++) {
            if (i == file.length || file[i] == '\n') {
                if (i > start) {
                    out.add(Arrays.copyOfRange(file, start, i));
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static String tail(Path log) throws Exception {
        List<String> l = Files.readAllLines(log, StandardCharsets.UTF_8);
        l.removeIf(line -> line.contains(" WARN "));
        return String.join("\n", l.subList(Math.max(0, l.size() - 150), l.size()));
    }
}
