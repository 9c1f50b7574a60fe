package com.example.eum.analytics.config;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where and how the Kinesis job reads its input: up to three streams (by name or ARN), the region, an optional
 * endpoint override (local emulators), the start position and the consumer type. Any stream may carry any record
 * family (the decoder recognises each record by its content); the three keys only name the source operators, so a
 * single stream carrying everything is configured as {@code receiptsStream} alone.
 */
public class KinesisSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where a consumer with no restored state starts reading. */
    public enum StartPosition { LATEST, TRIM_HORIZON, AT_TIMESTAMP }

    /** Shared-throughput polling (GetRecords) or enhanced fan-out (dedicated 2 MB/s per shard and consumer). */
    public enum ConsumerType { POLLING, EFO }

    /** Source key of the delivery-receipt stream; also the operator uid suffix {@code kinesis-receipts}. */
    public static final String RECEIPTS = "receipts";
    /** Source key of the WhatsApp event stream. */
    public static final String WHATSAPP = "whatsapp";
    /** Source key of the message-feedback stream. */
    public static final String FEEDBACK = "feedback";

    /** Stream name or ARN carrying SMS/MMS/voice events (raw or in an SNS / EventBridge / CloudWatch Logs envelope). */
    public String receiptsStream;
    /** Stream name or ARN carrying WhatsApp events. */
    public String whatsappStream;
    /** Stream name or ARN carrying message-feedback records. */
    public String feedbackStream;
    /** AWS region of the streams; when unset, taken from the stream ARNs. */
    public String region;
    /** Endpoint override (e.g. http://127.0.0.1:4567 for a local Kinesis API server); null = the AWS endpoint. */
    public String endpoint;
    /** Start position when there is no restored state. */
    public StartPosition initialPosition = StartPosition.LATEST;
    /** Start time for {@link StartPosition#AT_TIMESTAMP}. */
    public Instant initialTimestamp;
    /** How records are read. */
    public ConsumerType consumerType = ConsumerType.POLLING;
    /** Enhanced fan-out consumer name (registered on each stream); required for {@link ConsumerType#EFO}. */
    public String efoConsumerName;
    /**
     * Extra connector properties passed verbatim to the Kinesis connector (keys of its ConsumerConfigConstants /
     * AWSConfigConstants, e.g. {@code flink.shard.getrecords.intervalmillis} or {@code aws.credentials.provider}).
     */
    public Map<String, String> connectorProperties = new TreeMap<>();

    public KinesisSettings() {}

    /** The configured streams, in the order receipts, whatsapp, feedback: source key to stream name or ARN. */
    public Map<String, String> streams() {
        Map<String, String> streams = new LinkedHashMap<>();
        putIfSet(streams, RECEIPTS, receiptsStream);
        putIfSet(streams, WHATSAPP, whatsappStream);
        putIfSet(streams, FEEDBACK, feedbackStream);
        return streams;
    }

    /** The region to use: {@link #region} if set, else the region of the first stream given as an ARN, else null. */
    public String resolvedRegion() {
        if (region != null && !region.isBlank()) {
            return region;
        }
        for (String nameOrArn : streams().values()) {
            if (KinesisStreamRef.isArn(nameOrArn)) {
                try {
                    return KinesisStreamRef.parse(nameOrArn).region;
                } catch (IllegalArgumentException e) {
                    // reported by validation; keep looking
                }
            }
        }
        return null;
    }

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.trim());
        }
    }
}
