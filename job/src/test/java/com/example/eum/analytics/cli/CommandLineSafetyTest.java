package com.example.eum.analytics.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Options are validated before any output is touched: a bad value is a usage error (exit 2) that names the option
 * and what a valid value looks like, without Java class names, and the previous run's lake is still there.
 */
class CommandLineSafetyTest {
    @ParameterizedTest(name = "local {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--duration|-5m|'-5m' is negative: give a positive duration, like 5m",
            "--duration|abc|'abc' is not a duration: give a number and a unit, like 90s, 5m, 72h or 1h30m",
            "--duration|0|--duration must be positive, like 3m; got 0",
            "--drain|-1m|'-1m' is negative",
            "--rate|0|--rate must be a positive number of messages per second, like 50",
            "--rate|-20|--rate must be a positive number of messages per second, like 50",
            "--rate|abc|'abc' is not a double",
            "--speed|-1|--speed must be 0 (as fast as possible) or a positive factor, like 4",
            "--start|yesterday|--start must be an ISO-8601 instant like 2025-06-02T14:00:00Z, or 'now'; got 'yesterday'",
            "--countries|US:x|--countries must be ISO code:weight pairs with positive weights",
            "--incident|country=IN,delivery=7|incident delivery must be within 0..1, got 7",
            "--incident|carrier=999-99|carrier 999-99 is none the generator uses; carriers are",
            "--incident|country=SL,pumping=3x|SL has no traffic in the country mix (US,IN,BR,GB,DE,ID); add it to --countries or give an absolute rate like 2/s",
            "--incident|country=IN,pumping=2x,blast=3x|has 2 effects; give each its own --incident",
            "--generator|late-share=abc|--generator late-share must be a number within 0..1; got 'abc'",
            "--window|0|Processing.windowSize: must be a positive duration of at most 1 day, like 5m; got '0'",
            "--checkpoint-interval|-10s|Lake.checkpointInterval",
    })
    void aBadLocalOptionIsAUsageErrorAndTheLakeIsKept(String option, String value, String message, @TempDir Path dir) throws IOException {
        Path previousFile = previousLake(dir);
        Run run = run("local", option, value, "--output", dir.toString());
        assertThat(run.exit).as(run.err).isEqualTo(2);
        assertThat(run.err).contains(message).doesNotContainPattern("java\\.|Exception|\\bnull\\b");
        assertThat(run.out).doesNotContain("wall time").doesNotContain("replaced");
        assertThat(previousFile).exists();
    }

    @Test
    void aBadReplayOptionKeepsTheLake(@TempDir Path dir) throws IOException {
        Path previousFile = previousLake(dir.resolve("lake"));
        Path input = Files.writeString(dir.resolve("in.jsonl"), "{}\n");
        Run run = run("replay", "--input", input.toString(), "--output", dir.resolve("lake").toString(), "--overwrite",
                "--set", "Processing.maxFutureSkew=-15m");
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).contains("Processing.maxFutureSkew: must be a positive duration like 15m");
        assertThat(previousFile).exists();
    }

    @Test
    void aBadGenerateOptionWritesNothing(@TempDir Path dir) {
        Path file = dir.resolve("traffic.jsonl");
        Run negative = run("generate", "--output", file.toString(), "--max-records", "-1");
        assertThat(negative.exit).isEqualTo(2);
        assertThat(negative.err).contains("--max-records must be 0 (the whole duration) or a positive number of records; got -1");
        Run zero = run("generate", "--output", file.toString(), "--duration", "0");
        assertThat(zero.exit).isEqualTo(2);
        assertThat(zero.err).contains("--duration must be positive");
        assertThat(file).doesNotExist();
    }

    @Test
    void helpListsTestAndHelpTestExplainsIt() {
        Run top = run("help");
        assertThat(top.exit).isZero();
        assertThat(top.out).containsPattern("(?m)^  test +Run the whole test suite");
        Run test = run("help", "test");
        assertThat(test.exit).isZero();
        assertThat(test.out).contains("Usage: engagement-analytics test").contains("bin/engagement-analytics test [MAVEN_ARGS...]");
    }

    @Test
    void anUnexpectedFailureSaysWhatFailedItsCauseAndWhereTheRunsLogIs() {
        List<String> lines = Main.failureLines(new IllegalStateException("the job failed",
                new RuntimeException("wrapped", new NoSuchElementException("No value present"))), "/tmp/engagement-analytics-run.log");
        assertThat(lines).containsExactly("error: the job failed", "  cause: No value present",
                "  full log of this run: /tmp/engagement-analytics-run.log");
        // a defect without a message is never printed as "null"
        assertThat(Main.failureLines(new NoSuchElementException(), null))
                .containsExactly("error: unexpected NoSuchElementException (a defect; please report it with the log)");
        assertThat(Main.failureLines(new java.io.UncheckedIOException("cannot write", new java.nio.file.AccessDeniedException("/data/out")), null))
                .containsExactly("error: cannot write", "  cause: /data/out: permission denied");
    }

    /** A directory holding a previous run's table (one file), as `local` leaves it. */
    private static Path previousLake(Path dir) throws IOException {
        return Files.writeString(Files.createDirectories(dir.resolve("events").resolve("dt=2025-06-02")).resolve("part-0.parquet"), "previous run");
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintStream previousOut = System.out;
        PrintStream previousErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err + stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(previousOut);
            System.setErr(previousErr);
        }
    }

    private static final class Run {
        final int exit;
        final String out;
        final String err;

        Run(int exit, String out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }
    }

}
