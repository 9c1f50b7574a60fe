package com.example.eum.analytics.bench;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.fees.RateCardFees;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.RawRecord;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

/**
 * Entry point of the JVM that {@link StageFork} starts for one stage run: {@code STAGE INPUT RECORDS WARMUPS
 * ITERATIONS CHECKPOINT_SECONDS}. Progress goes to standard output as plain lines; the result is the last line,
 * {@link #RESULT_PREFIX} followed by the {@link StageResult} as JSON. Not a user command: {@code bench} runs it.
 */
public final class StageMain {
    static final String RESULT_PREFIX = "BENCH-RESULT ";

    private StageMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: StageMain STAGE INPUT RECORDS WARMUPS ITERATIONS CHECKPOINT_SECONDS (started by 'bench')");
            System.exit(2);
        }
        PrintStream out = System.out;
        Stage stage = Stage.valueOf(args[0]);
        Path input = Paths.get(args[1]);
        long inputRecords = Long.parseLong(args[2]);
        int warmups = Integer.parseInt(args[3]);
        int iterations = Integer.parseInt(args[4]);
        Duration checkpointInterval = Duration.ofSeconds(Long.parseLong(args[5]));
        CpuAndHeap.trackPeakHeap();

        StageResult result = new StageResult();
        result.stage = stage.name();
        try {
            if (stage.kind == Stage.Kind.PIPELINE) {
                new PipelineRun(stage, input, inputRecords, checkpointInterval, warmups).run(result, out);
            } else {
                runMicro(stage, input, warmups, iterations, result, out);
            }
        } catch (Throwable e) {
            // a failed stage must end its JVM (Flink leaves non-daemon threads behind), so 'bench' reports it
            e.printStackTrace();
            System.exit(1);
        }
        out.println(RESULT_PREFIX + new ObjectMapper().writeValueAsString(result));
        out.flush();
        // Flink and RocksDB leave non-daemon threads behind; the result is out, so end the JVM here
        System.exit(0);
    }

    private static void runMicro(Stage stage, Path input, int warmups, int iterations, StageResult result, PrintStream out) throws Exception {
        List<RawRecord> records = BenchInput.records(input);
        JobConfig cfg = BenchInput.config(Duration.ofSeconds(10), 1);
        result.records = records.size();
        switch (stage) {
            case FLOOR: {
                ParseFloorPass pass = new ParseFloorPass(records);
                MicroRunner.measure(result, pass, warmups, iterations, out);
                break;
            }
            case DECODER: {
                DecoderPass pass = new DecoderPass(BenchInput.decoder(cfg), records);
                MicroRunner.measure(result, pass, warmups, iterations, out);
                result.events = pass.events;
                break;
            }
            case LIFECYCLE_HEAP:
            case LIFECYCLE_ROCKSDB: {
                List<CanonicalEvent> events = BenchInput.events(records, cfg);
                records.clear();
                try (TempDir checkpoints = new TempDir()) {
                    LifecyclePass pass = new LifecyclePass(cfg, RateCardFees.fromConfig(cfg), events, stage.backend, checkpoints.path());
                    MicroRunner.measure(result, pass, warmups, iterations, out);
                    result.events = events.size();
                    result.checkpointBytes = pass.stateBytes;
                    result.lifecycleStateBytes = pass.stateBytes;
                    result.inFlightMessages = pass.inFlightMessages;
                }
                break;
            }
            case WRITER: {
                List<CanonicalEvent> events = BenchInput.events(records, cfg);
                records.clear();
                WriterPass pass = new WriterPass(events);
                MicroRunner.measure(result, pass, warmups, iterations, out);
                result.events = events.size();
                result.outputBytes = pass.bytes;
                break;
            }
            default:
                throw new IllegalArgumentException(stage + " is not a micro stage");
        }
        result.peakHeapBytes = CpuAndHeap.peakHeapBytes();
    }
}
