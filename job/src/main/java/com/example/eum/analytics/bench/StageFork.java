package com.example.eum.analytics.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one stage in a fresh JVM (this JVM's java, flags and classpath; debug agents left out), so CPU time, JIT
 * warm-up and peak heap belong to that run alone. The child's progress lines are passed on, indented; its result
 * line is parsed.
 */
final class StageFork {
    private StageFork() {}

    static StageResult run(Stage stage, Path input, long records, int warmups, int iterations, Duration checkpointInterval,
                           PrintStream out) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-agentlib:jdwp") && !arg.startsWith("-Xrunjdwp")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StageMain.class.getName());
        command.add(stage.name());
        command.add(input.toAbsolutePath().toString());
        command.add(Long.toString(records));
        command.add(Integer.toString(warmups));
        command.add(Integer.toString(iterations));
        command.add(Long.toString(checkpointInterval.getSeconds()));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        StageResult result = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(StageMain.RESULT_PREFIX)) {
                    result = new ObjectMapper().readValue(line.substring(StageMain.RESULT_PREFIX.length()), StageResult.class);
                } else {
                    out.println(line);
                }
            }
        }
        int exit = child.waitFor();
        if (exit != 0 || result == null) {
            throw new IOException("stage " + stage.cliName() + " failed (its JVM exited with " + exit
                    + (result == null ? " without a result" : "") + "; its errors are above)");
        }
        return result;
    }
}
