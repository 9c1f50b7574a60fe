package com.example.eum.analytics.sink;

import com.example.eum.analytics.schema.Column;
import com.example.eum.analytics.schema.ColumnType;
import com.example.eum.analytics.schema.TableSchema;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

import java.util.ArrayList;
import java.util.List;

/**
 * Derives the Parquet {@link MessageType} of a lake table from its {@link TableSchema}, so the files can only have the
 * columns, order and types the schema declares. Each {@link ColumnType} maps to one Parquet type (see schemas/lake.md).
 */
public final class ParquetSchemas {
    /** Money is micro-USD: the long is the unscaled value of a DECIMAL(18,6). */
    static final int USD_PRECISION = 18;
    static final int USD_SCALE = 6;
    /** Names of the standard three-level MAP layout (Parquet LogicalTypes spec). */
    static final String MAP_REPEATED_GROUP = "key_value";
    static final String MAP_KEY = "key";
    static final String MAP_VALUE = "value";

    private ParquetSchemas() {}

    /** The Parquet schema of the table; the message is named after the table. */
    public static MessageType messageType(TableSchema<?> table) {
        List<Type> fields = new ArrayList<>();
        for (Column<?> column : table.columns()) {
            fields.add(field(column));
        }
        return new MessageType(table.name(), fields);
    }

    static Type field(Column<?> column) {
        Repetition repetition = column.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
        String name = column.name();
        switch (column.type()) {
            case STRING:
                return Types.primitive(PrimitiveTypeName.BINARY, repetition)
                        .as(LogicalTypeAnnotation.stringType()).named(name);
            case BOOLEAN:
                return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case INT:
                return Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
            case BIGINT:
                return Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            case DOUBLE:
                return Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case USD:
                return Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.decimalType(USD_SCALE, USD_PRECISION)).named(name);
            case TIMESTAMP:
                return Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MILLIS)).named(name);
            case MAP_STRING_STRING:
                return Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                        .repeatedGroup()
                        .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(MAP_KEY)
                        .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(MAP_VALUE)
                        .named(MAP_REPEATED_GROUP)
                        .named(name);
            case MAP_INT_BIGINT:
                return Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                        .repeatedGroup()
                        .required(PrimitiveTypeName.INT32).named(MAP_KEY)
                        .optional(PrimitiveTypeName.INT64).named(MAP_VALUE)
                        .named(MAP_REPEATED_GROUP)
                        .named(name);
            default:
                throw new IllegalArgumentException("no Parquet mapping for " + column.type());
        }
    }
}
