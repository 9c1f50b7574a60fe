package com.example.eum.analytics.source;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.config.KinesisSettings;
import com.example.eum.analytics.model.RawRecord;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.util.KinesisConfigUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class KinesisSourcesTest {

    @Test
    void pollingFromLatestIsWhatTheConnectorAccepts() {
        KinesisSettings k = new KinesisSettings();
        k.receiptsStream = "receipts";
        k.region = "eu-west-1";
        Properties p = KinesisSources.consumerProperties(k);
        KinesisConfigUtil.validateConsumerConfiguration(p, List.of("receipts"));
        assertThat(p).containsEntry("aws.region", "eu-west-1")
                .containsEntry(ConsumerConfigConstants.STREAM_INITIAL_POSITION, "LATEST")
                .containsEntry(ConsumerConfigConstants.RECORD_PUBLISHER_TYPE, "POLLING")
                .doesNotContainKey("aws.endpoint");
    }

    @Test
    void atTimestampIsPassedAsEpochSecondsTheConnectorParsesBackToTheSameMillisecond() {
        KinesisSettings k = new KinesisSettings();
        k.receiptsStream = "arn:aws:kinesis:ap-south-1:111122223333:stream/receipts";
        k.initialPosition = KinesisSettings.StartPosition.AT_TIMESTAMP;
        k.initialTimestamp = Instant.parse("2025-06-02T14:00:00.123Z");
        Properties p = KinesisSources.consumerProperties(k);
        KinesisConfigUtil.validateConsumerConfiguration(p, List.of("receipts"));
        assertThat(p).containsEntry("aws.region", "ap-south-1") // from the ARN
                .containsEntry(ConsumerConfigConstants.STREAM_INITIAL_TIMESTAMP, "1748872800.123");
        assertThat(KinesisConfigUtil.parseStreamTimestampStartingPosition(p))
                .isEqualTo(Date.from(k.initialTimestamp));
    }

    @Test
    void efoWithEndpointOverrideAndExtraConnectorProperties() {
        KinesisSettings k = new KinesisSettings();
        k.feedbackStream = "feedback";
        k.region = "us-east-1";
        k.endpoint = "http://127.0.0.1:4567";
        k.consumerType = KinesisSettings.ConsumerType.EFO;
        k.efoConsumerName = "eum-analytics";
        k.connectorProperties.put("flink.shard.subscribetoshard.maxretries", "7");
        Properties p = KinesisSources.consumerProperties(k);
        KinesisConfigUtil.validateConsumerConfiguration(p, List.of("feedback"));
        assertThat(p).containsEntry(ConsumerConfigConstants.RECORD_PUBLISHER_TYPE, "EFO")
                .containsEntry(ConsumerConfigConstants.EFO_CONSUMER_NAME, "eum-analytics")
                .containsEntry("aws.endpoint", "http://127.0.0.1:4567")
                .containsEntry("flink.shard.subscribetoshard.maxretries", "7");
    }

    @Test
    void oneNamedSourcePerStreamWithUidFromTheConfigSlotAndArnReducedToName() {
        JobConfig config = new JobConfig();
        config.kinesis.region = "us-east-1";
        config.kinesis.receiptsStream = "sms-events-v2";
        config.kinesis.whatsappStream = "arn:aws:kinesis:us-east-1:111122223333:stream/wa-events";
        config.kinesis.feedbackStream = "feedback-events";
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.getConfig().disableGenericTypes();
        KinesisSources.create(env, config).sinkTo(new DiscardingSink<>()).name("discard").uid("discard");

        Map<String, String> uidByName = new TreeMap<>();
        for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
            if (node.getOperatorName().startsWith("Source:")) {
                uidByName.put(node.getOperatorName(), node.getTransformationUID());
            }
        }
        assertThat(uidByName).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Source: kinesis-sms-events-v2", "kinesis-receipts",
                "Source: kinesis-wa-events", "kinesis-whatsapp",
                "Source: kinesis-feedback-events", "kinesis-feedback"));
    }

    @Test
    void onlyConfiguredStreamsGetASource() {
        JobConfig config = new JobConfig();
        config.kinesis.region = "us-east-1";
        config.kinesis.receiptsStream = "everything";
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KinesisSources.create(env, config).sinkTo(new DiscardingSink<>());
        List<String> sources = env.getStreamGraph().getStreamNodes().stream().map(StreamNode::getOperatorName)
                .filter(n -> n.startsWith("Source:")).collect(Collectors.toList());
        assertThat(sources).containsExactly("Source: kinesis-everything");
    }

    @Test
    void deserializationKeepsBytesAndSetsStreamAndArrivalTime() {
        RawRecordDeserializationSchema schema = new RawRecordDeserializationSchema();
        byte[] gzipHeader = {(byte) 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        RawRecord r = schema.deserialize(gzipHeader, "pk", "495", 1748872800820L, "eum-receipts", "shardId-000000000001");
        assertThat(r.payload).isEqualTo(gzipHeader);
        assertThat(r.source).isEqualTo("eum-receipts");
        assertThat(r.ingestTime).isEqualTo(1748872800820L);
        assertThat(r.transportError).isNull();

        RawRecord json = schema.deserialize("{}".getBytes(StandardCharsets.UTF_8), "pk", "1", 5L, "s", "shard");
        assertThat(json.payload).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        // a POJO type: no Kryo fallback anywhere in the job
        assertThat(schema.getProducedType()).isInstanceOf(PojoTypeInfo.class);
    }
}
