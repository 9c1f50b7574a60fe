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
        subcommands = {LocalCommand.class, ReplayCommand.class, GenerateCommand.class, KinesisCommand.class, BenchCommand.class,
                EvaluateAlertsCommand.class,
                TestCommand.class, CommandLine.HelpCommand.class})
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

    /** The system property naming this run's log file (bin/engagement-analytics sets one per run). */
    static final String LOG_FILE_PROPERTY = "engagement.log.file";

    /** The configured command line (exit codes: 0 ok, 2 usage or configuration error, 1 I/O or job failure). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UserError) {
                commandLine.getErr().println("error: " + ex.getMessage());
                return 2;
            }
            String logFile = System.getProperty(LOG_FILE_PROPERTY);
            boolean logged = logFile != null && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(logFile));
            for (String line : failureLines(ex, logged ? logFile : null)) {
                commandLine.getErr().println(line);
            }
            return 1;
        });
        return cl;
    }

    /**
     * What an unexpected failure prints: what failed (never just "null"), its root cause, and where this run's full
     * log is.
     */
    static java.util.List<String> failureLines(Throwable ex, String logFile) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add("error: " + describe(ex));
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != ex && !describe(ex).contains(describe(root))) {
            lines.add("  cause: " + describe(root));
        }
        if (logFile != null && !logFile.isEmpty()) {
            lines.add("  full log of this run: " + logFile);
        }
        return lines;
    }

    /** The message, or for an exception without one (a defect), its kind, so the line is never "null". */
    static String describe(Throwable t) {
        if (t instanceof java.nio.file.FileSystemException) {
            // these carry only the path as message; the kind of failure is in the type or the reason
            java.nio.file.FileSystemException f = (java.nio.file.FileSystemException) t;
            String reason = f.getReason() != null ? f.getReason()
                    : t instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : t instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                    : t instanceof java.nio.file.FileAlreadyExistsException ? "already exists"
                    : t instanceof java.nio.file.NotDirectoryException ? "not a directory"
                    : t instanceof java.nio.file.DirectoryNotEmptyException ? "directory not empty"
                    : "file system error";
            return f.getFile() + ": " + reason;
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? "unexpected " + t.getClass().getSimpleName() + " (a defect; please report it with the log)" : m;
    }

    /** A problem the user can fix (bad option, missing input): printed without a stack trace, exit code 2. */
    public static class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UserError(String message) {
            super(message);
        }
    }
}
