package com.example.eum.analytics.generator;

import com.example.eum.analytics.source.KinesisLocalServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Puts a generated run into a real Kinesis API server (npm kinesis-local on loopback) and reads it back. */
class KinesisWriterTest {
    static KinesisLocalServer server;

    @BeforeAll
    static void startKinesisLocal() throws Exception {
        server = KinesisLocalServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void putsEveryRecordInArrivalOrderKeyedByMessageId() throws Exception {
        GeneratorSettings s = TrafficGeneratorTest.settings(10, Duration.ofMinutes(1), Duration.ofMinutes(5), 17);
        KinesisClient client = KinesisWriter.client("us-east-1", server.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        client.createStream(b -> b.streamName("gen").shardCount(1));
        while (client.describeStreamSummary(b -> b.streamName("gen")).streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
            Thread.sleep(100);
        }
        long written;
        try (KinesisWriter w = new KinesisWriter(client, "gen")) {
            written = w.write(s, 0, Progress.silent());

            List<GeneratedRecord> expected = new ArrayList<>();
            RecordSequence seq = new RecordSequence(new TrafficModel(s));
            while (seq.hasNext()) {
                expected.add(seq.next());
            }
            assertThat(written).isEqualTo(expected.size()).isGreaterThan(KinesisWriter.MAX_BATCH_RECORDS);

            String shard = client.listShards(b -> b.streamName("gen")).shards().get(0).shardId();
            String it = client.getShardIterator(b -> b.streamName("gen").shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            List<Record> got = new ArrayList<>();
            while (it != null && got.size() < expected.size()) {
                String cur = it;
                GetRecordsResponse resp = client.getRecords(b -> b.shardIterator(cur).limit(1000));
                got.addAll(resp.records());
                it = resp.records().isEmpty() ? null : resp.nextShardIterator();
            }
            assertThat(got).hasSize(expected.size());
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i).data().asByteArray()).as("record " + i).isEqualTo(expected.get(i).payload);
                assertThat(got.get(i).partitionKey()).isEqualTo(expected.get(i).partitionKey);
            }
        }
    }

    @Test
    void timedOutPutsAreRetriedWithBackoffUntilEveryRecordIsIn() throws Exception {
        GeneratorSettings s = TrafficGeneratorTest.settings(10, Duration.ofMinutes(1), Duration.ofMinutes(5), 19);
        AtomicInteger calls = new AtomicInteger();
        // the first three PutRecords calls fail the way a congested network does (the SDK's own retries off, so
        // the writer sees every failure); the rest reach the server
        ExecutionInterceptor firstThreeTimeOut = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutRecordsRequest && calls.incrementAndGet() <= 3) {
                    throw SdkClientException.create("Unable to execute HTTP request: Read timed out");
                }
            }
        };
        KinesisClient client = KinesisClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(server.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(firstThreeTimeOut).retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        createStream(client, "flaky");
        try (KinesisWriter w = new KinesisWriter(client, "flaky", 5, 1)) {
            long written = w.write(s, 0, Progress.silent());
            long expected = count(s);
            assertThat(written).isEqualTo(expected);
            assertThat(w.failedCalls()).isEqualTo(3);
            assertThat(w.recordsNotPut()).isZero();
            assertThat(w.lastError()).contains("Read timed out");
            assertThat(readAll(client, "flaky", expected)).isEqualTo(expected);
        }
    }

    @Test
    void putsThatKeepTimingOutAreReportedAndTheRunCompletes() throws Exception {
        GeneratorSettings s = TrafficGeneratorTest.settings(10, Duration.ofMinutes(1), Duration.ofMinutes(5), 23);
        // a server that accepts connections and never answers: every call times out for real
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            KinesisClient client = KinesisClient.builder().region(Region.US_EAST_1)
                    .endpointOverride(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofMillis(200)).retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .build();
            try (KinesisWriter w = new KinesisWriter(client, "unreachable", 2, 1)) {
                long written = w.write(s, 700, Progress.silent());
                assertThat(written).isZero();
                assertThat(w.recordsNotPut()).isEqualTo(700); // a batch of 500, then one of 200: each tried twice
                assertThat(w.failedCalls()).isEqualTo(4);
                assertThat(w.lastError()).contains("timeout");

                ByteArrayOutputStream report = new ByteArrayOutputStream();
                int exit = com.example.eum.analytics.cli.GenerateCommand.report(new PrintStream(report, true, StandardCharsets.UTF_8), w, written);
                assertThat(exit).isEqualTo(1);
                assertThat(report.toString(StandardCharsets.UTF_8))
                        .contains("put 0 records into stream unreachable")
                        .contains("retried with backoff: 4 PutRecords calls")
                        .contains("NOT PUT: 700 records still failed after 2 attempts each");
            }
        }
    }

    @Test
    void aStreamThatDoesNotExistStopsTheRunWithItsName() throws Exception {
        GeneratorSettings s = TrafficGeneratorTest.settings(10, Duration.ofMinutes(1), Duration.ofMinutes(5), 29);
        KinesisClient client = KinesisWriter.client("us-east-1", server.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        try (KinesisWriter w = new KinesisWriter(client, "no-such-stream", 3, 1)) {
            assertThatThrownBy(() -> w.write(s, 10, Progress.silent()))
                    .hasMessageContaining("PutRecords to stream no-such-stream failed and retrying cannot help");
            assertThat(w.failedCalls()).isZero();
        }
    }

    private static void createStream(KinesisClient client, String name) throws InterruptedException {
        client.createStream(b -> b.streamName(name).shardCount(1));
        while (client.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
            Thread.sleep(100);
        }
    }

    private static long count(GeneratorSettings s) {
        RecordSequence seq = new RecordSequence(new TrafficModel(s));
        long n = 0;
        while (seq.hasNext()) {
            seq.next();
            n++;
        }
        return n;
    }

    private static long readAll(KinesisClient client, String stream, long expected) {
        String shard = client.listShards(b -> b.streamName(stream)).shards().get(0).shardId();
        String it = client.getShardIterator(b -> b.streamName(stream).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        long got = 0;
        while (it != null && got < expected) {
            String cur = it;
            GetRecordsResponse resp = client.getRecords(b -> b.shardIterator(cur).limit(1000));
            got += resp.records().size();
            it = resp.records().isEmpty() ? null : resp.nextShardIterator();
        }
        return got;
    }
}
