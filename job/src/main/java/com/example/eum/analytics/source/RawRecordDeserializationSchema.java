package com.example.eum.analytics.source;

import com.example.eum.analytics.model.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;

/**
 * Turns a Kinesis record into a {@link RawRecord} without interpreting it: the bytes are kept as they are (JSON, or
 * the gzip batch of a CloudWatch Logs subscription), {@code source} is the stream name and {@code ingestTime} the
 * record's approximate arrival time. Decoding (and dead-lettering of bad input) happens downstream, so nothing a
 * producer writes can fail the source.
 */
public class RawRecordDeserializationSchema implements KinesisDeserializationSchema<RawRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public RawRecord deserialize(byte[] recordValue, String partitionKey, String seqNum,
                                 long approxArrivalTimestamp, String stream, String shardId) {
        return new RawRecord(recordValue == null ? new byte[0] : recordValue, stream, approxArrivalTimestamp);
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
