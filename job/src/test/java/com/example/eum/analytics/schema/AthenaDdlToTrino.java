package com.example.eum.analytics.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Translates a rendered Athena {@code CREATE EXTERNAL TABLE} (Hive DDL with partition projection, which Trino's SQL
 * does not accept) into the Trino Hive-connector statement that reads the same files with the same columns and
 * types: {@code CREATE TABLE schema.t (<columns>, dt varchar, hour varchar) WITH (format = 'PARQUET',
 * external_location = '<LOCATION>', partitioned_by = ARRAY['dt', 'hour'])}. Partition projection has no Trino
 * equivalent; {@code CALL system.sync_partition_metadata} registers the partitions instead. Used by
 * {@link TrinoLakeCheck}; the column list comes from the DDL text through {@link AthenaToDuckDb#parseExternalTable}.
 */
final class AthenaDdlToTrino {
    private static final Pattern DECIMAL = Pattern.compile("decimal\\(\\d+,\\d+\\)");

    private AthenaDdlToTrino() {}

    static String createTable(String schema, AthenaToDuckDb.ExternalTable t) {
        List<String> columns = new ArrayList<>();
        List<String> partitionNames = new ArrayList<>();
        for (String[] c : t.columns) {
            columns.add("  \"" + c[0] + "\" " + trinoType(c[1]));
        }
        for (String[] p : t.partitionColumns) {
            columns.add("  \"" + p[0] + "\" " + trinoType(p[1]));
            partitionNames.add("'" + p[0] + "'");
        }
        String location = t.location.endsWith("/") ? t.location.substring(0, t.location.length() - 1) : t.location;
        return "CREATE TABLE \"" + schema + "\".\"" + t.name + "\" (\n" + String.join(",\n", columns) + "\n)\n"
                + "WITH (format = 'PARQUET', external_location = '" + location.replace("'", "''")
                + "', partitioned_by = ARRAY[" + String.join(", ", partitionNames) + "])";
    }

    /** The Trino type of a Hive/Athena DDL type: {@code string} is {@code varchar}, {@code map<k,v>} is {@code map(k, v)}. */
    static String trinoType(String athenaType) {
        String t = athenaType.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "string":
                return "varchar";
            case "int":
                return "integer";
            case "boolean":
            case "bigint":
            case "double":
            case "timestamp":
                return t;
            default:
                if (DECIMAL.matcher(t).matches()) {
                    return t;
                }
                if (t.startsWith("map<") && t.endsWith(">")) {
                    String[] kv = splitTopLevelComma(t.substring(4, t.length() - 1));
                    return "map(" + trinoType(kv[0]) + ", " + trinoType(kv[1]) + ")";
                }
                if (t.startsWith("array<") && t.endsWith(">")) {
                    return "array(" + trinoType(t.substring(6, t.length() - 1)) + ")";
                }
                throw new IllegalArgumentException("no Trino type for Athena type " + athenaType);
        }
    }

    private static String[] splitTopLevelComma(String pair) {
        int depth = 0;
        for (int i = 0; i < pair.length(); i++) {
            char ch = pair.charAt(i);
            if (ch == '<' || ch == '(') {
                depth++;
            } else if (ch == '>' || ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                return new String[] {pair.substring(0, i), pair.substring(i + 1)};
            }
        }
        throw new IllegalArgumentException("expected key,value types: " + pair);
    }

    /** The type Trino's {@code DESCRIBE} shows for a lake column, from {@link Tables} (independently of the DDL text). */
    static String describedType(ColumnType type) {
        switch (type) {
            case STRING:
                return "varchar";
            case BOOLEAN:
                return "boolean";
            case INT:
                return "integer";
            case BIGINT:
                return "bigint";
            case DOUBLE:
                return "double";
            case USD:
                return "decimal(18,6)";
            case TIMESTAMP:
                return "timestamp(3)"; // the Hive connector's default hive.timestamp-precision=MILLISECONDS
            case MAP_STRING_STRING:
                return "map(varchar, varchar)";
            case MAP_INT_BIGINT:
                return "map(integer, bigint)";
            default:
                throw new IllegalArgumentException("no Trino type for " + type);
        }
    }
}
