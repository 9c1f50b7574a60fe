package com.example.eum.analytics.schema;

/**
 * Logical column types of the lake. Each maps to exactly one Parquet type and one Athena/Glue type, so the
 * files, the DDL and the Glue catalog cannot drift.
 */
public enum ColumnType {
    /** Java String or enum; Parquet BINARY (STRING); Athena {@code string}. */
    STRING("string"),
    /** Java boolean/Boolean; Parquet BOOLEAN; Athena {@code boolean}. */
    BOOLEAN("boolean"),
    /** Java int/Integer; Parquet INT32; Athena {@code int}. */
    INT("int"),
    /** Java long/Long; Parquet INT64; Athena {@code bigint}. */
    BIGINT("bigint"),
    /** Java double/Double; Parquet DOUBLE; Athena {@code double}. */
    DOUBLE("double"),
    /** Java long micro-USD; Parquet INT64 DECIMAL(18,6); Athena {@code decimal(18,6)}. */
    USD("decimal(18,6)"),
    /** Java long epoch ms, UTC; Parquet INT64 TIMESTAMP(MILLIS, adjusted to UTC); Athena {@code timestamp}. */
    TIMESTAMP("timestamp"),
    /** Java {@code Map<String,String>}; Parquet MAP of STRING to STRING; Athena {@code map<string,string>}. */
    MAP_STRING_STRING("map<string,string>"),
    /** Java {@code Map<Integer,Long>}; Parquet MAP of INT32 to INT64; Athena {@code map<int,bigint>}. */
    MAP_INT_BIGINT("map<int,bigint>");

    private final String athenaType;

    ColumnType(String athenaType) {
        this.athenaType = athenaType;
    }

    /** The Hive/Athena/Glue type name. */
    public String athenaType() {
        return athenaType;
    }
}
