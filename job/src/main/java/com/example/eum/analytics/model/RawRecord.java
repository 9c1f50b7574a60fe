package com.example.eum.analytics.model;

import java.util.Arrays;

/** One undecoded record as it came from a source: a Kinesis record's data, or one line of a replay file. */
public class RawRecord {
    /** The record bytes (JSON, or gzip for CloudWatch Logs batches). */
    public byte[] payload;
    /** Where it came from: the Kinesis stream name, the replay file name, or "generator". */
    public String source;
    /** When the job read it, epoch milliseconds (Kinesis approximate arrival time when available). */
    public long ingestTime;
    /**
     * Set by a source that could not even obtain the bytes (e.g. a replay line that is not valid base64): a
     * {@link DeadLetterReason} code. The decoder turns such a record into a dead letter with this reason.
     */
    public String transportError;

    public RawRecord() {}

    public RawRecord(byte[] payload, String source, long ingestTime) {
        this.payload = payload;
        this.source = source;
        this.ingestTime = ingestTime;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RawRecord)) {
            return false;
        }
        RawRecord r = (RawRecord) o;
        return ingestTime == r.ingestTime && Arrays.equals(payload, r.payload) && java.util.Objects.equals(source, r.source);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload) * 31 + Long.hashCode(ingestTime);
    }
}
