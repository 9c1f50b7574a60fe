package com.example.eum.analytics.generator;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.kinesis.model.KmsThrottlingException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Puts generated traffic into a Kinesis data stream with the AWS SDK v2 (PutRecords, at most 500 records and
 * 5 MB per call, partition key = message id), retrying throttled or failed entries and timed-out, throttled or
 * failed calls with backoff; records still failing after {@link #MAX_ATTEMPTS} are counted ({@link #recordsNotPut})
 * and the run goes on. Optionally paced
 * by simulated arrival time ({@link GeneratorSettings#speed}) to load a deployment at a realistic rate.
 */
public final class KinesisWriter implements AutoCloseable {
    static final int MAX_BATCH_RECORDS = 500;
    static final long MAX_BATCH_BYTES = 5L * 1024 * 1024;
    /** PutRecords attempts per batch before its still-failing records are given up (and reported). */
    static final int MAX_ATTEMPTS = 8;
    static final long BACKOFF_MS = 100;
    static final long MAX_BACKOFF_MS = 10_000;

    private final KinesisClient client;
    private final String stream;
    private final int maxAttempts;
    private final long backoffMs;
    private long notPut;
    private long failedCalls;
    private long failedEntries;
    private String lastError;

    public KinesisWriter(KinesisClient client, String stream) {
        this(client, stream, MAX_ATTEMPTS, BACKOFF_MS);
    }

    KinesisWriter(KinesisClient client, String stream, int maxAttempts, long backoffMs) {
        this.client = client;
        this.stream = stream;
        this.maxAttempts = maxAttempts;
        this.backoffMs = backoffMs;
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
        while (seq.hasNext() && (maxRecords <= 0 || written + notPut + batch.size() < maxRecords)) {
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

    /**
     * Puts one batch, retrying what fails (throttled or failed entries, and whole calls that time out, are throttled
     * or hit a server error) with exponential backoff and jitter. After {@code maxAttempts} the records still
     * failing are counted as not put and the run goes on; an error that retrying cannot fix (no such stream, no
     * permission) stops it. Returns the number of records put.
     */
    private int flush(List<PutRecordsRequestEntry> batch) throws InterruptedException {
        int n = batch.size();
        if (n == 0) {
            return 0;
        }
        List<PutRecordsRequestEntry> pending = new ArrayList<>(batch);
        batch.clear();
        for (int attempt = 1; ; attempt++) {
            try {
                PutRecordsResponse resp = client.putRecords(PutRecordsRequest.builder().streamName(stream).records(pending).build());
                if (resp.failedRecordCount() == null || resp.failedRecordCount() == 0) {
                    return n;
                }
                List<PutRecordsRequestEntry> retry = new ArrayList<>();
                List<PutRecordsResultEntry> results = resp.records();
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i).errorCode() != null) {
                        retry.add(pending.get(i));
                        lastError = results.get(i).errorCode() + ": " + results.get(i).errorMessage();
                    }
                }
                pending = retry;
                failedEntries += retry.size();
            } catch (SdkException e) {
                if (!retryable(e)) {
                    throw new IllegalStateException("PutRecords to stream " + stream + " failed and retrying cannot help: "
                            + e.getMessage(), e);
                }
                lastError = e.getMessage();
                failedCalls++;
            }
            if (attempt >= maxAttempts) {
                notPut += pending.size();
                return n - pending.size();
            }
            long cap = Math.min(MAX_BACKOFF_MS, backoffMs << Math.min(20, attempt - 1));
            Thread.sleep(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
        }
    }

    /** Timeouts, connection errors, throttling and server errors pass; a wrong stream, region or permission does not. */
    static boolean retryable(SdkException e) {
        if (e instanceof AwsServiceException) {
            AwsServiceException s = (AwsServiceException) e;
            return s.isThrottlingException() || s.statusCode() >= 500 || e instanceof ProvisionedThroughputExceededException
                    || e instanceof LimitExceededException || e instanceof KmsThrottlingException;
        }
        return e instanceof SdkClientException;
    }

    /** Records given up on after {@code maxAttempts} PutRecords attempts (not in the stream). */
    public long recordsNotPut() {
        return notPut;
    }

    /** PutRecords calls that failed as a whole (timed out, throttled, server error) and were retried or given up. */
    public long failedCalls() {
        return failedCalls;
    }

    /** Entries the service rejected within a call (throttled, internal failure) and that were retried. */
    public long failedEntries() {
        return failedEntries;
    }

    /** The stream written to. */
    public String stream() {
        return stream;
    }

    /** PutRecords attempts per batch. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The last error seen, or null. */
    public String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        client.close();
    }
}
