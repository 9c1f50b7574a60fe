package com.example.eum.analytics.generator;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts generated traffic into a Kinesis data stream with the AWS SDK v2 (PutRecords, at most 500 records and
 * 5 MB per call, partition key = message id), retrying throttled or failed entries with backoff. Optionally paced
 * by simulated arrival time ({@link GeneratorSettings#speed}) to load a deployment at a realistic rate.
 */
public final class KinesisWriter implements AutoCloseable {
    static final int MAX_BATCH_RECORDS = 500;
    static final long MAX_BATCH_BYTES = 5L * 1024 * 1024;
    private static final int MAX_ATTEMPTS = 8;

    private final KinesisClient client;
    private final String stream;

    public KinesisWriter(KinesisClient client, String stream) {
        this.client = client;
        this.stream = stream;
    }

    /** A client for {@code region}, with an optional endpoint override (emulators), default credential chain when null. */
    public static KinesisClient client(String region, String endpoint, AwsCredentialsProvider credentials) {
        KinesisClientBuilder b = KinesisClient.builder().region(Region.of(region))
                .credentialsProvider(credentials != null ? credentials : DefaultCredentialsProvider.create());
        if (endpoint != null && !endpoint.isEmpty()) {
            b.endpointOverride(URI.create(endpoint));
        }
        return b.build();
    }

    /**
     * Writes the run (bounded: all records; unbounded: until interrupted, or {@code maxRecords} if > 0); returns the
     * number of records put.
     */
    public long write(GeneratorSettings settings, long maxRecords, Progress progress) throws InterruptedException {
        RecordSequence seq = new RecordSequence(new TrafficModel(settings));
        List<PutRecordsRequestEntry> batch = new ArrayList<>(MAX_BATCH_RECORDS);
        long batchBytes = 0;
        long written = 0;
        long wallStart = System.currentTimeMillis();
        long firstArrival = -1;
        while (seq.hasNext() && (maxRecords <= 0 || written + batch.size() < maxRecords)) {
            GeneratedRecord r = seq.next();
            if (settings.speed > 0) {
                if (firstArrival < 0) {
                    firstArrival = r.arrivalTime;
                }
                long due = wallStart + (long) ((r.arrivalTime - firstArrival) / settings.speed);
                long wait = due - System.currentTimeMillis();
                if (wait > 50) {
                    written += flush(batch);
                    batchBytes = 0;
                    Thread.sleep(wait);
                }
            }
            long size = r.payload.length + r.partitionKey.length();
            if (batch.size() == MAX_BATCH_RECORDS || batchBytes + size > MAX_BATCH_BYTES) {
                written += flush(batch);
                batchBytes = 0;
                progress.tick(written);
            }
            batch.add(PutRecordsRequestEntry.builder().data(SdkBytes.fromByteArray(r.payload)).partitionKey(r.partitionKey).build());
            batchBytes += size;
        }
        written += flush(batch);
        progress.done(written);
        return written;
    }

    private int flush(List<PutRecordsRequestEntry> batch) throws InterruptedException {
        int n = batch.size();
        List<PutRecordsRequestEntry> pending = new ArrayList<>(batch);
        batch.clear();
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            PutRecordsResponse resp = client.putRecords(PutRecordsRequest.builder().streamName(stream).records(pending).build());
            if (resp.failedRecordCount() == null || resp.failedRecordCount() == 0) {
                return n;
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new IllegalStateException(resp.failedRecordCount() + " records still failing after " + MAX_ATTEMPTS
                        + " PutRecords attempts to stream " + stream);
            }
            List<PutRecordsRequestEntry> retry = new ArrayList<>();
            List<PutRecordsResultEntry> results = resp.records();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).errorCode() != null) {
                    retry.add(pending.get(i));
                }
            }
            pending = retry;
            Thread.sleep(Math.min(2000, 50L << attempt));
        }
        return n;
    }

    @Override
    public void close() {
        client.close();
    }
}
