package com.example.eum.analytics.bench;

import com.example.eum.analytics.model.RawRecord;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The parse floor: a bare Jackson streaming tokeniser over every record's payload, one thread, no objects built.
 * A binary payload (a gzip CloudWatch Logs batch) is inflated on the way, since no decoder can avoid that; JSON held
 * in strings (SNS messages, log events) is not parsed again. No real decoder can be cheaper than this.
 */
final class ParseFloorPass implements MicroRunner.Pass {
    private final JsonFactory json = new JsonFactory();
    private final List<RawRecord> records;
    /** Tokens read by the last pass (also keeps the work observable, so the JIT cannot drop it). */
    long tokens;

    ParseFloorPass(List<RawRecord> records) {
        this.records = records;
    }

    @Override
    public long run() {
        long began = CpuAndHeap.threadCpuNanos();
        long n = 0;
        for (RawRecord r : records) {
            n += tokenise(r.payload);
        }
        tokens = n;
        return CpuAndHeap.threadCpuNanos() - began;
    }

    private long tokenise(byte[] payload) {
        long n = 0;
        boolean gzip = payload.length > 2 && (payload[0] & 0xff) == 0x1f && (payload[1] & 0xff) == 0x8b;
        try (JsonParser p = gzip ? json.createParser(new GZIPInputStream(new ByteArrayInputStream(payload))) : json.createParser(payload)) {
            while (p.nextToken() != null) {
                n++;
            }
        } catch (IOException malformed) {
            // a malformed record costs what it took to find out; the decoder pays that too
        }
        return n;
    }
}
