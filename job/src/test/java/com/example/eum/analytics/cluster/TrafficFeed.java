package com.example.eum.analytics.cluster;

import com.example.eum.analytics.decode.DecodeResult;
import com.example.eum.analytics.decode.DecoderSettings;
import com.example.eum.analytics.decode.RecordDecoder;
import com.example.eum.analytics.generator.GeneratedRecord;
import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.RecordSequence;
import com.example.eum.analytics.generator.TrafficModel;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.RawRecord;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generated traffic put into a Kinesis stream in slices (so a test can fault the cluster between two slices), with
 * the shard every record landed on, and what a replay of the same records decodes to: the sorted event ids (with
 * repeats) and the dead letters by reason, computed by the job's own decoder with the same hash key.
 */
final class TrafficFeed {
    private static final int BATCH = 250;

    final List<GeneratedRecord> records = new ArrayList<>();
    /** Shard id of every record put so far, by record index. */
    final Map<Integer, String> shardOf = Collections.synchronizedMap(new TreeMap<>());

    TrafficFeed(GeneratorSettings settings) {
        RecordSequence seq = new RecordSequence(new TrafficModel(settings));
        while (seq.hasNext()) {
            records.add(seq.next());
        }
    }

    int size() {
        return records.size();
    }

    /** Puts records {@code [from, to)} in order, in PutRecords batches, retrying failed entries until accepted. */
    void put(KinesisClient client, String stream, int from, int to) throws InterruptedException {
        for (int start = from; start < to; start += BATCH) {
            List<Integer> pending = new ArrayList<>();
            for (int i = start; i < Math.min(to, start + BATCH); i++) {
                pending.add(i);
            }
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > 20) {
                    throw new IllegalStateException(pending.size() + " records not accepted by " + stream);
                }
                List<PutRecordsRequestEntry> entries = new ArrayList<>();
                for (int i : pending) {
                    GeneratedRecord r = records.get(i);
                    entries.add(PutRecordsRequestEntry.builder().partitionKey(r.partitionKey)
                            .data(SdkBytes.fromByteArray(r.payload)).build());
                }
                PutRecordsResponse response = client.putRecords(b -> b.streamName(stream).records(entries));
                List<Integer> failed = new ArrayList<>();
                for (int k = 0; k < pending.size(); k++) {
                    PutRecordsResultEntry e = response.records().get(k);
                    if (e.errorCode() == null) {
                        shardOf.put(pending.get(k), e.shardId());
                    } else {
                        failed.add(pending.get(k));
                    }
                }
                pending = failed;
                if (!pending.isEmpty()) {
                    Thread.sleep(100L * attempt);
                }
            }
        }
    }

    /** What a replay of all records holds: event ids sorted (repeats kept) and dead letters by reason. */
    Replay replay(String hashKey) {
        RecordDecoder decoder = new RecordDecoder(new DecoderSettings(hashKey.getBytes(StandardCharsets.UTF_8), false));
        Replay out = new Replay();
        for (GeneratedRecord r : records) {
            DecodeResult d = decoder.decode(new RawRecord(r.payload, "replay", 0L));
            for (CanonicalEvent e : d.events()) {
                out.eventIds.add(e.eventId);
            }
            for (DeadLetter l : d.deadLetters()) {
                out.deadLettersByReason.merge(l.reason, 1L, Long::sum);
            }
        }
        Collections.sort(out.eventIds);
        return out;
    }

    /** The decoded content of a stream. */
    static final class Replay {
        final List<String> eventIds = new ArrayList<>();
        final Map<String, Long> deadLettersByReason = new TreeMap<>();
    }
}
