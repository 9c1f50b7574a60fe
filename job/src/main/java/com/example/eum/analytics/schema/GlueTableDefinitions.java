package com.example.eum.analytics.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * Renders the lake catalog as a CloudFormation template (deploy/lake-catalog.json, the nested stack of
 * deploy/data-plane.yaml): one {@code AWS::Glue::Table} per lake table (the Glue {@code TableInput}: columns,
 * partition keys, partition projection, Parquet SerDe and formats), the infrastructure-as-code twin of
 * {@link AthenaDdl}, and one {@code AWS::Athena::NamedQuery} per tested query ({@link AthenaNamedQuery}, in the
 * workgroup given as parameter {@code WorkGroup}). The template takes parameters {@code DatabaseName} and
 * {@code LakeRoot} (CloudFormation's own placeholders, substituted with {@code Fn::Sub}); projection's
 * {@code ${dt}}/{@code ${hour}} are written {@code ${!dt}}/{@code ${!hour}} so {@code Fn::Sub} leaves them alone.
 */
public final class GlueTableDefinitions {
    /** Glue limit on a column comment. */
    static final int MAX_COLUMN_COMMENT = 255;
    /** Glue limit on a table description. */
    static final int MAX_TABLE_DESCRIPTION = 2048;

    static final String INPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    static final String OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    static final String SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

    private static final ObjectMapper JSON = new ObjectMapper();

    private GlueTableDefinitions() {}

    /** The tables alone (no named queries). */
    public static String cloudFormationTemplate(List<TableSchema<?>> tables) {
        return cloudFormationTemplate(tables, List.of());
    }

    /** The whole template as pretty-printed JSON ending with a newline. */
    public static String cloudFormationTemplate(List<TableSchema<?>> tables, List<AthenaNamedQuery> queries) {
        ObjectNode template = JSON.createObjectNode();
        template.put("AWSTemplateFormatVersion", "2010-09-09");
        template.put("Description", "Glue tables of the engagement-analytics lake (Parquet, dt/hour partition projection)"
                + (queries.isEmpty() ? "" : " and its tested Athena queries")
                + ". Generated from schema.Tables and schemas/athena/queries by schema.GenerateSchemaFiles; do not edit.");
        ObjectNode params = template.putObject("Parameters");
        ObjectNode db = params.putObject("DatabaseName");
        db.put("Type", "String");
        db.put("Description", "Existing Glue database that receives the tables.");
        ObjectNode root = params.putObject("LakeRoot");
        root.put("Type", "String");
        root.put("Description", "URI of the lake root the job writes to, without trailing slash, e.g. s3://my-bucket/engagement.");
        root.put("AllowedPattern", "^s3://.*[^/]$");
        if (!queries.isEmpty()) {
            ObjectNode wg = params.putObject("WorkGroup");
            wg.put("Type", "String");
            wg.put("Description", "Athena workgroup of the named queries.");
        }
        ObjectNode resources = template.putObject("Resources");
        for (TableSchema<?> t : tables) {
            resources.set(logicalId(t), tableResource(t));
        }
        for (AthenaNamedQuery q : queries) {
            resources.set(logicalId(q.name(), "Query"), namedQueryResource(q));
        }
        try {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            return JSON.writer(printer).writeValueAsString(template) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the Glue template", e);
        }
    }

    /** One {@code AWS::Glue::Table} resource. */
    static ObjectNode tableResource(TableSchema<?> t) {
        ObjectNode resource = JSON.createObjectNode();
        resource.put("Type", "AWS::Glue::Table");
        ObjectNode props = resource.putObject("Properties");
        props.putObject("CatalogId").put("Ref", "AWS::AccountId");
        props.putObject("DatabaseName").put("Ref", "DatabaseName");
        ObjectNode input = props.putObject("TableInput");
        input.put("Name", t.name());
        input.put("Description", checkLength(t.name(), t.description(), MAX_TABLE_DESCRIPTION));
        input.put("TableType", "EXTERNAL_TABLE");
        ObjectNode parameters = input.putObject("Parameters");
        parameters.put("classification", "parquet");
        parameters.put("EXTERNAL", "TRUE");
        for (Map.Entry<String, String> p : LakeLayout.tableProperties(t).entrySet()) {
            if (p.getKey().equals("storage.location.template")) {
                parameters.set(p.getKey(), sub(p.getValue()));
            } else {
                parameters.put(p.getKey(), p.getValue());
            }
        }
        ArrayNode partitionKeys = input.putArray("PartitionKeys");
        for (LakeLayout.PartitionKey k : LakeLayout.partitionKeys(t)) {
            partitionKeys.add(column(t.name() + "." + k.name(), k.name(), k.type(), k.comment()));
        }
        ObjectNode sd = input.putObject("StorageDescriptor");
        ArrayNode columns = sd.putArray("Columns");
        for (Column<?> c : t.columns()) {
            columns.add(column(t.name() + "." + c.name(), c.name(), c.type().athenaType(), c.description()));
        }
        sd.set("Location", sub(LakeLayout.location(t)));
        sd.put("InputFormat", INPUT_FORMAT);
        sd.put("OutputFormat", OUTPUT_FORMAT);
        sd.put("Compressed", false);
        ObjectNode serde = sd.putObject("SerdeInfo");
        serde.put("SerializationLibrary", SERDE);
        serde.putObject("Parameters").put("serialization.format", "1");
        sd.put("StoredAsSubDirectories", false);
        return resource;
    }

    /** One {@code AWS::Athena::NamedQuery}: in the lake's database and the stack's workgroup. */
    static ObjectNode namedQueryResource(AthenaNamedQuery q) {
        ObjectNode resource = JSON.createObjectNode();
        resource.put("Type", "AWS::Athena::NamedQuery");
        ObjectNode props = resource.putObject("Properties");
        props.put("Name", q.name());
        props.put("Description", q.description());
        props.putObject("Database").put("Ref", "DatabaseName");
        props.putObject("WorkGroup").put("Ref", "WorkGroup");
        props.put("QueryString", q.sql());
        return resource;
    }

    /** CloudFormation logical id: {@code metrics_by_country} becomes {@code MetricsByCountryTable}. */
    static String logicalId(TableSchema<?> t) {
        return logicalId(t.name(), "Table");
    }

    private static String logicalId(String snakeName, String suffix) {
        StringBuilder id = new StringBuilder();
        for (String part : snakeName.split("_")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.append(suffix).toString();
    }

    private static ObjectNode column(String what, String name, String type, String comment) {
        ObjectNode c = JSON.createObjectNode();
        c.put("Name", name);
        c.put("Type", type);
        c.put("Comment", checkLength(what, comment == null ? "" : comment, MAX_COLUMN_COMMENT));
        return c;
    }

    /**
     * {@code {"Fn::Sub": ...}} of a layout string: the {@code ${lake_root}} placeholder becomes the template parameter
     * {@code ${LakeRoot}}, and projection variables are escaped as {@code ${!name}} so CloudFormation keeps them.
     */
    private static ObjectNode sub(String layoutString) {
        String s = layoutString.replace("${dt}", "${!dt}").replace("${hour}", "${!hour}")
                .replace(LakeLayout.LAKE_ROOT, "${LakeRoot}");
        ObjectNode node = JSON.createObjectNode();
        node.put("Fn::Sub", s);
        return node;
    }

    private static String checkLength(String what, String text, int max) {
        if (text.length() > max) {
            throw new IllegalArgumentException(what + ": Glue accepts at most " + max + " characters, description has "
                    + text.length() + "; shorten it in schema.Tables");
        }
        return text;
    }
}
