package com.example.eum.analytics.bench;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The warm-up harness of the micro stages, in the manner of JMH's single-shot mode: a pass is one run of the stage
 * over the whole input on the calling thread; {@code warmups} passes let the JIT compile the hot paths, then
 * {@code iterations} passes are measured by the thread's CPU time and the median is kept. (JMH 1.37 is served, but
 * it measures wall time, and its generated benchmark classes cannot take the replay file the command was given;
 * this keeps the same discipline with the figure the issue asks for: CPU time.)
 */
final class MicroRunner {
    /** One pass over the whole input. */
    interface Pass {
        /** Runs the pass; returns the CPU nanoseconds of its measured part (set-up and checks excluded). */
        long run() throws Exception;
    }

    private MicroRunner() {}

    /** Fills {@code cpuNanos}, {@code wallNanos} and {@code passes} of {@code result} from the median measured pass. */
    static void measure(StageResult result, Pass pass, int warmups, int iterations, PrintStream progress) throws Exception {
        for (int i = 1; i <= warmups; i++) {
            long cpu = pass.run();
            progress.printf("  %s: warm-up %d/%d, %.2f CPU-s%n", Stage.valueOf(result.stage).cliName(), i, warmups, cpu / 1e9);
        }
        long[] cpu = new long[iterations];
        long[] wall = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long began = System.nanoTime();
            cpu[i] = pass.run();
            wall[i] = System.nanoTime() - began;
            progress.printf("  %s: pass %d/%d, %.2f CPU-s, %,.0f records/CPU-s%n", Stage.valueOf(result.stage).cliName(), i + 1, iterations,
                    cpu[i] / 1e9, cpu[i] == 0 ? 0.0 : result.records * 1e9 / cpu[i]);
        }
        result.cpuNanos = median(cpu);
        result.wallNanos = median(wall);
        result.passes = iterations;
    }

    /** The median (the lower middle value for an even count). */
    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }
}
