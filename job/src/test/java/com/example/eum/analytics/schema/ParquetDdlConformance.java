package com.example.eum.analytics.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a Parquet file against a table's Athena DDL the way DuckDB reads it: the same columns, in the same order,
 * with the types the DDL declares; no partition column inside the file; timestamps adjusted to UTC. The fixture files
 * of {@link LakeFixture} pass it today; point it at a file the job wrote to check the real writer
 * ({@code assertMatches(duckdb, file, AthenaDdl.createTable(Tables.EVENTS))}).
 */
public final class ParquetDdlConformance {
    private ParquetDdlConformance() {}

    /** Fails with every mismatch listed. */
    public static void assertMatches(Connection duckdb, Path parquetFile, String ddl) throws SQLException {
        List<String> problems = mismatches(duckdb, parquetFile, ddl);
        if (!problems.isEmpty()) {
            throw new AssertionError(parquetFile + " does not match the DDL of its table:\n  " + String.join("\n  ", problems));
        }
    }

    /** Every difference between the file and the DDL; empty when they agree. */
    public static List<String> mismatches(Connection duckdb, Path parquetFile, String ddl) throws SQLException {
        AthenaToDuckDb.ExternalTable table = AthenaToDuckDb.parseExternalTable(ddl);
        String file = parquetFile.toAbsolutePath().toString().replace("'", "''");
        Map<String, String> fileColumns = new LinkedHashMap<>();
        try (Statement s = duckdb.createStatement();
             ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "', hive_partitioning = false)")) {
            while (rs.next()) {
                fileColumns.put(rs.getString("column_name"), DuckDbTypes.athenaTypeOf(rs.getString("column_type")));
            }
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> ddlColumns = new LinkedHashMap<>();
        for (String[] c : table.columns) {
            ddlColumns.put(c[0], c[1]);
        }
        for (Map.Entry<String, String> c : ddlColumns.entrySet()) {
            String actual = fileColumns.get(c.getKey());
            if (actual == null) {
                problems.add("column " + c.getKey() + " (" + c.getValue() + ") is missing from the file");
            } else if (!actual.equals(c.getValue())) {
                problems.add("column " + c.getKey() + " is " + actual + " in the file, " + c.getValue() + " in the DDL");
            }
        }
        for (String name : fileColumns.keySet()) {
            if (!ddlColumns.containsKey(name)) {
                problems.add("column " + name + " is in the file but not in the DDL (Athena would never read it)");
            }
        }
        for (String[] p : table.partitionColumns) {
            if (fileColumns.containsKey(p[0])) {
                problems.add("partition column " + p[0] + " must come from the path, not from the file");
            }
        }
        if (problems.isEmpty() && !new ArrayList<>(fileColumns.keySet()).equals(table.columnNames())) {
            problems.add("column order differs: file " + fileColumns.keySet() + ", DDL " + table.columnNames());
        }
        try (Statement s = duckdb.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, CAST(logical_type AS VARCHAR) AS logical_type FROM parquet_schema('"
                     + file + "') WHERE converted_type LIKE 'TIMESTAMP%' OR CAST(logical_type AS VARCHAR) LIKE 'TimestampType%'")) {
            while (rs.next()) {
                String logical = rs.getString("logical_type");
                if (logical == null || !logical.contains("isAdjustedToUTC=1")) {
                    problems.add("timestamp column " + rs.getString("name") + " is not adjusted to UTC: " + logical);
                }
            }
        }
        return problems;
    }
}
