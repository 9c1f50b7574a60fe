package com.example.eum.analytics.cli;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.WindowMetrics;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads what a local run actually committed to the lake (committed {@code .parquet} files only) and sums it up
 * the way an analyst would: latest revision per window and key. The CLI prints it after a run, so what users see
 * is what Athena would see, not an in-memory counter.
 */
public final class LakeSummary {
    private LakeSummary() {}

    /**
     * The latest revision of every (window, channel, key) of a metrics table ({@code metrics_by_country} with key
     * column {@code iso_country_code}, or {@code metrics_by_origination} with {@code origination_id}), with every
     * summed column filled. Summing them per key gives the key's totals.
     */
    public static List<WindowMetrics> latestWindows(Path lakeRoot, String table, String keyColumn) {
        Map<String, Group> latest = new HashMap<>();
        forEachRow(lakeRoot.resolve(table), g -> {
            String id = g.getLong("window_start", 0) + "|" + g.getString("channel", 0) + "|" + g.getString(keyColumn, 0)
                    + "\u001F" + stringOrEmpty(g, "message_type") + "\u001F" + stringOrEmpty(g, "use_case")
                    + "\u001F" + stringOrEmpty(g, "mcc") + "\u001F" + stringOrEmpty(g, "mnc");
            Group previous = latest.get(id);
            if (previous == null || previous.getInteger("revision", 0) < g.getInteger("revision", 0)) {
                latest.put(id, g);
            }
        });
        List<WindowMetrics> rows = new ArrayList<>();
        for (Group g : latest.values()) {
            WindowMetrics w = new WindowMetrics();
            w.windowStart = g.getLong("window_start", 0);
            w.windowEnd = g.getLong("window_end", 0);
            w.channel = Channel.valueOf(g.getString("channel", 0));
            w.key = g.getString(keyColumn, 0);
            w.revision = g.getInteger("revision", 0);
            w.messageType = stringOrEmpty(g, "message_type");
            w.useCase = stringOrEmpty(g, "use_case");
            w.mcc = stringOrEmpty(g, "mcc");
            w.mnc = stringOrEmpty(g, "mnc");
            w.carrierName = stringOrEmpty(g, "carrier_name");
            for (SumColumn c : SumColumn.values()) {
                w.set(c, longOrZero(g, c.columnName()));
            }
            rows.add(w);
        }
        rows.sort(java.util.Comparator.comparingLong((WindowMetrics w) -> w.windowStart).thenComparing(w -> w.channel)
                .thenComparing(w -> w.key).thenComparing(w -> w.messageType).thenComparing(w -> w.useCase)
                .thenComparing(w -> w.mcc).thenComparing(w -> w.mnc));
        return rows;
    }

    /**
     * A key column's value; '' when the row's file predates the column (the rows of a window restored from release 1
     * carry '' after the upgrade, so both are one key, as in the _latest views).
     */
    private static String stringOrEmpty(Group g, String column) {
        return g.getType().containsField(column) && g.getFieldRepetitionCount(column) > 0 ? g.getString(column, 0) : "";
    }

    /**
     * A summed column's value; 0 when the row's file predates the column (a lake spans upgrades, and a column added
     * later had nothing to count before it existed).
     */
    private static long longOrZero(Group g, String column) {
        return g.getType().containsField(column) ? g.getLong(column, 0) : 0L;
    }

    /** Number of rows committed to a table, from the Parquet footers (no rows are read). */
    public static long rowCount(Path lakeRoot, String table) {
        Configuration conf = new Configuration();
        long rows = 0;
        for (Path file : committedFiles(lakeRoot.resolve(table))) {
            try (ParquetFileReader reader = ParquetFileReader.open(
                    HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))) {
                rows += reader.getRecordCount();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return rows;
    }

    /** Dead letters committed, by reason. */
    /**
     * The committed alerts, in order of detection, one line each: detected at, severity, rule, status, where
     * (channel, country, use case, carrier or sending number), the window and the one-line summary's figures.
     */
    public static List<String> alerts(Path lakeRoot) {
        Map<String, String> byOrder = new TreeMap<>();
        forEachRow(lakeRoot.resolve("alerts"), g -> {
            String where = String.join(" ", java.util.stream.Stream.of(stringOrEmpty(g, "channel"),
                    stringOrEmpty(g, "iso_country_code"),
                    stringOrEmpty(g, "use_case").isEmpty() ? "" : "use case " + stringOrEmpty(g, "use_case"),
                    stringOrEmpty(g, "carrier").isEmpty() ? "" : "carrier " + stringOrEmpty(g, "carrier"),
                    stringOrEmpty(g, "origination_id").isEmpty() ? "" : "from " + stringOrEmpty(g, "origination_id"))
                    .filter(x -> !x.isEmpty()).toArray(String[]::new));
            long start = g.getLong("window_start", 0);
            long end = g.getLong("window_end", 0);
            String line = String.format("%-8s %-15s %-9s %-40s window %s..%s", g.getString("severity", 0),
                    g.getString("rule", 0), g.getString("status", 0), where.isEmpty() ? "(account)" : where,
                    java.time.Instant.ofEpochMilli(start), java.time.Instant.ofEpochMilli(end).toString().substring(11));
            byOrder.put(g.getLong("detected_at", 0) + "|" + g.getString("alert_id", 0), line);
        });
        return List.copyOf(byOrder.values());
    }

    public static Map<String, Long> deadLettersByReason(Path lakeRoot) {
        Map<String, Long> out = new TreeMap<>();
        forEachRow(lakeRoot.resolve("dead_letters"), g -> out.merge(g.getString("reason", 0), 1L, Long::sum));
        return out;
    }

    /** Committed Parquet files of a table (in-progress and hidden files excluded). */
    public static List<Path> committedFiles(Path tableDir) {
        if (!Files.isDirectory(tableDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(tableDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tableDir, e);
        }
    }

    private static void forEachRow(Path tableDir, Consumer<Group> consumer) {
        Configuration conf = new Configuration();
        for (Path file : committedFiles(tableDir)) {
            try (ParquetReader<Group> reader = ParquetReader
                    .builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri()))
                    .withConf(conf)
                    .build()) {
                for (Group g = reader.read(); g != null; g = reader.read()) {
                    consumer.accept(g);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }
}
