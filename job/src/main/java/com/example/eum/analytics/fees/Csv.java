package com.example.eum.analytics.fees;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * The small CSV dialect of the fee tables: an exact header line (an optional UTF-8 byte-order mark before it),
 * comma-separated fields, no quoting (no value contains a comma), fields trimmed, blank lines ignored. Errors name
 * the source and the line.
 */
final class Csv {
    private Csv() {}

    /** Receives one data line: its trimmed fields (as many as the header has) and its line number. */
    interface RowHandler {
        void row(String[] fields, int lineNo, String line);
    }

    /** Checks the header, then hands every non-blank line to {@code handler}. */
    static void read(Reader reader, String header, String sourceName, RowHandler handler) throws IOException {
        BufferedReader lines = new BufferedReader(reader);
        String first = lines.readLine();
        if (first != null && first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        if (first == null || !header.equals(first.trim())) {
            throw new IllegalArgumentException(sourceName + " line 1: expected header '" + header + "', got '" + first + "'");
        }
        int expected = header.split(",").length;
        int lineNo = 1;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNo++;
            if (line.trim().isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != expected) {
                throw new IllegalArgumentException(sourceName + " line " + lineNo + ": expected " + expected
                        + " comma-separated fields, got " + f.length + " in '" + line + "'");
            }
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].trim();
            }
            handler.row(f, lineNo, line);
        }
    }
}
