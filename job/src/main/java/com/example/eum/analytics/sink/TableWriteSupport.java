package com.example.eum.analytics.sink;

import com.example.eum.analytics.schema.Column;
import com.example.eum.analytics.schema.ColumnType;
import com.example.eum.analytics.schema.TableSchema;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Parquet {@link WriteSupport} that writes rows of any lake table straight to the {@link RecordConsumer}, column by
 * column as the {@link TableSchema} declares them (no Avro, no intermediate records). Null optional values are
 * skipped; a null in a required column is a bug upstream and fails loudly, naming table and column.
 */
public final class TableWriteSupport<T> extends WriteSupport<T> {
    private final TableSchema<T> table;
    private final MessageType messageType;
    private final List<Column<T>> columns;
    private RecordConsumer consumer;

    public TableWriteSupport(TableSchema<T> table) {
        this.table = table;
        this.messageType = ParquetSchemas.messageType(table);
        this.columns = table.columns();
    }

    @Override
    public String getName() {
        return "eum-lake";
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(messageType, Collections.singletonMap("eum.table", table.name()));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(T row) {
        consumer.startMessage();
        for (int i = 0; i < columns.size(); i++) {
            Column<T> column = columns.get(i);
            Object value = column.valueOf(row);
            if (value == null) {
                if (!column.nullable()) {
                    throw new IllegalStateException(
                            "null in required column " + table.name() + "." + column.name());
                }
                continue;
            }
            consumer.startField(column.name(), i);
            try {
                writeValue(column, value);
            } catch (ClassCastException e) {
                throw new IllegalStateException(table.name() + "." + column.name() + " is " + column.type()
                        + " but the row holds a " + value.getClass().getName(), e);
            }
            consumer.endField(column.name(), i);
        }
        consumer.endMessage();
    }

    private void writeValue(Column<T> column, Object value) {
        switch (column.type()) {
            case STRING:
                consumer.addBinary(utf8((String) value));
                break;
            case BOOLEAN:
                consumer.addBoolean((Boolean) value);
                break;
            case INT:
                consumer.addInteger((Integer) value);
                break;
            case BIGINT:
            case USD:
            case TIMESTAMP:
                consumer.addLong((Long) value);
                break;
            case DOUBLE:
                consumer.addDouble((Double) value);
                break;
            case MAP_STRING_STRING:
            case MAP_INT_BIGINT:
                writeMap(column, (Map<?, ?>) value);
                break;
            default:
                throw new IllegalStateException("no Parquet mapping for " + column.type());
        }
    }

    /**
     * The UTF-8 bytes of a string value, as Parquet's {@code Binary.fromString} would write them, but on a byte array:
     * {@code fromString} wraps a byte buffer, whose hashing and comparing in the dictionary writer's lookups was about a
     * tenth of the events writer's CPU. The array is new, so the dictionary may keep it without a copy.
     */
    private static Binary utf8(String value) {
        return Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
    }

    private void writeMap(Column<T> column, Map<?, ?> map) {
        consumer.startGroup();
        if (!map.isEmpty()) {
            consumer.startField(ParquetSchemas.MAP_REPEATED_GROUP, 0);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getKey() == null) {
                    throw new IllegalStateException("null map key in " + table.name() + "." + column.name());
                }
                consumer.startGroup();
                consumer.startField(ParquetSchemas.MAP_KEY, 0);
                if (column.type() == ColumnType.MAP_INT_BIGINT) {
                    consumer.addInteger((Integer) entry.getKey());
                } else {
                    consumer.addBinary(utf8((String) entry.getKey()));
                }
                consumer.endField(ParquetSchemas.MAP_KEY, 0);
                if (entry.getValue() != null) {
                    consumer.startField(ParquetSchemas.MAP_VALUE, 1);
                    if (column.type() == ColumnType.MAP_INT_BIGINT) {
                        consumer.addLong((Long) entry.getValue());
                    } else {
                        consumer.addBinary(utf8((String) entry.getValue()));
                    }
                    consumer.endField(ParquetSchemas.MAP_VALUE, 1);
                }
                consumer.endGroup();
            }
            consumer.endField(ParquetSchemas.MAP_REPEATED_GROUP, 0);
        }
        consumer.endGroup();
    }
}
