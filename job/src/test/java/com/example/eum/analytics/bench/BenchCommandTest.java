package com.example.eum.analytics.bench;

import com.example.eum.analytics.cli.Main;
import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.GroundTruth;
import com.example.eum.analytics.generator.Progress;
import com.example.eum.analytics.generator.ReplayFileWriter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code bench} on a tiny generated traffic file, every stage once (each in its own JVM, as for real): the report
 * has every row, every figure is positive, every stage covered exactly the input's records (counted here from the
 * file and by the generator's own ground truth), every stage after the decoder saw the decoder's events (the
 * pipelines' counted from the Parquet they committed), and the derived figures follow from the measured ones.
 * No timing is asserted: speed is what the command reports, not what a test can promise.
 */
class BenchCommandTest {
    @TempDir
    static Path dir;

    static GroundTruth truth;
    static long lines;
    static int exitCode;
    static String stdout;
    static JsonNode report;
    static Map<String, JsonNode> stages = new HashMap<>();

    @BeforeAll
    static void bench() throws Exception {
        GeneratorSettings traffic = new GeneratorSettings();
        traffic.rate = 4;
        traffic.duration = java.time.Duration.ofSeconds(30);
        traffic.drain = java.time.Duration.ofMinutes(1);
        traffic.seed = 7;
        truth = GroundTruth.of(traffic);
        Path input = dir.resolve("traffic.jsonl");
        ReplayFileWriter.write(traffic, input, new Progress(new PrintStream(new ByteArrayOutputStream()), "file", 60_000));
        try (Stream<String> all = Files.lines(input)) {
            lines = all.filter(l -> !l.isBlank()).count();
        }

        Path json = dir.resolve("bench.json");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exitCode = Main.commandLine().execute("bench", "--input", input.toString(), "--warmups", "1", "--iterations", "1",
                    "--checkpoint-interval", "1s", "--json", json.toString());
        } finally {
            System.setOut(original);
        }
        stdout = captured.toString(StandardCharsets.UTF_8);
        System.out.println(stdout);
        report = new ObjectMapper().readTree(json.toFile());
        for (JsonNode s : report.get("stages")) {
            stages.put(s.get("stage").asText(), s);
        }
    }

    @Test
    void everyStageRanAndIsPrinted() {
        assertThat(exitCode).isZero();
        assertThat(stages).containsOnlyKeys("floor", "decoder", "lifecycle-heap", "lifecycle-rocksdb", "writer",
                "pipeline-heap", "pipeline-rocksdb", "pipeline-heap-p2");
        assertThat(stdout).contains("records/CPU-s", "x floor", "peak heap", "checkpoint", "state B/msg",
                "scaling, heap backend, parallelism 2 vs 1", "sizing (whole pipeline p1, RocksDB incremental");
        for (Stage s : Stage.values()) {
            assertThat(stdout).as("row of " + s).containsPattern("(?m)^" + java.util.regex.Pattern.quote(s.label) + " +[0-9,]+ +[0-9.]+ ");
        }
    }

    @Test
    void everyStageCoveredExactlyTheInput() {
        assertThat(lines).isEqualTo(truth.records).isGreaterThan(100);
        assertThat(report.get("inputRecords").asLong()).isEqualTo(lines);
        long decoded = stages.get("decoder").get("events").asLong();
        assertThat(decoded).isGreaterThan(lines / 2);
        for (JsonNode s : stages.values()) {
            assertThat(s.get("records").asLong()).as(s.get("stage").asText()).isEqualTo(lines);
            if (!s.get("stage").asText().equals("floor")) {
                // lifecycle and writer get the decoder's events; the pipelines commit exactly those to the events table
                assertThat(s.get("events").asLong()).as(s.get("stage").asText()).isEqualTo(decoded);
            }
        }
    }

    @Test
    void figuresArePositiveAndConsistent() {
        double floor = stages.get("floor").get("recordsPerCpuSecond").asDouble();
        assertThat(stages.get("floor").get("ratioToFloor").asDouble()).isEqualTo(1.0);
        for (JsonNode s : stages.values()) {
            String name = s.get("stage").asText();
            double rate = s.get("recordsPerCpuSecond").asDouble();
            assertThat(rate).as(name).isPositive();
            assertThat(s.get("cpuSeconds").asDouble()).as(name).isPositive();
            assertThat(rate).as(name).isCloseTo(s.get("records").asDouble() / s.get("cpuSeconds").asDouble(), within(rate * 1e-6));
            assertThat(s.get("ratioToFloor").asDouble()).as(name).isCloseTo(rate / floor, within(1e-9));
            assertThat(s.get("peakHeapBytes").asLong()).as(name).isPositive();
            assertThat(s.get("runs")).as(name).hasSize(1);
        }
        for (String p : new String[] {"pipeline-heap", "pipeline-rocksdb", "pipeline-heap-p2"}) {
            JsonNode run = stages.get(p).get("runs").get(0);
            assertThat(run.get("checkpoints").asInt()).as(p).isPositive();
            assertThat(stages.get(p).get("checkpointBytes").asLong()).as(p).isPositive();
            assertThat(run.get("lifecycleStateBytes").asLong()).as(p).isPositive().isLessThanOrEqualTo(run.get("checkpointBytes").asLong());
            // the JIT compiler threads' share of the warm run: known on Linux (unless a compiler thread ended), and
            // then the ex-JIT figure is the records over the rest of the process's CPU time
            long jit = run.get("jitCpuNanos").asLong();
            long cpu = run.get("cpuNanos").asLong();
            if (jit >= 0 && jit < cpu) {
                assertThat(stages.get(p).get("exJitRecordsPerCpuSecond").asDouble()).as(p)
                        .isCloseTo(lines * 1e9 / (cpu - jit), within(1e-6 * lines * 1e9 / (cpu - jit)));
            } else {
                assertThat(jit).as(p).isEqualTo(-1);
                assertThat(stages.get(p).has("exJitRecordsPerCpuSecond")).as(p).isFalse();
            }
            // the cold run (the JVM's first job) read the same records; its figure is the JSON's
            long coldCpu = run.get("coldCpuNanos").asLong();
            assertThat(coldCpu).as(p).isPositive();
            assertThat(run.get("coldWallNanos").asLong()).as(p).isPositive();
            assertThat(stages.get(p).get("coldRecordsPerCpuSecond").asDouble()).as(p)
                    .isCloseTo(lines * 1e9 / coldCpu, within(1e-6 * lines * 1e9 / coldCpu));
        }
        assertThat(stages.get("writer").get("outputBytes").asLong()).isPositive();
    }

    @Test
    void stateBytesPerMessageIsTheSnapshotOverTheMessagesInState() {
        long heapMessages = stages.get("lifecycle-heap").get("inFlightMessages").asLong();
        // the same events on either backend leave the same messages in state
        assertThat(stages.get("lifecycle-rocksdb").get("inFlightMessages").asLong()).isEqualTo(heapMessages);
        assertThat(heapMessages).isPositive().isLessThanOrEqualTo(stages.get("decoder").get("events").asLong());
        assertThat(report.get("messages").asLong()).isEqualTo(heapMessages);
        for (String l : new String[] {"lifecycle-heap", "lifecycle-rocksdb"}) {
            JsonNode s = stages.get(l);
            assertThat(s.get("stateBytesPerMessage").asDouble()).as(l)
                    .isCloseTo(s.get("lifecycleStateBytes").asDouble() / heapMessages, within(1e-6))
                    .isGreaterThan(10);
        }
    }

    @Test
    void kpuSizingFollowsFromTheRocksDbPipeline() {
        JsonNode sizing = report.get("sizing");
        assertThat(sizing.get("stage").asText()).isEqualTo("pipeline-rocksdb");
        double recordsPerMessage = (double) lines / report.get("messages").asLong();
        double perCpuSecond = stages.get("pipeline-rocksdb").get("recordsPerCpuSecond").asDouble();
        assertThat(sizing.get("vcpusAt1000").asDouble()).isCloseTo(1000 * recordsPerMessage / perCpuSecond, within(1e-6));
        assertThat(sizing.get("vcpusAt10000").asDouble()).isCloseTo(10 * sizing.get("vcpusAt1000").asDouble(), within(1e-6));
    }

    @Test
    void anUnknownStageIsAUsageErrorNamingTheValidOnes() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        picocli.CommandLine cl = Main.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cl.execute("bench", "--stages", "decoder,parser", "--input", dir.resolve("traffic.jsonl").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown stage 'parser'", "pipeline-rocksdb");
    }
}
