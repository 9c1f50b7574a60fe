package com.example.eum.analytics.generator;

/** One generated record: its payload bytes as delivered, its arrival time (event-time clock) and a partition key. */
public final class GeneratedRecord {
    /** JSON, or gzip bytes for a CloudWatch Logs batch, or malformed bytes. */
    public final byte[] payload;
    /** When the record reaches the stream, epoch ms: event time plus transport delay. Records come in this order. */
    public final long arrivalTime;
    /** The message id the record is about (Kinesis partition key). */
    public final String partitionKey;

    public GeneratedRecord(byte[] payload, long arrivalTime, String partitionKey) {
        this.payload = payload;
        this.arrivalTime = arrivalTime;
        this.partitionKey = partitionKey;
    }

    /** Whether the payload is JSON text (starts with '{'); otherwise it is binary (gzip or garbage). */
    public boolean isJson() {
        return payload.length > 0 && payload[0] == '{';
    }
}
