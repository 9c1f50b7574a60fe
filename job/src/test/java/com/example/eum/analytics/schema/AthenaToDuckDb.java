package com.example.eum.analytics.schema;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dialect shim that lets DuckDB run the Athena (Trino) SQL of schemas/athena unchanged on local Parquet, with
 * "now" pinned so answers are deterministic. Every rewrite is listed in schemas/athena/README.md:
 * <ul>
 *   <li>{@code CREATE EXTERNAL TABLE} (rendered DDL) becomes a view over {@code read_parquet} of the table's
 *       LOCATION with Hive partitioning, selecting exactly the DDL's columns by name (as Athena does);</li>
 *   <li>{@code current_timestamp} becomes a fixed {@code TIMESTAMPTZ} literal; other clocks
 *       ({@code now()}, {@code current_date}, {@code localtimestamp}, ...) are refused because they cannot be pinned;</li>
 *   <li>{@code date_add('unit', n, x)} becomes {@code (x + (n) * INTERVAL '1' unit)};</li>
 *   <li>{@code date_format(x, 'fmt')} becomes {@code strftime(x, 'fmt')} for the specifiers both engines read alike
 *       ({@code %Y %m %d %H}); any other specifier is refused;</li>
 *   <li>{@code CROSS JOIN UNNEST(t.map) AS h (k, v)} (one map) becomes a lateral join over
 *       {@code unnest(map_keys(t.map))} and {@code unnest(map_values(t.map))}, which DuckDB zips like Trino.</li>
 * </ul>
 * The session must run {@link #SESSION_SETUP} first (Athena computes in UTC).
 */
final class AthenaToDuckDb {
    /** DuckDB session settings matching Athena's: UTC. */
    static final List<String> SESSION_SETUP = List.of("SET TimeZone = 'UTC'");

    private static final Pattern CURRENT_TIMESTAMP = Pattern.compile("(?i)\\bcurrent_timestamp\\b");
    private static final Pattern UNPINNABLE = Pattern.compile(
            "(?i)\\b(now\\s*\\(|current_date\\b|current_time\\b|localtimestamp\\b|localtime\\b)");
    private static final Pattern DATE_ADD = Pattern.compile("(?i)\\bdate_add\\s*\\(");
    private static final Pattern DATE_FORMAT = Pattern.compile("(?i)\\bdate_format\\s*\\(");
    private static final Pattern UNNEST_MAP = Pattern.compile(
            "(?i)\\bCROSS\\s+JOIN\\s+UNNEST\\s*\\(\\s*([\\w.]+)\\s*\\)\\s+AS\\s+(\\w+)\\s*\\(\\s*(\\w+)\\s*,\\s*(\\w+)\\s*\\)");
    private static final Set<String> UNITS = Set.of("second", "minute", "hour", "day", "week", "month", "year");
    private static final Pattern FORMAT_SPECIFIER = Pattern.compile("%(.)");
    private static final Set<String> SAME_SPECIFIERS = Set.of("Y", "m", "d", "H");

    private static final Pattern EXTERNAL_TABLE = Pattern.compile(
            "(?is)\\bCREATE\\s+EXTERNAL\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:`([^`]+)`\\.)?`([^`]+)`\\s*\\((.*?)\\)\\s*"
                    + "(?:COMMENT\\s+'(?:[^'\\\\]|\\\\.)*'\\s*)?PARTITIONED\\s+BY\\s*\\((.*?)\\)\\s*STORED\\s+AS\\s+PARQUET\\s+"
                    + "LOCATION\\s+'([^']*)'");
    private static final Pattern DDL_COLUMN = Pattern.compile(
            "(?m)^\\s*`([^`]+)`\\s+(\\S+)\\s+COMMENT\\s+'(?:[^'\\\\]|\\\\.)*'\\s*,?\\s*$");

    private final String nowLiteral;

    AthenaToDuckDb(Instant now) {
        this.nowLiteral = "TIMESTAMPTZ '" + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                .withZone(ZoneOffset.UTC).format(now) + "+00'";
    }

    /** One Athena statement as DuckDB SQL. */
    String translate(String athenaSql) {
        Matcher ddl = EXTERNAL_TABLE.matcher(athenaSql);
        if (ddl.find()) {
            return externalTableAsView(parseExternalTable(athenaSql));
        }
        String sql = stripLineComments(athenaSql);
        Matcher clock = UNPINNABLE.matcher(sql);
        if (clock.find()) {
            throw new IllegalArgumentException("'" + clock.group(1) + "' cannot be pinned for tests: use current_timestamp");
        }
        sql = CURRENT_TIMESTAMP.matcher(sql).replaceAll(Matcher.quoteReplacement(nowLiteral));
        sql = rewriteCalls(sql, DATE_ADD, AthenaToDuckDb::dateAdd);
        sql = rewriteCalls(sql, DATE_FORMAT, AthenaToDuckDb::dateFormat);
        sql = UNNEST_MAP.matcher(sql).replaceAll("CROSS JOIN LATERAL (SELECT unnest(map_keys($1)) AS $3, unnest(map_values($1)) AS $4) AS $2");
        return sql;
    }

    /** A rendered {@code CREATE EXTERNAL TABLE}: name, data columns and partition columns (name and Athena type), location. */
    static final class ExternalTable {
        final String name;
        final List<String[]> columns;
        final List<String[]> partitionColumns;
        final String location;

        ExternalTable(String name, List<String[]> columns, List<String[]> partitionColumns, String location) {
            this.name = name;
            this.columns = Collections.unmodifiableList(columns);
            this.partitionColumns = Collections.unmodifiableList(partitionColumns);
            this.location = location;
        }

        List<String> columnNames() {
            List<String> names = new ArrayList<>();
            for (String[] c : columns) {
                names.add(c[0]);
            }
            return names;
        }
    }

    static ExternalTable parseExternalTable(String ddl) {
        Matcher m = EXTERNAL_TABLE.matcher(ddl);
        if (!m.find()) {
            throw new IllegalArgumentException("not a CREATE EXTERNAL TABLE ... STORED AS PARQUET LOCATION statement");
        }
        return new ExternalTable(m.group(2), columns(m.group(3)), columns(m.group(4)), m.group(5));
    }

    private static List<String[]> columns(String block) {
        List<String[]> out = new ArrayList<>();
        Matcher c = DDL_COLUMN.matcher(block);
        int lines = 0;
        for (String line : block.split("\n")) {
            if (!line.isBlank()) {
                lines++;
            }
        }
        while (c.find()) {
            out.add(new String[] {c.group(1), c.group(2)});
        }
        if (out.size() != lines) {
            throw new IllegalArgumentException("could not read every column line of: " + block);
        }
        return out;
    }

    private static String externalTableAsView(ExternalTable t) {
        StringBuilder select = new StringBuilder();
        StringBuilder hiveTypes = new StringBuilder();
        for (String[] c : t.columns) {
            select.append(select.length() == 0 ? "" : ", ").append('"').append(c[0]).append('"');
        }
        for (String[] p : t.partitionColumns) {
            if (!p[1].equals("string")) {
                throw new IllegalArgumentException(t.name + ": partition column " + p[0] + " is " + p[1] + ", expected string");
            }
            select.append(", \"").append(p[0]).append('"');
            hiveTypes.append(hiveTypes.length() == 0 ? "" : ", ").append('\'').append(p[0]).append("': 'VARCHAR'");
        }
        String location = t.location.endsWith("/") ? t.location : t.location + "/";
        return "CREATE OR REPLACE VIEW \"" + t.name + "\" AS SELECT " + select + " FROM read_parquet('" + location
                + "**/*.parquet', hive_partitioning = true, union_by_name = true, hive_types = {" + hiveTypes + "})";
    }

    /**
     * A rendered {@code CREATE EXTERNAL TABLE} whose LOCATION holds no Parquet file yet (e.g. alerts on a quiet day):
     * Athena answers it with no rows, while DuckDB's {@code read_parquet} refuses an empty glob, so it becomes a view
     * of the DDL's typed columns with no rows.
     */
    String emptyTable(String renderedDdl) {
        ExternalTable t = parseExternalTable(renderedDdl);
        StringBuilder typed = new StringBuilder();
        for (String[] c : t.columns) {
            typed.append(typed.length() == 0 ? "" : ", ").append("CAST(NULL AS ").append(duckDbType(c[1])).append(") AS \"")
                    .append(c[0]).append('"');
        }
        for (String[] p : t.partitionColumns) {
            typed.append(", CAST(NULL AS VARCHAR) AS \"").append(p[0]).append('"');
        }
        return "CREATE OR REPLACE VIEW \"" + t.name + "\" AS SELECT " + typed + " WHERE false";
    }

    /** The DuckDB type of an Athena column type of the generated DDL. */
    static String duckDbType(String athena) {
        String t = athena.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("map<") && t.endsWith(">")) {
            String[] kv = t.substring(4, t.length() - 1).split(",", 2);
            return "MAP(" + duckDbType(kv[0]) + ", " + duckDbType(kv[1]) + ")";
        }
        if (t.startsWith("array<") && t.endsWith(">")) {
            return duckDbType(t.substring(6, t.length() - 1)) + "[]";
        }
        if (t.startsWith("decimal")) {
            return t.toUpperCase(Locale.ROOT);
        }
        switch (t) {
            case "string": return "VARCHAR";
            case "bigint": return "BIGINT";
            case "int": return "INTEGER";
            case "double": return "DOUBLE";
            case "boolean": return "BOOLEAN";
            case "timestamp": return "TIMESTAMP";
            default: throw new IllegalArgumentException("Athena type not mapped by the shim: " + athena);
        }
    }

    private static String dateAdd(List<String> args) {
        if (args.size() != 3) {
            throw new IllegalArgumentException("date_add takes (unit, amount, timestamp): " + args);
        }
        String unit = unquote(args.get(0)).toLowerCase(Locale.ROOT);
        if (!UNITS.contains(unit)) {
            throw new IllegalArgumentException("date_add unit not supported by the shim: " + args.get(0));
        }
        return "(" + args.get(2).trim() + " + (" + args.get(1).trim() + ") * INTERVAL '1' " + unit.toUpperCase(Locale.ROOT) + ")";
    }

    private static String dateFormat(List<String> args) {
        if (args.size() != 2) {
            throw new IllegalArgumentException("date_format takes (timestamp, format): " + args);
        }
        String format = unquote(args.get(1));
        Matcher spec = FORMAT_SPECIFIER.matcher(format);
        while (spec.find()) {
            if (!SAME_SPECIFIERS.contains(spec.group(1))) {
                throw new IllegalArgumentException("date_format specifier %" + spec.group(1)
                        + " means something else in DuckDB's strftime; the shim maps only %Y %m %d %H");
            }
        }
        return "strftime(" + args.get(0).trim() + ", " + args.get(1).trim() + ")";
    }

    private static String unquote(String arg) {
        String a = arg.trim();
        if (a.length() < 2 || a.charAt(0) != '\'' || a.charAt(a.length() - 1) != '\'') {
            throw new IllegalArgumentException("expected a string literal, got " + a);
        }
        return a.substring(1, a.length() - 1);
    }

    /** Replaces every call {@code name(args)} matched by {@code start} (innermost calls first), keeping the rest. */
    private static String rewriteCalls(String sql, Pattern start, java.util.function.Function<List<String>, String> rewrite) {
        Matcher m = start.matcher(sql);
        int lastStart = -1;
        while (m.find()) {
            if (!insideStringLiteral(sql, m.start())) {
                lastStart = m.start();
            }
        }
        if (lastStart < 0) {
            return sql;
        }
        // the last call cannot contain another one: rewrite it, then start over
        Matcher last = start.matcher(sql);
        last.find(lastStart);
        int open = last.end() - 1;
        int close = matchingParen(sql, open);
        List<String> args = splitTopLevel(sql.substring(open + 1, close));
        String replaced = sql.substring(0, last.start()) + rewrite.apply(args) + sql.substring(close + 1);
        return rewriteCalls(replaced, start, rewrite);
    }

    private static boolean insideStringLiteral(String sql, int pos) {
        boolean quoted = false;
        for (int i = 0; i < pos; i++) {
            if (sql.charAt(i) == '\'') {
                quoted = !quoted;
            }
        }
        return quoted;
    }

    private static int matchingParen(String s, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && ch == '(') {
                depth++;
            } else if (!quoted && ch == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses after position " + open);
    }

    private static List<String> splitTopLevel(String args) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int from = 0;
        for (int i = 0; i < args.length(); i++) {
            char ch = args.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && ch == '(') {
                depth++;
            } else if (!quoted && ch == ')') {
                depth--;
            } else if (!quoted && depth == 0 && ch == ',') {
                out.add(args.substring(from, i));
                from = i + 1;
            }
        }
        out.add(args.substring(from));
        return out;
    }

    /** Drops {@code --} comments outside string literals, so the rewrites never touch commented-out text. */
    static String stripLineComments(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && ch == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                while (i < sql.length() && sql.charAt(i) != '\n') {
                    i++;
                }
                if (i < sql.length()) {
                    out.append('\n');
                }
                continue;
            }
            out.append(ch);
        }
        return out.toString();
    }
}
