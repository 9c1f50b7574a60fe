package com.example.eum.analytics.source;

import com.example.eum.analytics.model.RawRecord;

import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;

/**
 * The bounded replay source: a file, or every file in a directory (recursively), read line by line with
 * {@link ReplayLineFormat}. Files ending in .gz (and Flink's other known compression extensions) are decompressed
 * by extension. Records carry {@code replay:<name>} as source, where name is the last path element given.
 */
public final class ReplayFileSource {
    private ReplayFileSource() {}

    public static FileSource<RawRecord> of(Path... paths) {
        if (paths.length == 0) {
            throw new IllegalArgumentException("replay needs at least one file or directory");
        }
        String name = paths.length == 1 ? paths[0].getName() : paths[0].getName() + "+" + (paths.length - 1);
        return FileSource.forRecordStreamFormat(new ReplayLineFormat("replay:" + name), paths).build();
    }
}
