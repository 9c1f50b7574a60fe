package com.example.eum.analytics.pipeline;

import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Managed Flink restores the running job's snapshot on every update, so state written by the previous release must
 * restore into today's job: the savepoint committed under {@code savepoints/release-1} (whole job mid-stream: message
 * lifecycle state with pending messages and feedback timers, both window operators with open windows and
 * revisions, the sinks; README there) is restored into the job {@link EngagementPipeline} builds today, with the
 * heap state backend and with RocksDB (Managed Flink's; it migrates the evolved POJO state on restore), from a
 * directory other than the one it was written in, without dropping any state; the rest of the input is fed, and the
 * per-key totals of both metrics tables (latest revision of every window, over the lake the old job committed plus
 * what the restored job commits) equal the ground truth of the whole input.
 */
class ReleaseSavepointRestoreTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @ParameterizedTest(name = "{0}, state backend {1}")
    @CsvSource({"release-1, hashmap", "release-1, rocksdb", "release-2, hashmap", "release-2, rocksdb"})
    void theSavepointOfAReleaseRestoresAndEveryMessageCountsOnce(String name, String stateBackend, @TempDir Path dir) throws Exception {
        Path release = resource(name);
        Path savepoint = copy(release.resolve("savepoint"), dir.resolve("savepoint"));
        Path lake = copy(release.resolve("lake"), dir.resolve("lake"));
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(release.resolve("savepoint.properties"))) {
            p.load(in);
        }
        int lines = Integer.parseInt(p.getProperty("inputLines"));
        int from = Integer.parseInt(p.getProperty("savepointAfterLine"));
        Path input = release.resolve("input.jsonl.gz");
        assertThat(SavepointInputSource.lines(input)).hasSize(lines);

        Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(release.resolve("expected-totals.txt"), StandardCharsets.UTF_8)) {
            // "table CHANNEL/key col=v ...": a carrier key may hold spaces (its carrier name), the values start at messages=
            int values = line.indexOf(" messages=");
            expected.put(line.substring(0, values), line.substring(values + 1));
        }
        assertThat(expected).hasSizeGreaterThan(10);
        // the tables the release had (release 1: no metrics_by_carrier)
        Set<String> tables = expected.keySet().stream().map(k -> k.substring(0, k.indexOf(' '))).collect(Collectors.toSet());
        assertThat(ReleaseSavepoint.ofTables(ReleaseSavepoint.measured(lake), tables)).as("the old job was stopped mid-stream")
                .isNotEqualTo(expected);

        StreamExecutionEnvironment env = ReleaseSavepoint.environment(stateBackend);
        ReleaseSavepoint.build(env, input, from, lines, false, lake);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName("restore-" + name);
        graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint.toUri().toString(), false));
        env.execute(graph);

        assertThat(ReleaseSavepoint.ofTables(ReleaseSavepoint.measured(lake), tables)).isEqualTo(expected);
    }

    private static Path resource(String release) throws Exception {
        return Path.of(ReleaseSavepointRestoreTest.class.getResource("/savepoints/" + release + "/savepoint.properties").toURI()).getParent();
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                Path dest = to.resolve(from.relativize(f).toString());
                Files.createDirectories(dest.getParent());
                Files.copy(f, dest);
            }
        }
        return to;
    }
}
