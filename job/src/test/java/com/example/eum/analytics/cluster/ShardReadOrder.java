package com.example.eum.analytics.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the Kinesis consumer in the TaskManagers finished a shard and started consuming one, from their logs (the
 * connector logs both at INFO, and the cluster's log lines start with an ISO-8601 time): proof that a split's parent
 * was read to its end before either child was read.
 */
final class ShardReadOrder {
    private static final Pattern SHARD_ID = Pattern.compile("ShardId: (shardId-\\d+)");

    private ShardReadOrder() {}

    static void assertParentEndedBeforeChildrenStarted(Path clusterDir, String stream, String parent, Set<String> children)
            throws IOException {
        List<String> lines = taskManagerLines(clusterDir).stream()
                .filter(l -> l.contains("streamName='" + stream + "'")).collect(Collectors.toList());
        String parentEnd = firstTime(lines, "has reached the end of subscribed shard", parent);
        assertThat(parentEnd).as("the consumer read parent shard " + parent + " to its end").isNotNull();
        for (String child : children) {
            String childStart = firstTime(lines, "will start consuming", child);
            assertThat(childStart).as("the consumer started child shard " + child).isNotNull();
            assertThat(childStart).as("child " + child + " started after parent " + parent + " ended")
                    .isGreaterThanOrEqualTo(parentEnd);
        }
    }

    private static String firstTime(List<String> lines, String phrase, String shardId) {
        for (String line : lines) {
            if (line.contains(phrase)) {
                Matcher m = SHARD_ID.matcher(line);
                if (m.find() && m.group(1).equals(shardId)) {
                    return line.substring(0, line.indexOf(' '));
                }
            }
        }
        return null;
    }

    private static List<String> taskManagerLines(Path clusterDir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(clusterDir)) {
            for (Path log : files.filter(f -> f.getFileName().toString().matches("taskmanager-\\d+\\.log"))
                    .sorted().collect(Collectors.toList())) {
                lines.addAll(Files.readAllLines(log, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }
}
