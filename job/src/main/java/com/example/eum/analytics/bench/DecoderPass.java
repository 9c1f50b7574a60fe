package com.example.eum.analytics.bench;

import com.example.eum.analytics.decode.DecodeResult;
import com.example.eum.analytics.decode.RecordDecoder;
import com.example.eum.analytics.model.RawRecord;

import java.util.List;

/** The decoder alone: {@link RecordDecoder#decode} over every record, as the decode operator calls it. */
final class DecoderPass implements MicroRunner.Pass {
    private final RecordDecoder decoder;
    private final List<RawRecord> records;
    /** Events and dead letters of the last pass. */
    long events;
    long deadLetters;

    DecoderPass(RecordDecoder decoder, List<RawRecord> records) {
        this.decoder = decoder;
        this.records = records;
    }

    @Override
    public long run() {
        long began = CpuAndHeap.threadCpuNanos();
        long e = 0;
        long d = 0;
        for (RawRecord r : records) {
            DecodeResult result = decoder.decode(r);
            e += result.events().size();
            d += result.deadLetters().size();
        }
        long cpu = CpuAndHeap.threadCpuNanos() - began;
        events = e;
        deadLetters = d;
        return cpu;
    }
}
