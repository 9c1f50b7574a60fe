package com.example.eum.analytics.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A view {@code <table>_latest} over a windowed metrics table that keeps only the highest {@code revision} of each
 * window and key: late data makes the job re-emit a window with complete values and {@code revision + 1}, so readers
 * (queries, QuickSight datasets) must take the latest one. Portable SQL (a {@code row_number()} window, no
 * {@code max_by}), valid in Athena/Trino and DuckDB. Generated into {@code schemas/athena/views/}.
 *
 * <p>{@code dt} and {@code hour} are in the {@code PARTITION BY}: every revision of a window lands in the partition
 * of its {@code window_start}, so this changes no result, but it lets Athena push a {@code dt} filter on the view
 * through the window function down to partition pruning.
 */
public final class LatestRevisionView {
    static final String REVISION = "revision";

    private final TableSchema<?> table;
    private final List<String> identity;

    /**
     * @param table    a metrics table with a {@code revision} column
     * @param identity the columns naming one window of one key, e.g. window_start, channel, iso_country_code
     */
    public LatestRevisionView(TableSchema<?> table, String... identity) {
        this.table = table;
        this.identity = Collections.unmodifiableList(List.of(identity));
        table.column(REVISION);
        for (String column : identity) {
            table.column(column);
        }
        if (this.identity.isEmpty()) {
            throw new IllegalArgumentException(table.name() + ": a latest view needs identity columns");
        }
    }

    /**
     * Key columns added to existing tables after release 1: null in the rows written before, '' in the rows of the
     * same (restored) windows written after. The view reads null as '' so both are one key and only the latest
     * revision counts.
     */
    static final java.util.Set<String> ADDED_AFTER_RELEASE_1 = java.util.Set.of("message_type", "use_case");

    /** The views the lake ships: latest revision per window of each metrics table. */
    public static List<LatestRevisionView> all() {
        return List.of(
                new LatestRevisionView(Tables.METRICS_BY_COUNTRY, "window_start", "channel", "iso_country_code", "message_type", "use_case"),
                new LatestRevisionView(Tables.METRICS_BY_ORIGINATION, "window_start", "channel", "origination_id", "message_type", "use_case"),
                new LatestRevisionView(Tables.METRICS_BY_CARRIER, "window_start", "channel", "iso_country_code", "mcc", "mnc"));
    }

    public TableSchema<?> table() {
        return table;
    }

    public String name() {
        return table.name() + "_latest";
    }

    public String description() {
        return "only the highest revision of each (" + String.join(", ", identity) + ")";
    }

    /** {@code CREATE OR REPLACE VIEW ${database}.<table>_latest AS ...;} with a comment header. */
    public String createView() {
        List<String> partitionBy = new ArrayList<>();
        for (String column : identity) {
            partitionBy.add(ADDED_AFTER_RELEASE_1.contains(column) ? "coalesce(" + column + ", '')" : column);
        }
        List<String> projected = new ArrayList<>();
        for (Column<?> c : table.columns()) {
            projected.add(ADDED_AFTER_RELEASE_1.contains(c.name()) ? "coalesce(" + c.name() + ", '') AS " + c.name() : c.name());
        }
        for (LakeLayout.PartitionKey k : LakeLayout.partitionKeys(table)) {
            partitionBy.add(k.name());
            projected.add(k.name());
        }
        StringBuilder sql = new StringBuilder();
        sql.append("-- View ").append(name()).append(": ").append(table.name()).append(" with ").append(description()).append(".\n");
        sql.append("-- Generated from schema.Tables by schema.GenerateSchemaFiles; do not edit.\n");
        sql.append("-- Late data re-emits a window with revision + 1; dt and hour in PARTITION BY change no result (all revisions\n");
        sql.append("-- of a window share its partition) but let Athena push dt filters through to partition pruning.\n");
        sql.append("CREATE OR REPLACE VIEW ").append(LakeLayout.DATABASE).append('.').append(name()).append(" AS\n");
        sql.append("SELECT\n");
        for (int i = 0; i < projected.size(); i++) {
            sql.append("  ").append(projected.get(i)).append(i < projected.size() - 1 ? ",\n" : "\n");
        }
        sql.append("FROM (\n");
        sql.append("  SELECT\n");
        sql.append("    m.*,\n");
        sql.append("    row_number() OVER (\n");
        sql.append("      PARTITION BY ").append(String.join(", ", partitionBy)).append('\n');
        sql.append("      ORDER BY ").append(REVISION).append(" DESC\n");
        sql.append("    ) AS revision_rank\n");
        sql.append("  FROM ").append(LakeLayout.DATABASE).append('.').append(table.name()).append(" m\n");
        sql.append(") ranked\n");
        sql.append("WHERE revision_rank = 1;\n");
        return sql.toString();
    }
}
