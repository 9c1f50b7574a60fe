package com.example.eum.analytics.bench;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.config.JobConfigLoader;
import com.example.eum.analytics.decode.DecoderSettings;
import com.example.eum.analytics.decode.RecordDecoder;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.RawRecord;
import com.example.eum.analytics.source.ReplayLineFormat;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The benchmark's input and configuration: the replay file's records (read with the replay source's own line rule)
 * and, for the stages after the decoder, the canonical events decoded from them once, outside any measurement.
 */
final class BenchInput {
    /** The WhatsApp rate card every stage uses (as {@code local} does), so fees are computed as in production. */
    static final String RATE_CARD = "classpath:/fees/whatsapp-rate-card.example.csv";
    /** A fixed secret for destination_hash: benchmark output is thrown away, but the HMAC work is real. */
    static final String HASH_KEY = "engagement-analytics-bench-key";

    private BenchInput() {}

    /** The job configuration of every stage: replay defaults, the example rate card, a fixed hash key. */
    static JobConfig config(Duration checkpointInterval, int parallelism) {
        JobConfig cfg = new JobConfigLoader().overrides(Map.of(
                "Lake.checkpointInterval", checkpointInterval.getSeconds() + "s",
                "Lake.parallelism", Integer.toString(parallelism),
                "Fees.whatsappRateCard", RATE_CARD)).load();
        cfg.destinationHashKey = HASH_KEY;
        return cfg;
    }

    /** A decoder configured as the job's decode operator configures it. */
    static RecordDecoder decoder(JobConfig cfg) {
        return new RecordDecoder(new DecoderSettings(cfg.destinationHashKey.getBytes(StandardCharsets.UTF_8), cfg.includeRawNumbers));
    }

    /** Every record of a replay file (plain or .gz), as the replay source reads it. */
    static List<RawRecord> records(Path file) throws IOException {
        List<RawRecord> out = new ArrayList<>();
        String source = file.getFileName().toString();
        InputStream raw = Files.newInputStream(file);
        try (InputStream in = new BufferedInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
            for (int b = in.read(); ; b = in.read()) {
                if (b == '\n' || b < 0) {
                    RawRecord r = ReplayLineFormat.toRecord(line.toByteArray(), source, System.currentTimeMillis());
                    if (r != null) {
                        out.add(r);
                    }
                    line.reset();
                    if (b < 0) {
                        break;
                    }
                } else {
                    line.write(b);
                }
            }
        }
        return out;
    }

    /**
     * The replay file's lines dealt round-robin into {@code parts} plain files under {@code dir} (line bytes kept
     * as they are): the input of a pipeline at parallelism {@code parts}, whose file source reads one file per
     * subtask, as a Kinesis source reads one shard per subtask. A single file would leave all but one source
     * subtask (and the decoder chained to it) idle.
     */
    static Path split(Path file, int parts, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<OutputStream> outs = new ArrayList<>();
        try {
            for (int i = 0; i < parts; i++) {
                outs.add(new BufferedOutputStream(Files.newOutputStream(dir.resolve("part-" + i + ".jsonl")), 1 << 16));
            }
            InputStream raw = Files.newInputStream(file);
            try (InputStream in = new BufferedInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16)) {
                int next = 0;
                for (int b = in.read(); b >= 0; b = in.read()) {
                    outs.get(next).write(b);
                    if (b == '\n') {
                        next = (next + 1) % parts;
                    }
                }
            }
        } finally {
            for (OutputStream out : outs) {
                out.close();
            }
        }
        return dir;
    }

    /** The canonical events of the records, in input order (dead letters dropped: only the decoder makes them). */
    static List<CanonicalEvent> events(List<RawRecord> records, JobConfig cfg) {
        RecordDecoder decoder = decoder(cfg);
        List<CanonicalEvent> events = new ArrayList<>(records.size());
        for (RawRecord r : records) {
            events.addAll(decoder.decode(r).events());
        }
        return events;
    }
}
