package com.example.eum.analytics.source;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.config.KinesisSettings;
import com.example.eum.analytics.config.KinesisStreamRef;
import com.example.eum.analytics.model.RawRecord;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;
import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;

import java.time.Instant;
import java.util.Map;
import java.util.Properties;

/**
 * The Kinesis input of the job: one {@link FlinkKinesisConsumer} (the connector's stable source; polling or
 * enhanced fan-out) per configured stream, unioned into one stream of {@link RawRecord}s.
 *
 * <p>Each source operator is named {@code kinesis-<stream name>} (readable in the Flink UI) and has the uid
 * {@code kinesis-<key>} where key is the configuration slot ({@code receipts}, {@code whatsapp}, {@code feedback}),
 * not the stream name: the shard sequence numbers in a snapshot belong to that uid, so renaming a stream in the
 * configuration keeps the snapshot restorable (the consumer then starts the new stream from its initial position,
 * as it does for any stream not in its state). Moving a stream to another slot loses its read position.
 */
public final class KinesisSources {
    private KinesisSources() {}

    /** Adds a source per configured stream to {@code env} and returns their union. */
    public static DataStream<RawRecord> create(StreamExecutionEnvironment env, JobConfig config) {
        Map<String, String> streams = config.kinesis.streams();
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("no Kinesis stream configured (Source.receiptsStream, Source.whatsappStream, Source.feedbackStream)");
        }
        Properties properties = consumerProperties(config.kinesis);
        DataStream<RawRecord> union = null;
        for (Map.Entry<String, String> e : streams.entrySet()) {
            String streamName = KinesisStreamRef.parse(e.getValue()).name;
            FlinkKinesisConsumer<RawRecord> consumer =
                    new FlinkKinesisConsumer<>(streamName, new RawRecordDeserializationSchema(), properties);
            DataStream<RawRecord> stream = env.addSource(consumer)
                    .name("kinesis-" + streamName)
                    .uid(sourceUid(e.getKey()));
            union = union == null ? stream : union.union(stream);
        }
        return union;
    }

    /** The stable operator uid of the source in configuration slot {@code key}. */
    public static String sourceUid(String key) {
        return "kinesis-" + key;
    }

    /** The connector properties for the settings: region, endpoint, start position, consumer type, extras. */
    public static Properties consumerProperties(KinesisSettings k) {
        Properties p = new Properties();
        p.putAll(k.connectorProperties);
        String region = k.resolvedRegion();
        if (region != null) {
            p.setProperty(AWSConfigConstants.AWS_REGION, region);
        }
        if (k.endpoint != null && !k.endpoint.isBlank()) {
            p.setProperty(AWSConfigConstants.AWS_ENDPOINT, k.endpoint.trim());
        }
        p.setProperty(ConsumerConfigConstants.STREAM_INITIAL_POSITION,
                ConsumerConfigConstants.InitialPosition.valueOf(k.initialPosition.name()).name());
        if (k.initialPosition == KinesisSettings.StartPosition.AT_TIMESTAMP && k.initialTimestamp != null) {
            p.setProperty(ConsumerConfigConstants.STREAM_INITIAL_TIMESTAMP, epochSeconds(k.initialTimestamp));
        }
        p.setProperty(ConsumerConfigConstants.RECORD_PUBLISHER_TYPE,
                ConsumerConfigConstants.RecordPublisherType.valueOf(k.consumerType.name()).name());
        if (k.consumerType == KinesisSettings.ConsumerType.EFO && k.efoConsumerName != null) {
            p.setProperty(ConsumerConfigConstants.EFO_CONSUMER_NAME, k.efoConsumerName.trim());
        }
        return p;
    }

    /** The connector's numeric timestamp form: epoch seconds with milliseconds ("1748872800.123"). */
    static String epochSeconds(Instant t) {
        long ms = t.toEpochMilli();
        return Math.floorDiv(ms, 1000) + "." + String.format("%03d", Math.floorMod(ms, 1000));
    }
}
