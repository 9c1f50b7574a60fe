package com.example.eum.analytics.sink;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a lake table back the way an analyst would: DuckDB over the Parquet files with hive partitioning. */
public final class DuckDbLake {
    private DuckDbLake() {}

    /** The FROM clause reading every committed part file under a table directory. */
    public static String table(Path tableDir) {
        return "read_parquet('" + tableDir.toAbsolutePath() + "/**/*.parquet', hive_partitioning=true)";
    }

    /** Runs the query; each row is a list of column values in select order. */
    public static List<List<Object>> query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Column name to DuckDB type, in file order (partition columns last). */
    static Map<String, String> describe(Path tableDir) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        for (List<Object> row : query("DESCRIBE SELECT * FROM " + table(tableDir))) {
            types.put((String) row.get(0), (String) row.get(1));
        }
        return types;
    }

    static long count(String sql) throws SQLException {
        return ((Number) query(sql).get(0).get(0)).longValue();
    }
}
