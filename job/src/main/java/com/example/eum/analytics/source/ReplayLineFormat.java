package com.example.eum.analytics.source;

import com.example.eum.analytics.model.DeadLetterReason;
import com.example.eum.analytics.model.RawRecord;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads a replay file: one Kinesis record payload per line. A line whose first character (after an optional UTF-8
 * BOM and leading spaces or tabs) is '{' is the JSON payload itself; any other non-empty line is the base64 of a
 * binary payload (e.g. a gzip CloudWatch Logs batch). Blank lines are skipped. A line that is not valid base64
 * becomes a record with {@code transportError = bad_base64} (its bytes as payload) so the decoder dead-letters it;
 * a line over {@link #MAX_LINE_BYTES} becomes {@code too_large} with its first bytes; a compressed file cut short
 * ends with one {@code bad_gzip} record holding the cut line's bytes (everything before the cut is read). Every record's
 * {@code ingestTime} is the wall-clock time it was read (a replay has no arrival time; event time comes from the
 * events themselves).
 */
public class ReplayLineFormat extends SimpleStreamFormat<RawRecord> {
    private static final long serialVersionUID = 1L;

    /** Longest line kept whole (base64 of a 1 MiB record is about 1.4 MiB). */
    public static final int MAX_LINE_BYTES = 8 * 1024 * 1024;

    private final String sourceName;

    /** @param sourceName written to every record's {@code source} (the replay file or directory name) */
    public ReplayLineFormat(String sourceName) {
        this.sourceName = sourceName;
    }

    @Override
    public Reader<RawRecord> createReader(Configuration config, FSDataInputStream stream) {
        return new LineReader(stream, sourceName);
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    /**
     * The line rule: the record for one line (without its line terminator), or null for a blank line.
     */
    public static RawRecord toRecord(byte[] line, String source, long ingestTime) {
        int start = 0;
        if (line.length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB && (line[2] & 0xff) == 0xBF) {
            start = 3;
        }
        int end = line.length;
        while (start < end && isBlank(line[start])) {
            start++;
        }
        while (end > start && isBlank(line[end - 1])) {
            end--;
        }
        if (start == end) {
            return null;
        }
        byte[] content = Arrays.copyOfRange(line, start, end);
        if (content[0] == '{') {
            return new RawRecord(content, source, ingestTime);
        }
        try {
            return new RawRecord(Base64.getDecoder().decode(content), source, ingestTime);
        } catch (IllegalArgumentException e) {
            RawRecord r = new RawRecord(content, source, ingestTime);
            r.transportError = DeadLetterReason.BAD_BASE64.code();
            return r;
        }
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** Splits the stream on LF (CR before LF is dropped by the blank trimming), bounded per line. */
    private static final class LineReader implements Reader<RawRecord> {
        private final InputStream in;
        private final String source;
        private final byte[] buf = new byte[64 * 1024];
        private int pos;
        private int len;
        private boolean eof;
        /** The compressed input ended in the middle of its stream. */
        private boolean truncated;

        LineReader(InputStream in, String source) {
            this.in = in;
            this.source = source;
        }

        @Override
        public RawRecord read() throws IOException {
            while (true) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                boolean overLong = false;
                boolean any = false;
                while (true) {
                    if (pos == len) {
                        if (eof) {
                            break;
                        }
                        pos = 0;
                        try {
                            len = in.read(buf, 0, buf.length);
                        } catch (java.io.EOFException | java.util.zip.ZipException cut) {
                            // a compressed file cut short (an interrupted copy or upload): everything before the
                            // cut is replayed; the cut line is one bad_gzip dead letter, not a failed replay
                            len = 0;
                            truncated = true;
                        }
                        if (len <= 0) {
                            len = 0;
                            eof = true;
                            break;
                        }
                    }
                    any = true;
                    int nl = -1;
                    for (int i = pos; i < len; i++) {
                        if (buf[i] == '\n') {
                            nl = i;
                            break;
                        }
                    }
                    int stop = nl < 0 ? len : nl;
                    int room = MAX_LINE_BYTES - line.size();
                    int take = Math.min(room, stop - pos);
                    line.write(buf, pos, take);
                    if (take < stop - pos) {
                        overLong = true;
                    }
                    pos = nl < 0 ? len : nl + 1;
                    if (nl >= 0) {
                        break;
                    }
                }
                long now = System.currentTimeMillis();
                if (truncated) {
                    truncated = false;
                    RawRecord r = new RawRecord(line.toByteArray(), source, now);
                    r.transportError = DeadLetterReason.BAD_GZIP.code();
                    return r;
                }
                if (!any && eof) {
                    return null;
                }
                if (overLong) {
                    RawRecord r = new RawRecord(line.toByteArray(), source, now);
                    r.transportError = DeadLetterReason.TOO_LARGE.code();
                    return r;
                }
                RawRecord r = toRecord(line.toByteArray(), source, now);
                if (r != null) {
                    return r;
                }
                if (eof && pos == len) {
                    return null;
                }
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
