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
 * Renders the lake tables as a CloudFormation template of {@code AWS::Glue::Table} resources (the Glue
 * {@code TableInput}: columns, partition keys, partition projection, Parquet SerDe and formats), the
 * infrastructure-as-code twin of {@link AthenaDdl}. The template takes parameters {@code DatabaseName} and
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

    /** The whole template as pretty-printed JSON ending with a newline. */
    public static String cloudFormationTemplate(List<TableSchema<?>> tables) {
        ObjectNode template = JSON.createObjectNode();
        template.put("AWSTemplateFormatVersion", "2010-09-09");
        template.put("Description", "Glue tables of the engagement-analytics lake (Parquet, dt/hour partition projection). "
                + "Generated from schema.Tables by schema.GenerateSchemaFiles; do not edit.");
        ObjectNode params = template.putObject("Parameters");
        ObjectNode db = params.putObject("DatabaseName");
        db.put("Type", "String");
        db.put("Description", "Existing Glue database that receives the tables.");
        ObjectNode root = params.putObject("LakeRoot");
        root.put("Type", "String");
        root.put("Description", "URI of the lake root the job writes to, without trailing slash, e.g. s3://my-bucket/engagement.");
        root.put("AllowedPattern", "^s3://.*[^/]$");
        ObjectNode resources = template.putObject("Resources");
        for (TableSchema<?> t : tables) {
            resources.set(logicalId(t), tableResource(t));
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

    /** CloudFormation logical id: {@code metrics_by_country} becomes {@code MetricsByCountryTable}. */
    static String logicalId(TableSchema<?> t) {
        StringBuilder id = new StringBuilder();
        for (String part : t.name().split("_")) {
            id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return id.append("Table").toString();
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
