package com.example.eum.analytics.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a lake table's files live and how Athena finds them: {@code <lake_root>/<table>/dt=YYYY-MM-DD/hour=HH/},
 * with Hive partition columns {@code dt} and {@code hour} (strings, UTC) and partition projection, so no crawler
 * and no {@code MSCK REPAIR} is ever needed. The Athena DDL and the Glue definitions both take their partitioning
 * from here, so they cannot disagree.
 *
 * <p>Generated files keep two placeholders, replaced at deployment (schemas/athena/render.sh does it):
 * {@link #LAKE_ROOT} (e.g. {@code s3://bucket/prefix}, no trailing slash) and {@link #DATABASE} (the Glue database).
 */
public final class LakeLayout {
    /** Placeholder for the lake's root URI, without trailing slash. */
    public static final String LAKE_ROOT = "${lake_root}";
    /** Placeholder for the Glue/Athena database name. */
    public static final String DATABASE = "${database}";
    /** First day partition projection lists. Days before it are invisible to Athena. */
    public static final String PROJECTION_FIRST_DAY = "2024-01-01";
    /**
     * Compression of the lake's Parquet files (the job's writer takes it from here): ZSTD, about half the size of
     * SNAPPY and written no slower (schemas/lake.md). Athena reads any codec; the property guides Athena's own writes.
     */
    public static final String PARQUET_COMPRESSION = "ZSTD";

    private LakeLayout() {}

    /** A Hive partition column: always {@code string}. */
    public static final class PartitionKey {
        private final String name;
        private final String comment;

        PartitionKey(String name, String comment) {
            this.name = name;
            this.comment = comment;
        }

        public String name() {
            return name;
        }

        public String type() {
            return "string";
        }

        public String comment() {
            return comment;
        }
    }

    /**
     * The partition columns {@code dt} and {@code hour} of a table, documented with the time that picks them.
     *
     * @throws IllegalArgumentException if the table has a column named like a partition column (Athena rejects
     *                                  a table whose data and partition columns collide)
     */
    public static List<PartitionKey> partitionKeys(TableSchema<?> table) {
        String time = table.partitionTimeDescription();
        List<PartitionKey> keys = new ArrayList<>();
        keys.add(new PartitionKey("dt", "UTC day (yyyy-MM-dd) of " + time + ". Filter on it (as a string) so Athena reads only the days needed."));
        keys.add(new PartitionKey("hour", "UTC hour (00-23) of " + time + "."));
        for (PartitionKey key : keys) {
            for (Column<?> c : table.columns()) {
                if (c.name().equals(key.name())) {
                    throw new IllegalArgumentException(table.name() + ": column " + c.name()
                            + " collides with the partition column of the same name");
                }
            }
        }
        return Collections.unmodifiableList(keys);
    }

    /** The table's directory: {@code ${lake_root}/<table>/}. */
    public static String location(TableSchema<?> table) {
        return LAKE_ROOT + "/" + table.name() + "/";
    }

    /**
     * Table properties: partition projection over {@code dt} (days from {@link #PROJECTION_FIRST_DAY} to now) and
     * {@code hour} (00..23), the storage template that maps them to paths, and the Parquet codec.
     */
    public static Map<String, String> tableProperties(TableSchema<?> table) {
        partitionKeys(table);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("projection.enabled", "true");
        p.put("projection.dt.type", "date");
        p.put("projection.dt.format", "yyyy-MM-dd");
        p.put("projection.dt.range", PROJECTION_FIRST_DAY + ",NOW");
        p.put("projection.dt.interval", "1");
        p.put("projection.dt.interval.unit", "DAYS");
        p.put("projection.hour.type", "integer");
        p.put("projection.hour.range", "0,23");
        p.put("projection.hour.digits", "2");
        p.put("storage.location.template", location(table) + "dt=${dt}/hour=${hour}/");
        p.put("parquet.compression", PARQUET_COMPRESSION);
        return Collections.unmodifiableMap(p);
    }
}
