package com.example.eum.analytics.schema;

import java.util.List;
import java.util.Map;

/**
 * Renders the Athena {@code CREATE EXTERNAL TABLE} statement of a lake table from its {@link TableSchema}: columns
 * with {@link ColumnType#athenaType()} types and their descriptions as comments, {@code dt}/{@code hour} partition
 * columns, Parquet storage under {@code ${lake_root}/<table>/} and partition projection (see {@link LakeLayout}).
 * The generated files live in {@code schemas/athena/tables/}; {@code ${database}} and {@code ${lake_root}} stay
 * placeholders until deployment.
 */
public final class AthenaDdl {
    private AthenaDdl() {}

    /** The statement, preceded by {@code --} comment lines saying where it comes from; ends with {@code ;} and a newline. */
    public static String createTable(TableSchema<?> table) {
        List<LakeLayout.PartitionKey> partitionKeys = LakeLayout.partitionKeys(table);
        StringBuilder sql = new StringBuilder();
        sql.append("-- Table ").append(table.name()).append(": generated from schema.Tables by schema.GenerateSchemaFiles; do not edit.\n");
        sql.append("-- Placeholders: ").append(LakeLayout.DATABASE).append(" (Glue database), ").append(LakeLayout.LAKE_ROOT)
                .append(" (s3://bucket/prefix, no trailing slash); schemas/athena/render.sh replaces them.\n");
        sql.append("CREATE EXTERNAL TABLE IF NOT EXISTS `").append(LakeLayout.DATABASE).append("`.`").append(table.name()).append("` (\n");
        List<? extends Column<?>> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            Column<?> c = columns.get(i);
            sql.append("  `").append(c.name()).append("` ").append(c.type().athenaType())
                    .append(" COMMENT ").append(literal(c.description()))
                    .append(i < columns.size() - 1 ? ",\n" : "\n");
        }
        sql.append(")\n");
        sql.append("COMMENT ").append(literal(table.description())).append('\n');
        sql.append("PARTITIONED BY (\n");
        for (int i = 0; i < partitionKeys.size(); i++) {
            LakeLayout.PartitionKey k = partitionKeys.get(i);
            sql.append("  `").append(k.name()).append("` ").append(k.type()).append(" COMMENT ").append(literal(k.comment()))
                    .append(i < partitionKeys.size() - 1 ? ",\n" : "\n");
        }
        sql.append(")\n");
        sql.append("STORED AS PARQUET\n");
        sql.append("LOCATION ").append(literal(LakeLayout.location(table))).append('\n');
        sql.append("TBLPROPERTIES (\n");
        Map<String, String> props = LakeLayout.tableProperties(table);
        int n = 0;
        for (Map.Entry<String, String> p : props.entrySet()) {
            sql.append("  ").append(literal(p.getKey())).append('=').append(literal(p.getValue()))
                    .append(++n < props.size() ? ",\n" : "\n");
        }
        sql.append(");\n");
        return sql.toString();
    }

    /**
     * A Hive DDL string literal: single-quoted, backslash and quote escaped with a backslash (Hive's escape
     * rule; doubling the quote is not understood there), line breaks flattened to spaces.
     */
    static String literal(String text) {
        String s = text == null ? "" : text;
        StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' || ch == '\'') {
                b.append('\\').append(ch);
            } else if (ch == '\n' || ch == '\r' || ch == '\t') {
                b.append(' ');
            } else {
                b.append(ch);
            }
        }
        return b.append('\'').toString();
    }
}
