package com.example.eum.analytics.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's figures: per stage, the median over the repeats of each figure (records per CPU-second, its
 * ratio to the parse floor's median, peak heap, checkpoint size, lifecycle state bytes per in-flight message),
 * the scaling from parallelism 1 to 2, and the KPU sizing those figures imply. Printed as a table, optionally
 * written as JSON.
 */
final class BenchReport {
    /** Message rates the KPU sizing is given for. */
    static final int[] SIZING_RATES = {100, 1_000, 10_000};
    private static final double MIB = 1024.0 * 1024.0;

    private final long inputRecords;
    private final Map<Stage, List<StageResult>> runs = new EnumMap<>(Stage.class);

    BenchReport(long inputRecords) {
        this.inputRecords = inputRecords;
    }

    void add(StageResult r) {
        runs.computeIfAbsent(Stage.valueOf(r.stage), s -> new ArrayList<>()).add(r);
    }

    /** The median over the repeats of one figure of a stage; NaN when the stage did not run or the figure is unknown (negative). */
    double median(Stage stage, ToDoubleFunction<StageResult> figure) {
        List<StageResult> rs = runs.get(stage);
        if (rs == null) {
            return Double.NaN;
        }
        double[] v = rs.stream().mapToDouble(figure).filter(x -> x >= 0).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    double recordsPerCpuSecond(Stage s) {
        return median(s, StageResult::recordsPerCpuSecond);
    }

    double ratioToFloor(Stage s) {
        return recordsPerCpuSecond(s) / recordsPerCpuSecond(Stage.FLOOR);
    }

    /** Messages in the input: the lifecycle's keys at its checkpoint (every message is in flight then). */
    double messages() {
        double m = median(Stage.LIFECYCLE_HEAP, r -> r.inFlightMessages);
        return Double.isNaN(m) ? median(Stage.LIFECYCLE_ROCKSDB, r -> r.inFlightMessages) : m;
    }

    /** The whole-pipeline figure KPU sizing uses: RocksDB (what Managed Flink runs), else the heap backend. */
    Stage sizingStage() {
        return runs.containsKey(Stage.PIPELINE_ROCKSDB) ? Stage.PIPELINE_ROCKSDB : Stage.PIPELINE_HEAP;
    }

    /** Records per CPU-second of the pipelines' measured run without the JIT compiler threads (NaN if unknown). */
    double exJitRecordsPerCpuSecond(Stage s) {
        return median(s, StageResult::exJitRecordsPerCpuSecond);
    }

    /** Records per CPU-second of the pipelines' cold run (NaN for micro stages). */
    double coldRecordsPerCpuSecond(Stage s) {
        return median(s, StageResult::coldRecordsPerCpuSecond);
    }

    /** vCPUs (KPUs of processing) a message rate needs at the measured records per CPU-second; NaN if unknown. */
    double vcpusFor(int messagesPerSecond) {
        return messagesPerSecond * inputRecords / messages() / recordsPerCpuSecond(sizingStage());
    }

    void print(PrintStream out) {
        out.printf("%n%-42s %12s %8s %12s %8s %10s %8s %9s %10s %10s %10s %11s %11s%n", "stage (median of " + repeats() + ")", "records/CPU-s", "x floor",
                "ex-JIT rec/s", "x floor", "cold rec/s", "x floor", "CPU-s", "records", "events", "peak heap", "checkpoint", "state B/msg");
        for (Stage s : runs.keySet()) {
            out.printf("%-42s %12s %8s %12s %8s %10s %8s %9s %10s %10s %10s %11s %11s%n", s.label,
                    format(recordsPerCpuSecond(s), "%,.0f"), format(ratioToFloor(s), "%.3f"),
                    format(exJitRecordsPerCpuSecond(s), "%,.0f"),
                    format(exJitRecordsPerCpuSecond(s) / recordsPerCpuSecond(Stage.FLOOR), "%.3f"),
                    format(coldRecordsPerCpuSecond(s), "%,.0f"),
                    format(coldRecordsPerCpuSecond(s) / recordsPerCpuSecond(Stage.FLOOR), "%.3f"),
                    format(median(s, r -> r.cpuNanos / 1e9), "%.2f"),
                    format(median(s, r -> r.records), "%,.0f"), format(median(s, r -> r.events), "%,.0f"),
                    s.kind == Stage.Kind.PIPELINE ? format(median(s, r -> r.peakHeapBytes / MIB), "%,.0f MiB") : "-",
                    format(median(s, r -> r.checkpointBytes / MIB), "%,.1f MiB"),
                    format(median(s, StageResult::stateBytesPerMessage), "%,.0f"));
        }
        out.println();
        out.println("records/CPU-s: input records per second of CPU time (micro stages: the one thread's, median pass after warm-up;");
        out.println("  pipelines: the whole process's in the measured run, the job over the same input after --pipeline-warmups runs");
        out.println("  in the same fresh JVM, a long-running job's steady state). x floor: ratio to the parse floor's records/CPU-s.");
        out.println("ex-JIT rec/s (pipelines): the measured run without the CPU time of HotSpot's compiler threads (still compiling");
        out.println("  then; a job running for days is not). cold rec/s: the first job, start-up, class loading and most JIT included.");
        out.println("checkpoint: lifecycle rows: the keyed-state snapshot with every message in flight; pipeline rows: the largest");
        out.println("  completed checkpoint (full size). state B/msg: lifecycle keyed-state bytes / messages in state at that snapshot.");
        if (runs.containsKey(Stage.WRITER)) {
            out.printf("Parquet: %,.0f bytes per event (events table, ZSTD)%n", median(Stage.WRITER, r -> (double) r.outputBytes / r.events));
        }
        if (runs.containsKey(Stage.PIPELINE_HEAP) && runs.containsKey(Stage.PIPELINE_HEAP_P2)) {
            out.printf("scaling, heap backend, parallelism 2 vs 1: %.2fx the records per wall-second (%,.0f vs %,.0f), %.2fx the records per CPU-second%n",
                    wallSpeedUp(), median(Stage.PIPELINE_HEAP_P2, StageResult::recordsPerWallSecond),
                    median(Stage.PIPELINE_HEAP, StageResult::recordsPerWallSecond),
                    recordsPerCpuSecond(Stage.PIPELINE_HEAP_P2) / recordsPerCpuSecond(Stage.PIPELINE_HEAP));
            out.printf("  parallelism 1 already kept %.2f of this machine's %d cores busy (its tasks run as a pipeline of threads):%n"
                    + "  a speed-up from parallelism needs cores beyond that%n",
                    median(Stage.PIPELINE_HEAP, r -> (double) r.cpuNanos / r.wallNanos), Runtime.getRuntime().availableProcessors());
        }
        double messages = messages();
        if (!Double.isNaN(messages) && !Double.isNaN(recordsPerCpuSecond(sizingStage()))) {
            out.printf("sizing (%s, measured run, %.2f records per message): ", sizingStage().label, inputRecords / messages);
            for (int i = 0; i < SIZING_RATES.length; i++) {
                double vcpus = vcpusFor(SIZING_RATES[i]);
                out.printf("%s%,d msgs/s = %.2f vCPU -> %d KPU", i == 0 ? "" : "; ", SIZING_RATES[i], vcpus, (long) Math.ceil(vcpus));
            }
            out.println(" (+1 KPU per application for orchestration on Managed Flink)");
        }
    }

    double wallSpeedUp() {
        return median(Stage.PIPELINE_HEAP_P2, StageResult::recordsPerWallSecond) / median(Stage.PIPELINE_HEAP, StageResult::recordsPerWallSecond);
    }

    void writeJson(Path file, Map<String, Object> context) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("inputRecords", inputRecords);
        root.put("repeats", repeats());
        context.forEach((k, v) -> root.set(k, json.valueToTree(v)));
        if (!Double.isNaN(messages())) {
            root.put("messages", (long) messages());
        }
        ArrayNode stages = root.putArray("stages");
        for (Stage s : runs.keySet()) {
            ObjectNode n = stages.addObject();
            n.put("stage", s.cliName());
            n.put("label", s.label);
            n.put("recordsPerCpuSecond", recordsPerCpuSecond(s));
            n.put("ratioToFloor", ratioToFloor(s));
            putIfKnown(n, "exJitRecordsPerCpuSecond", exJitRecordsPerCpuSecond(s));
            putIfKnown(n, "coldRecordsPerCpuSecond", coldRecordsPerCpuSecond(s));
            n.put("cpuSeconds", median(s, r -> r.cpuNanos / 1e9));
            n.put("records", (long) median(s, r -> r.records));
            n.put("events", (long) median(s, r -> r.events));
            putIfKnown(n, "peakHeapBytes", median(s, r -> r.peakHeapBytes));
            putIfKnown(n, "checkpointBytes", median(s, r -> r.checkpointBytes));
            putIfKnown(n, "lifecycleStateBytes", median(s, r -> r.lifecycleStateBytes));
            putIfKnown(n, "inFlightMessages", median(s, r -> r.inFlightMessages));
            putIfKnown(n, "stateBytesPerMessage", median(s, StageResult::stateBytesPerMessage));
            putIfKnown(n, "outputBytes", median(s, r -> r.outputBytes));
            n.set("runs", json.valueToTree(runs.get(s)));
        }
        if (runs.containsKey(Stage.PIPELINE_HEAP) && runs.containsKey(Stage.PIPELINE_HEAP_P2)) {
            root.put("scalingWallSpeedUp", wallSpeedUp());
        }
        if (!Double.isNaN(messages()) && !Double.isNaN(recordsPerCpuSecond(sizingStage()))) {
            ObjectNode sizing = root.putObject("sizing");
            sizing.put("stage", sizingStage().cliName());
            for (int rate : SIZING_RATES) {
                sizing.put("vcpusAt" + rate, vcpusFor(rate));
            }
        }
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    private int repeats() {
        return runs.values().stream().mapToInt(List::size).max().orElse(0);
    }

    private static void putIfKnown(ObjectNode n, String field, double value) {
        if (!Double.isNaN(value)) {
            n.put(field, value);
        }
    }

    private static String format(double value, String pattern) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-" : String.format(pattern, value);
    }
}
