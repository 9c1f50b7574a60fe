package com.example.eum.analytics.sink;

import com.example.eum.analytics.pipeline.PipelineOutputs;
import com.example.eum.analytics.schema.TableSchema;
import com.example.eum.analytics.schema.Tables;

import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * Writes lake tables as Parquet under {@code <root>/<table>/dt=YYYY-MM-DD/hour=HH/part-*.parquet}, root being a local
 * path or {@code s3://bucket/prefix}. Files roll and are committed on checkpoints (two-phase commit of Flink's
 * {@link FileSink}), which makes the lake exactly-once and makes the checkpoint interval the knob for file sizes
 * (schemas/lake.md).
 */
public final class LakeSink {
    static final String PART_PREFIX = "part";
    static final String PART_SUFFIX = ".parquet";

    private LakeSink() {}

    /** Attaches the six tables of the pipeline under the lake root. */
    public static void attachAll(PipelineOutputs outputs, String root) {
        attach(outputs.events, Tables.EVENTS, root);
        attach(outputs.deadLetters, Tables.DEAD_LETTERS, root);
        attach(outputs.metricsByCountry, Tables.METRICS_BY_COUNTRY, root);
        attach(outputs.metricsByOrigination, Tables.METRICS_BY_ORIGINATION, root);
        attach(outputs.metricsByCarrier, Tables.METRICS_BY_CARRIER, root);
        attach(outputs.alerts, Tables.ALERTS, root);
    }

    /** Attaches the table's file sink to the stream, named and uid'd {@code sink-<table>}. */
    public static <T> DataStreamSink<T> attach(DataStream<T> rows, TableSchema<T> table, String root) {
        return rows.sinkTo(fileSink(table, root))
                .name("sink-" + table.name())
                .uid("sink-" + table.name());
    }

    /** The Parquet file sink of one table. */
    public static <T> FileSink<T> fileSink(TableSchema<T> table, String root) {
        return FileSink.forBulkFormat(tablePath(root, table), ParquetTableWriters.factory(table))
                .withBucketAssigner(new HourPartitionAssigner<>(table))
                .withOutputFileConfig(OutputFileConfig.builder()
                        .withPartPrefix(PART_PREFIX)
                        .withPartSuffix(PART_SUFFIX)
                        .build())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .build();
    }

    /** {@code <root>/<table>}, tolerating a trailing slash on the root. */
    static Path tablePath(String root, TableSchema<?> table) {
        String base = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        return new Path(base + "/" + table.name());
    }
}
