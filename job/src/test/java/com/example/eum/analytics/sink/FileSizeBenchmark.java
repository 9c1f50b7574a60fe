package com.example.eum.analytics.sink;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.Status;
import com.example.eum.analytics.schema.Tables;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * How many files, of what size, the lake writes for one hour of events at a steady rate (default 1,000 events/s =
 * 3.6 M events over one hour of event time), with a checkpoint every N minutes of event time. Runs as fast as the
 * machine allows: the generator is gated to emit exactly N minutes of events per checkpoint and the driver triggers
 * each checkpoint once they have reached the sink, so the file layout is what a live job with an N-minute checkpoint
 * interval would produce (one writer). Also writes the first N minutes to one file with each codec to compare sizes.
 *
 * <p>Not a test (no *Test name). Command in schemas/lake.md: {@code FileSizeBenchmark [minutes...]}, default 1 10.
 */
public final class FileSizeBenchmark {
    static final long START = LakeRows.at("2026-11-23T05:00:00Z");
    static final int EVENTS_PER_SECOND = 1_000;
    static final long EVENTS = EVENTS_PER_SECOND * 3_600L;
    /** Records that have reached the sink in the running job (the MiniCluster runs in this JVM). */
    static final AtomicLong REACHED_SINK = new AtomicLong();

    private FileSizeBenchmark() {}

    public static void main(String[] args) throws Exception {
        String[] minutes = args.length == 0 ? new String[] {"1", "10"} : args;
        Path out = Files.createTempDirectory("lake-file-size");
        for (String m : minutes) {
            run(Integer.parseInt(m), out.resolve("checkpoint-" + m + "min"));
        }
        compareCodecs(out.resolve("codecs"), Integer.parseInt(minutes[minutes.length - 1]));
        System.out.println("output kept under " + out);
    }

    private static void run(int checkpointMinutes, Path lake) throws Exception {
        int perCheckpoint = EVENTS_PER_SECOND * 60 * checkpointMinutes;
        REACHED_SINK.set(0);
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.getConfig().disableGenericTypes();
        env.setParallelism(1);
        env.enableCheckpointing(24L * 3_600_000L);  // periodic checkpoints never fire: the driver triggers them
        DataGeneratorSource<CanonicalEvent> source = new DataGeneratorSource<>(new HourOfEvents(), EVENTS,
                RateLimiterStrategy.perCheckpoint(perCheckpoint), TypeInformation.of(CanonicalEvent.class));
        LakeSink.attach(env.fromSource(source, WatermarkStrategy.noWatermarks(), "events").uid("events")
                .map(new CountReachingSink()).name("count").uid("count"), Tables.EVENTS, lake.toString());
        JobGraph job = env.getStreamGraph().getJobGraph();

        long began = System.nanoTime();
        MiniClusterConfiguration cluster = new MiniClusterConfiguration.Builder()
                .setConfiguration(conf).setNumTaskManagers(1).setNumSlotsPerTaskManager(1).build();
        try (MiniCluster mini = new MiniCluster(cluster)) {
            mini.start();
            JobID id = mini.submitJob(job).get().getJobID();
            CompletableFuture<?> result = mini.requestJobResult(id);
            long next = Math.min(perCheckpoint, EVENTS);
            int checkpoints = 0;
            while (!result.isDone()) {
                if (REACHED_SINK.get() >= next) {
                    CompletableFuture<String> checkpoint = mini.triggerCheckpoint(id);
                    CompletableFuture.anyOf(checkpoint, result).exceptionally(e -> null).get();
                    if (checkpoint.isDone() && !checkpoint.isCompletedExceptionally()) {
                        checkpoints++;
                        next = Math.min(next + perCheckpoint, EVENTS);
                    } else {
                        Thread.sleep(20);  // tasks finishing after the last record; retry until the job ends
                    }
                } else {
                    Thread.sleep(2);
                }
            }
            result.get();
            double seconds = (System.nanoTime() - began) / 1e9;
            report(checkpointMinutes, checkpoints, lake.resolve("events"), seconds);
        }
    }

