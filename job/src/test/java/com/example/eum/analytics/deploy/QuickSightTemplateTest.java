package com.example.eum.analytics.deploy;

import com.example.eum.analytics.schema.ColumnType;
import com.example.eum.analytics.schema.TableSchema;
import com.example.eum.analytics.schema.Tables;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The QuickSight datasets read columns the lake has, with the QuickSight type of their lake type, from the
 * latest-revision views (never the raw metrics tables, which hold every revision); the dashboard's rates divide sums.
 */
class QuickSightTemplateTest {
    private static String template() throws Exception {
        return new String(Files.readAllBytes(DeployScriptTest.root().resolve("deploy/quicksight.yaml")), StandardCharsets.UTF_8);
    }

    static String quickSightType(ColumnType t) {
        switch (t) {
            case TIMESTAMP: return "DATETIME";
            case BIGINT:
            case INT: return "INTEGER";
            case USD:
            case DOUBLE: return "DECIMAL";
            case BOOLEAN: return "BIT";
            default: return "STRING";
        }
    }

    /** Per CustomSql: the table it reads (after FROM) and its declared columns (name to type). */
    private static Map<String, Map<String, String>> dataSets(String yaml) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Matcher block = Pattern.compile("CustomSql:(.*?)Permissions:", Pattern.DOTALL).matcher(yaml);
        while (block.find()) {
            String b = block.group(1);
            Matcher from = Pattern.compile("FROM \\$\\{GlueDatabaseName}\\.(\\w+)").matcher(b);
            assertThat(from.find()).as(b).isTrue();
            Map<String, String> columns = new LinkedHashMap<>();
            Matcher c = Pattern.compile("\\{Name: (\\w+), Type: (\\w+)}").matcher(b);
            while (c.find()) {
                columns.put(c.group(1), c.group(2));
            }
            out.put(from.group(1) + "#" + out.size(), columns);
        }
        return out;
    }

    @Test
    void dataSetColumnsExistInTheLakeWithTheirTypes() throws Exception {
        Map<String, Map<String, String>> sets = dataSets(template());
        List<String> tables = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> s : sets.entrySet()) {
            String table = s.getKey().substring(0, s.getKey().indexOf('#'));
            tables.add(table);
            if (table.equals(Tables.ALERTS.name())) {
                for (Map.Entry<String, String> c : s.getValue().entrySet()) {
                    assertThat(c.getValue()).as(table + "." + c.getKey())
                            .isEqualTo(quickSightType(Tables.ALERTS.column(c.getKey()).type()));
                }
            }
            if (table.endsWith("_latest")) {
                TableSchema<?> schema = table.startsWith("metrics_by_country") ? Tables.METRICS_BY_COUNTRY : Tables.METRICS_BY_ORIGINATION;
                assertThat(table).isEqualTo(schema.name() + "_latest");
                for (Map.Entry<String, String> c : s.getValue().entrySet()) {
                    assertThat(c.getValue()).as(table + "." + c.getKey())
                            .isEqualTo(quickSightType(schema.column(c.getKey()).type()));
                }
            }
        }
        assertThat(tables).containsExactly("metrics_by_country_latest", "metrics_by_origination_latest", "events", "alerts");
        for (String used : List.of("event_time", "channel", "iso_country_code", "carrier_name", "failure_class",
                "message_id", "status", "is_final")) {
            assertThat(Tables.EVENTS.column(used)).isNotNull();
        }
    }

    @Test
    void ratesAreRatiosOfSums() throws Exception {
        String yaml = template();
        assertThat(yaml).contains("Name: delivery_rate\n            Expression: \"sum({delivered}) / ")
                .contains("Name: conversion_rate\n            Expression: \"sum({converted}) / ");
        assertThat(yaml).doesNotContain("avg(").doesNotContain("ColumnName: delivery_rate}\n                              AggregationFunction");
    }
}
