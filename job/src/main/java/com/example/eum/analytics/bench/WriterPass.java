package com.example.eum.analytics.bench;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.schema.Tables;
import com.example.eum.analytics.sink.ParquetTableWriters;

import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

import java.io.IOException;
import java.util.List;

/**
 * The Parquet writer alone: the lake's own writer factory for the events table (the table with one row per status
 * change, by far the largest) writing every event to one file. The bytes go to a counting stream rather than a disk,
 * so the figure is the writer's CPU (encoding, dictionaries, ZSTD), not the machine's I/O.
 */
final class WriterPass implements MicroRunner.Pass {
    private final BulkWriter.Factory<CanonicalEvent> factory = ParquetTableWriters.factory(Tables.EVENTS);
    private final List<CanonicalEvent> events;
    /** Parquet bytes of the last pass. */
    long bytes;

    WriterPass(List<CanonicalEvent> events) {
        this.events = events;
    }

    @Override
    public long run() throws IOException {
        CountingStream out = new CountingStream();
        long began = CpuAndHeap.threadCpuNanos();
        BulkWriter<CanonicalEvent> writer = factory.create(out);
        for (CanonicalEvent e : events) {
            writer.addElement(e);
        }
        writer.finish();
        long cpu = CpuAndHeap.threadCpuNanos() - began;
        bytes = out.getPos();
        return cpu;
    }

    /** Counts what is written and keeps nothing. */
    private static final class CountingStream extends FSDataOutputStream {
        private long pos;

        @Override
        public void write(int b) {
            pos++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pos += len;
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void flush() {}

        @Override
        public void sync() {}

        @Override
        public void close() {}
    }
}