    private static void report(int minutes, int checkpoints, Path table, double seconds) throws Exception {
        Map<String, long[]> partitions = new TreeMap<>();
        try (Stream<Path> files = Files.walk(table)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                long[] stats = partitions.computeIfAbsent(table.relativize(f.getParent()).toString(), k -> new long[2]);
                stats[0]++;
                stats[1] += f.toFile().length();
            });
        }
        long rows = DuckDbLake.count("SELECT count(*) FROM " + DuckDbLake.table(table));
        System.out.printf("checkpoint every %d min of event time: %d checkpoints, %,d rows read back, %.1f s (%,.0f events/s)%n",
                minutes, checkpoints, rows, seconds, EVENTS / seconds);
        for (Map.Entry<String, long[]> p : partitions.entrySet()) {
            long[] s = p.getValue();
            System.out.printf("  %s: %d files, %.2f MiB total, %.2f MiB average%n",
                    p.getKey(), s[0], s[1] / 1048576.0, s[1] / 1048576.0 / s[0]);
        }
    }

    /** The same rows (first N minutes of the hour) in one file per codec. */
    private static void compareCodecs(Path dir, int minutes) throws Exception {
        Files.createDirectories(dir);
        HourOfEvents events = new HourOfEvents();
        for (CompressionCodecName codec : new CompressionCodecName[] {CompressionCodecName.SNAPPY, CompressionCodecName.ZSTD}) {
            Path file = dir.resolve(codec.name().toLowerCase() + ".parquet");
            long began = System.nanoTime();
            BulkWriter<CanonicalEvent> writer = ParquetTableWriters.factory(Tables.EVENTS, codec).create(
                    FileSystem.getLocalFileSystem().create(new org.apache.flink.core.fs.Path(file.toUri()), FileSystem.WriteMode.OVERWRITE));
            for (long i = 0; i < EVENTS_PER_SECOND * 60L * minutes; i++) {
                writer.addElement(events.map(i));
            }
            writer.finish();
            System.out.printf("%s: %d min of events in one file = %.2f MiB (%.1f s)%n",
                    codec, minutes, Files.size(file) / 1048576.0, (System.nanoTime() - began) / 1e9);
        }
    }

    /**
     * Event i of the hour at START + i ms (1,000/s): two events per message (SENT then DELIVERED, or FAILED for one
     * message in ten), message ids as UUIDs, destination hashes as 64 hex digits, eight countries.
     */
    static final class HourOfEvents implements GeneratorFunction<Long, CanonicalEvent> {
        private static final String[] COUNTRIES = {"US", "GB", "DE", "IN", "BR", "FR", "MX", "JP"};

        @Override
        public CanonicalEvent map(Long index) {
            long i = index;
            long message = i / 2;
            CanonicalEvent e = LakeRows.fullEvent(hex(sha256("event-" + i)).substring(0, 32), START + i * 1_000 / EVENTS_PER_SECOND);
            e.messageId = UUID.nameUUIDFromBytes(("message-" + message).getBytes(StandardCharsets.UTF_8)).toString();
            e.destinationHash = hex(sha256("destination-" + message % 200_000));
            e.isoCountryCode = COUNTRIES[(int) (message % COUNTRIES.length)];
            e.requestTime = START + message * 2;
            boolean first = i % 2 == 0;
            boolean fails = message % 10 == 0;
            e.eventType = first ? "TEXT_SUCCESSFUL" : fails ? "TEXT_CARRIER_UNREACHABLE" : "TEXT_DELIVERED";
            e.status = first ? Status.SENT : fails ? Status.FAILED : Status.DELIVERED;
            e.isFinal = !first;
            e.channel = message % 5 == 0 ? Channel.MMS : Channel.SMS;
            e.priceMicros = 5_810L + message % 7 * 1_000;
            return e;
        }

        private static byte[] sha256(String s) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String hex(byte[] bytes) {
            StringBuilder sb = new StringBuilder(bytes.length * 2);
            for (byte b : bytes) {
                sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return sb.toString();
        }
    }

    /** Counts records on their way into the sink (chained, so counted records are in the writer). */
    static final class CountReachingSink implements MapFunction<CanonicalEvent, CanonicalEvent> {
        @Override
        public CanonicalEvent map(CanonicalEvent event) {
            REACHED_SINK.incrementAndGet();
            return event;
        }
    }
}
