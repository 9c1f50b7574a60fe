package com.example.eum.analytics.decode;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What a {@link RecordDecoder} needs to know: the destination-hash key, whether raw numbers may be kept, and the
 * limits that keep hostile input cheap. Defaults are documented in schemas/canonical-event.md ("Decoder limits").
 */
public final class DecoderSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Largest record accepted, in bytes (a Kinesis record is at most 1 MiB). */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
    /** Largest inflated gzip payload (CloudWatch Logs batch), in bytes. */
    public static final int DEFAULT_MAX_INFLATED_BYTES = 8 * 1024 * 1024;
    /** Deepest JSON nesting accepted in any one document. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;
    /** Most envelopes wrapped around one event (e.g. CLOUDWATCH_LOGS>SNS>SOCIAL is 3). */
    public static final int DEFAULT_MAX_ENVELOPE_DEPTH = 4;

    private final byte[] hashKey;
    private final boolean includeRawNumbers;
    private final int maxRecordBytes;
    private final int maxInflatedBytes;
    private final int maxNestingDepth;
    private final int maxEnvelopeDepth;

    public DecoderSettings(byte[] hashKey, boolean includeRawNumbers) {
        this(hashKey, includeRawNumbers, DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_INFLATED_BYTES,
                DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_ENVELOPE_DEPTH);
    }

    public DecoderSettings(byte[] hashKey, boolean includeRawNumbers, int maxRecordBytes, int maxInflatedBytes,
                           int maxNestingDepth, int maxEnvelopeDepth) {
        if (hashKey == null || hashKey.length == 0) {
            throw new IllegalArgumentException("destination hash key must not be empty");
        }
        if (maxRecordBytes <= 0 || maxInflatedBytes <= 0 || maxNestingDepth <= 0 || maxEnvelopeDepth <= 0) {
            throw new IllegalArgumentException("decoder limits must be positive");
        }
        this.hashKey = hashKey.clone();
        this.includeRawNumbers = includeRawNumbers;
        this.maxRecordBytes = maxRecordBytes;
        this.maxInflatedBytes = maxInflatedBytes;
        this.maxNestingDepth = maxNestingDepth;
        this.maxEnvelopeDepth = maxEnvelopeDepth;
    }

    public byte[] hashKey() {
        return hashKey.clone();
    }

    public boolean includeRawNumbers() {
        return includeRawNumbers;
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    public int maxInflatedBytes() {
        return maxInflatedBytes;
    }

    public int maxNestingDepth() {
        return maxNestingDepth;
    }

    public int maxEnvelopeDepth() {
        return maxEnvelopeDepth;
    }

    @Override
    public String toString() {
        // never print the key
        return "DecoderSettings{keyBytes=" + hashKey.length + ", includeRawNumbers=" + includeRawNumbers
                + ", maxRecordBytes=" + maxRecordBytes + ", maxInflatedBytes=" + maxInflatedBytes
                + ", maxNestingDepth=" + maxNestingDepth + ", maxEnvelopeDepth=" + maxEnvelopeDepth + "}";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DecoderSettings)) {
            return false;
        }
        DecoderSettings s = (DecoderSettings) o;
        return Arrays.equals(hashKey, s.hashKey) && includeRawNumbers == s.includeRawNumbers
                && maxRecordBytes == s.maxRecordBytes && maxInflatedBytes == s.maxInflatedBytes
                && maxNestingDepth == s.maxNestingDepth && maxEnvelopeDepth == s.maxEnvelopeDepth;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hashKey) * 31 + maxRecordBytes;
    }
}
