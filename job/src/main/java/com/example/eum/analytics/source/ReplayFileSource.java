package com.example.eum.analytics.source;

import com.example.eum.analytics.model.RawRecord;

import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;

/**
 * The bounded replay source: a file, or every file in a directory (recursively), read line by line with
 * {@link ReplayLineFormat}. Files ending in .gz (and Flink's other known compression extensions) are decompressed
 * by extension. Records carry {@code replay:<name>} as source, where name is the last element of the path given
 * (the file name for a file, the directory name for a directory: a stream format does not see which file of a
 * directory it reads).
 */
public final class ReplayFileSource {
    private ReplayFileSource() {}

    public static FileSource<RawRecord> of(Path... paths) {
        if (paths.length == 0) {
            throw new IllegalArgumentException("replay needs at least one file or directory");
        }
        String name = paths.length == 1 ? lastName(paths[0]) : lastName(paths[0]) + "+" + (paths.length - 1);
        return FileSource.forRecordStreamFormat(new ReplayLineFormat("replay:" + name), paths).build();
    }

    /** The last path element, ignoring a trailing slash (a directory URI ends in one). */
    static String lastName(Path p) {
        String s = p.toUri().getPath();
        while (s.endsWith("/") && s.length() > 1) {
            s = s.substring(0, s.length() - 1);
        }
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
