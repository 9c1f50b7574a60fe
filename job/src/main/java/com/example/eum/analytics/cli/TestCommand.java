package com.example.eum.analytics.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code test}: listed here so that {@code help} shows it; bin/engagement-analytics runs it itself (the whole
 * suite is a Maven build, not something this program can run from inside).
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run the whole test suite (mvn -B verify: unit tests, the job end to end on Kinesis and S3 API servers, "
                + "Parquet read back with DuckDB). Installs what it needs first (Java, Maven, Node for the Kinesis API "
                + "server). Run it as: bin/engagement-analytics test [MAVEN_ARGS...], e.g. -Dtest=ReplayCommandTest "
                + "for one class. CI (.ci/run) runs it."})
public class TestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new Main.UserError("the test suite runs from the launcher: bin/engagement-analytics test");
    }
}
