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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
}
