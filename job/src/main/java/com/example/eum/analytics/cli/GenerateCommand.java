package com.example.eum.analytics.cli;

import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.GroundTruth;
import com.example.eum.analytics.generator.GroundTruthTable;
import com.example.eum.analytics.generator.KinesisWriter;
import com.example.eum.analytics.generator.Progress;
import com.example.eum.analytics.generator.ReplayFileWriter;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code generate}: write generated traffic to a replay file, or put it into a Kinesis stream to load a deployment. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write generated traffic (raw AWS-shaped payloads: receipts in every envelope, WhatsApp events, "
                + "feedback, with duplicates, disorder, late and malformed records) to a replay file or a Kinesis stream, "
                + "then print what was injected per country."})
public class GenerateCommand implements Callable<Integer> {
    static class Target {
        @Option(names = "--output", paramLabel = "FILE", required = true,
                description = "Replay file to write (one payload per line; .gz compresses). Replay it with: replay --input FILE.")
        Path file;

        @Option(names = "--to-kinesis", paramLabel = "STREAM", required = true, description = "Kinesis stream to put the records into (PutRecords).")
        String stream;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--region", defaultValue = "us-east-1", description = "AWS region of the stream. Default: ${DEFAULT-VALUE}.")
    String region;

    @Option(names = "--endpoint", description = "Kinesis endpoint override (e.g. http://127.0.0.1:4567 for a local emulator).")
    String endpoint;

    @Option(names = "--max-records", defaultValue = "0", description = "Stop after this many records (0 = the whole duration).")
    long maxRecords;

    @Mixin
    GeneratorOptions traffic;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (maxRecords < 0) {
            throw new Main.UserError("--max-records must be 0 (the whole duration) or a positive number of records; got " + maxRecords);
        }
        GeneratorSettings settings = traffic.settings();
        int exit = 0;
        out.println(traffic.describe());
        if (target.file != null) {
            long n = ReplayFileWriter.write(settings, target.file, new Progress(out, "replay file " + target.file, 5000));
            out.printf("wrote %,d records to %s%n", n, target.file.toAbsolutePath());
        } else {
            try (KinesisWriter w = new KinesisWriter(KinesisWriter.client(region, endpoint, null), target.stream)) {
                long put = w.write(settings, maxRecords, new Progress(out, "kinesis " + target.stream, 5000));
                exit = report(out, w, put);
            }
        }
        if (settings.isBounded()) {
            out.print(GroundTruthTable.format(GroundTruth.of(settings)));
        }
        return exit;
    }

    /** What the Kinesis put retried and gave up on; exit code 1 when records are missing from the stream. */
    public static int report(PrintStream out, KinesisWriter w, long put) {
        out.printf("put %,d records into stream %s%n", put, w.stream());
        if (w.failedCalls() > 0 || w.failedEntries() > 0) {
            out.printf("retried with backoff: %,d PutRecords calls that timed out, were throttled or failed, and %,d "
                    + "records the stream rejected (last error: %s)%n", w.failedCalls(), w.failedEntries(), w.lastError());
        }
        if (w.recordsNotPut() == 0) {
            return 0;
        }
        out.printf("NOT PUT: %,d records still failed after %d attempts each (last error: %s); the stream lacks them, so "
                + "the injected totals below overstate what it holds. Check the stream's capacity and the network, "
                + "then generate again into a new stream.%n", w.recordsNotPut(), w.maxAttempts(), w.lastError());
        return 1;
    }
}
