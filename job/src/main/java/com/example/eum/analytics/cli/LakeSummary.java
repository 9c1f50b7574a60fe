package com.example.eum.analytics.cli;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

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

    /** Totals of one (channel, key) over all windows, latest revision of each window. */
    public static final class KeyTotals {
        public final String channel;
        public final String key;
        public long messages;
        public long delivered;
        public long failed;
        public long converted;
        public long feedbackFailed;
        public long spendMicros;

        KeyTotals(String channel, String key) {
            this.channel = channel;
            this.key = key;
        }

        /** delivered / (delivered + failed), or null. */
        public Double deliveryRate() {
            return delivered + failed == 0 ? null : (double) delivered / (delivered + failed);
        }

        /** converted / (converted + feedback_failed), or null. */
        public Double conversionRate() {
            return converted + feedbackFailed == 0 ? null : (double) converted / (converted + feedbackFailed);
        }
    }

    /** Per (channel, key) totals of a metrics table ({@code metrics_by_country} or {@code metrics_by_origination}). */
    public static List<KeyTotals> metricsTotals(Path lakeRoot, String table, String keyColumn) {
        Map<String, Group> latest = new HashMap<>();
        forEachRow(lakeRoot.resolve(table), g -> {
            String id = g.getLong("window_start", 0) + "|" + g.getString("channel", 0) + "|" + g.getString(keyColumn, 0);
            Group previous = latest.get(id);
            if (previous == null || previous.getInteger("revision", 0) < g.getInteger("revision", 0)) {
                latest.put(id, g);
            }
        });
        Map<String, KeyTotals> totals = new TreeMap<>();
        for (Group g : latest.values()) {
            String channel = g.getString("channel", 0);
            String key = g.getString(keyColumn, 0);
            KeyTotals t = totals.computeIfAbsent(channel + "|" + key, k -> new KeyTotals(channel, key));
            t.messages += g.getLong("messages", 0);
            t.delivered += g.getLong("delivered", 0);
            t.failed += g.getLong("failed", 0);
            t.converted += g.getLong("converted", 0);
            t.feedbackFailed += g.getLong("feedback_failed", 0);
            t.spendMicros += g.getLong("price_usd", 0) + g.getLong("carrier_fee_usd", 0) + g.getLong("whatsapp_fee_usd", 0);
        }
        return new ArrayList<>(totals.values());
    }

    /** Number of rows committed to a table. */
    public static long rowCount(Path lakeRoot, String table) {
        long[] n = {0};
        forEachRow(lakeRoot.resolve(table), g -> n[0]++);
        return n[0];
    }

    /** Dead letters committed, by reason. */
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
