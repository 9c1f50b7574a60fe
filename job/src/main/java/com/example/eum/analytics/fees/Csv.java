package com.example.eum.analytics.fees;

/**
 * The small CSV dialect of the fee tables: comma-separated, no quoting (no value contains a comma), fields trimmed,
 * an optional UTF-8 byte-order mark before the header. Errors name the source and the line.
 */
final class Csv {
    private Csv() {}

    static String stripBom(String line) {
        return line != null && line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** The trimmed fields of a line that must have exactly {@code expected} of them. */
    static String[] fields(String line, int expected, String sourceName, int lineNo) {
        String[] f = line.split(",", -1);
        if (f.length != expected) {
            throw new IllegalArgumentException(sourceName + " line " + lineNo + ": expected " + expected
                    + " comma-separated fields, got " + f.length + " in '" + line + "'");
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].trim();
        }
        return f;
    }
}
