package com.example.eum.analytics.schema;

import java.util.List;

/**
 * Renders the lake's data dictionary as markdown ({@code schemas/tables.md}): per table its purpose, partitioning and
 * a row per column with Athena type, nullability and meaning, straight from {@link TableSchema}, so the docs say what
 * the files hold.
 */
public final class SchemaDocs {
    private SchemaDocs() {}

    /** The whole document, ending with a newline. */
    public static String markdown(List<TableSchema<?>> tables, List<LatestRevisionView> views) {
        StringBuilder md = new StringBuilder();
        md.append("# Lake tables\n\n");
        md.append("<!-- Generated from schema.Tables by schema.GenerateSchemaFiles; do not edit. -->\n\n");
        md.append("Every table is Parquet under `<lake_root>/<table>/dt=YYYY-MM-DD/hour=HH/`. `dt` and `hour` are Hive ")
                .append("partition columns (strings, UTC) found by partition projection: always filter on `dt` so Athena ")
                .append("reads only the days a query needs. Times are UTC `timestamp`s; money is `decimal(18,6)` USD.\n\n");
        md.append("DDL: `schemas/athena/tables/<table>.sql`; Glue (CloudFormation): `deploy/lake-catalog.json`; ")
                .append("how to deploy and query: `schemas/athena/README.md`.\n\n");
        for (TableSchema<?> t : tables) {
            md.append("## ").append(t.name()).append("\n\n");
            md.append(cell(t.description())).append("\n\n");
            md.append("Partitioned by the UTC day and hour of `").append(t.partitionTimeDescription()).append("`.");
            for (LatestRevisionView v : views) {
                if (v.table().name().equals(t.name())) {
                    md.append(" Read it through the view `").append(v.name()).append("` (")
                            .append(cell(v.description())).append(").");
                }
            }
            md.append("\n\n");
            md.append("| column | type | nullable | meaning |\n");
            md.append("|---|---|---|---|\n");
            for (Column<?> c : t.columns()) {
                row(md, c.name(), c.type().athenaType(), c.nullable() ? "yes" : "no", c.description());
            }
            for (LakeLayout.PartitionKey k : LakeLayout.partitionKeys(t)) {
                row(md, k.name(), k.type(), "no", "Partition column. " + k.comment());
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String name, String type, String nullable, String meaning) {
        md.append("| `").append(name).append("` | `").append(type).append("` | ").append(nullable).append(" | ")
                .append(cell(meaning)).append(" |\n");
    }

    /** Markdown table cell text: pipes escaped, line breaks flattened. */
    static String cell(String text) {
        return (text == null ? "" : text).replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
