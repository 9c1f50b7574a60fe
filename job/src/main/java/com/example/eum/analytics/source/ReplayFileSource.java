package com.example.eum.analytics.source;

import com.example.eum.analytics.model.RawRecord;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.core.fs.Path;

import java.io.IOException;

/**
 * The bounded replay source: a file, or every file in a directory (recursively), read line by line with
 * {@link ReplayLineFormat}. Files ending in .gz (and Flink's other known compression extensions) are decompressed
 * by extension. Records carry {@code replay:<file name>} as source, so a dead letter names the archive file it came
 * from: a stream format does not see its file, so each split gets its own {@link ReplayLineFormat} through
 * {@link PerFileFormat}.
 */
public final class ReplayFileSource {
    private ReplayFileSource() {}

    public static FileSource<RawRecord> of(Path... paths) {
        if (paths.length == 0) {
            throw new IllegalArgumentException("replay needs at least one file or directory");
        }
        return FileSource.forBulkFileFormat(new PerFileFormat(), paths).build();
    }

    /** Reads each file with a {@link ReplayLineFormat} named after that file (decompression by extension included). */
    static final class PerFileFormat implements BulkFormat<RawRecord, FileSourceSplit> {
        private static final long serialVersionUID = 1L;

        @Override
        public BulkFormat.Reader<RawRecord> createReader(Configuration config, FileSourceSplit split) throws IOException {
            return adapterFor(split).createReader(config, split);
        }

        @Override
        public BulkFormat.Reader<RawRecord> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
            return adapterFor(split).restoreReader(config, split);
        }

        @Override
        public boolean isSplittable() {
            return false;
        }

        @Override
        public TypeInformation<RawRecord> getProducedType() {
            return TypeInformation.of(RawRecord.class);
        }

        private static StreamFormatAdapter<RawRecord> adapterFor(FileSourceSplit split) {
            return new StreamFormatAdapter<>(new ReplayLineFormat("replay:" + split.path().getName()));
        }
    }
}
