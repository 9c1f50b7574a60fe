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
 * connector logs both at INFO, and the cluster's log lines start with an ISO-8601 time).
 *
 * <p>The legacy {@code FlinkKinesisConsumer} (flink-connector-kinesis 4.x, the one Managed Flink's examples and this
 * job use) does <em>not</em> wait for a parent shard's end before it starts a child: it starts a child as soon as
 * shard discovery lists it (parent-before-child ordering, FLINK-32218, exists only in the newer
 * {@code KinesisStreamsSource}). So records of one message can arrive out of order across a split, and the job must
 * not depend on their order; this class proves both shards were read, and reports the order it saw.
 */
final class ShardReadOrder {
    private static final Pattern SHARD_ID = Pattern.compile("ShardId: (shardId-\\d+)");

    private ShardReadOrder() {}

    /**
     * Asserts the consumer read {@code parent} to its end and started every child; returns how many children it
     * started before the parent's end was logged (a split read out of order, which the job must tolerate).
     */
    static int assertParentReadToItsEndAndChildrenStarted(Path clusterDir, String stream, String parent,
            Set<String> children) throws IOException {
        List<String> lines = taskManagerLines(clusterDir).stream()
                .filter(l -> l.contains("streamName='" + stream + "'")).collect(Collectors.toList());
        String parentEnd = firstTime(lines, "has reached the end of subscribed shard", parent);
        assertThat(parentEnd).as("the consumer read parent shard " + parent + " to its end").isNotNull();
        int startedEarly = 0;
        for (String child : children) {
            String childStart = firstTime(lines, "will start consuming", child);
            assertThat(childStart).as("the consumer started child shard " + child).isNotNull();
            if (childStart.compareTo(parentEnd) < 0) {
                startedEarly++;
            }
        }
        return startedEarly;
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
