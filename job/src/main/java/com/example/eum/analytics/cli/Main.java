package com.example.eum.analytics.cli;

import com.example.eum.analytics.bench.BenchCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Command-line entry point of bin/engagement-analytics. */
@Command(name = "engagement-analytics",
        mixinStandardHelpOptions = true,
        version = "engagement-analytics 0.1.0 (Flink 1.19)",
        description = "AWS End User Messaging engagement analytics: a Flink job that turns delivery receipts, WhatsApp "
                + "events and message feedback into per-country and per-number metrics in Parquet.",
        subcommands = {LocalCommand.class, ReplayCommand.class, GenerateCommand.class, KinesisCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (exit codes: 0 ok, 2 usage or configuration error, 1 I/O or job failure). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UserError) {
                commandLine.getErr().println("error: " + ex.getMessage());
                return 2;
            }
            commandLine.getErr().println("error: " + ex.getMessage());
            if (ex.getCause() != null) {
                commandLine.getErr().println("  caused by: " + ex.getCause());
            }
            return 1;
        });
        return cl;
    }

    /** A problem the user can fix (bad option, missing input): printed without a stack trace, exit code 2. */
    public static class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UserError(String message) {
            super(message);
        }
    }
}
