package com.example.eum.analytics.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DuckDB's view of the lake's {@link ColumnType}s, both ways: the type DuckDB must write so the Parquet file has the
 * lake's physical type, and the Athena type a DuckDB {@code DESCRIBE} of a Parquet file stands for. Timestamps are
 * {@code TIMESTAMPTZ}: the lake writes UTC-adjusted Parquet timestamps, which DuckDB reads as {@code TIMESTAMP WITH
 * TIME ZONE} (and writes the same way).
 */
public final class DuckDbTypes {
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");

    private DuckDbTypes() {}

    /** How DuckDB's {@code DESCRIBE} names a Parquet column written as {@code type}. */
    public static String describedType(ColumnType type) {
        return type == ColumnType.TIMESTAMP ? "TIMESTAMP WITH TIME ZONE" : duckDbType(type);
    }

    /** The DuckDB type to write so the Parquet file has the lake's physical type for {@code type}. */
    public static String duckDbType(ColumnType type) {
        switch (type) {
            case STRING:
                return "VARCHAR";
            case BOOLEAN:
                return "BOOLEAN";
            case INT:
                return "INTEGER";
            case BIGINT:
                return "BIGINT";
            case DOUBLE:
                return "DOUBLE";
            case USD:
                return "DECIMAL(18,6)";
            case TIMESTAMP:
                return "TIMESTAMPTZ";
            case MAP_STRING_STRING:
                return "MAP(VARCHAR, VARCHAR)";
            case MAP_INT_BIGINT:
                return "MAP(INTEGER, BIGINT)";
            default:
                throw new IllegalArgumentException("no DuckDB type for " + type);
        }
    }

    /** The Athena type a column DuckDB describes as {@code duckDbType} has, or {@code unmapped:<type>}. */
    static String athenaTypeOf(String duckDbType) {
        switch (duckDbType) {
            case "VARCHAR":
                return "string";
            case "BOOLEAN":
                return "boolean";
            case "INTEGER":
                return "int";
            case "BIGINT":
                return "bigint";
            case "DOUBLE":
                return "double";
            case "TIMESTAMP WITH TIME ZONE":
            case "TIMESTAMP":
            case "TIMESTAMP_MS":
                return "timestamp";
            case "MAP(VARCHAR, VARCHAR)":
                return "map<string,string>";
            case "MAP(INTEGER, BIGINT)":
                return "map<int,bigint>";
            default:
                Matcher d = DECIMAL.matcher(duckDbType);
                return d.matches() ? "decimal(" + d.group(1) + "," + d.group(2) + ")" : "unmapped:" + duckDbType;
        }
    }

    /**
     * {@code CREATE TABLE name (...)} with the table's columns in order. Required columns are NOT NULL; required
     * numbers and booleans default to 0/false (and a latency histogram to an empty map) so a fixture row names only the columns it is about.
     */
    static String createTable(TableSchema<?> table, String name) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(name).append(" (");
        String sep = "";
        for (Column<?> c : table.columns()) {
            sql.append(sep).append('"').append(c.name()).append("\" ").append(duckDbType(c.type()));
            if (!c.nullable()) {
                sql.append(" NOT NULL");
                String dflt = requiredDefault(c.type());
                if (dflt != null) {
                    sql.append(" DEFAULT ").append(dflt);
                }
            }
            sep = ", ";
        }
        return sql.append(')').toString();
    }

    private static String requiredDefault(ColumnType type) {
        switch (type) {
            case BOOLEAN:
                return "false";
            case INT:
            case BIGINT:
            case DOUBLE:
            case USD:
                return "0";
            case MAP_INT_BIGINT:
                return "MAP {}";
            default:
                return null;
        }
    }
}
