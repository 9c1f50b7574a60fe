package com.example.eum.analytics.sink;

import com.example.eum.analytics.schema.TableSchema;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Puts each row in the Hive-style partition {@code dt=YYYY-MM-DD/hour=HH} (UTC) of its table's partition time
 * ({@link TableSchema#partitionTimeOf}), so Athena can prune by {@code dt} and {@code hour}.
 */
public final class HourPartitionAssigner<T> implements BucketAssigner<T, String> {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter PARTITION =
            DateTimeFormatter.ofPattern("'dt='uuuu-MM-dd'/hour='HH").withZone(ZoneOffset.UTC);

    private final TableSchema<T> table;

    public HourPartitionAssigner(TableSchema<T> table) {
        this.table = table;
    }

    /** The partition path of an epoch-millisecond time. */
    public static String partitionOf(long epochMillis) {
        return PARTITION.format(Instant.ofEpochMilli(epochMillis));
    }

    @Override
    public String getBucketId(T row, Context context) {
        return partitionOf(table.partitionTimeOf(row));
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "HourPartitionAssigner{" + table.name() + "}";
    }
}
