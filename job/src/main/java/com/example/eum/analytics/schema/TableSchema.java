package com.example.eum.analytics.schema;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A lake table: its name, columns, and the time that picks its dt/hour partition. The only place a table's
 * shape is written down; Parquet writers, Athena DDL, Glue definitions and docs are derived from it.
 */
public final class TableSchema<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The epoch-ms time that chooses the row's {@code dt=YYYY-MM-DD/hour=HH} partition (UTC). */
    @FunctionalInterface
    public interface PartitionTime<T> extends Serializable {
        long of(T row);
    }

    private final String name;
    private final String description;
    private final String partitionTimeDescription;
    private final PartitionTime<T> partitionTime;
    private final List<Column<T>> columns;

    private TableSchema(String name, String description, String partitionTimeDescription, PartitionTime<T> partitionTime,
                        List<Column<T>> columns) {
        this.name = name;
        this.description = description;
        this.partitionTimeDescription = partitionTimeDescription;
        this.partitionTime = partitionTime;
        this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
        Set<String> seen = new HashSet<>();
        for (Column<T> c : columns) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException(name + ": duplicate column " + c.name());
            }
        }
    }

    public static <T> Builder<T> builder(String name, String description) {
        return new Builder<>(name, description);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String partitionTimeDescription() {
        return partitionTimeDescription;
    }

    public long partitionTimeOf(T row) {
        return partitionTime.of(row);
    }

    public List<Column<T>> columns() {
        return columns;
    }

    public Column<T> column(String columnName) {
        for (Column<T> c : columns) {
            if (c.name().equals(columnName)) {
                return c;
            }
        }
        throw new IllegalArgumentException(name + " has no column " + columnName);
    }

    /** Builder keeping column order as declared. */
    public static final class Builder<T> {
        private final String name;
        private final String description;
        private final List<Column<T>> columns = new ArrayList<>();
        private PartitionTime<T> partitionTime;
        private String partitionTimeDescription;

        private Builder(String name, String description) {
            this.name = name;
            this.description = description;
        }

        public Builder<T> required(String column, ColumnType type, String doc, Column.Getter<T> getter) {
            columns.add(new Column<>(column, type, false, doc, getter));
            return this;
        }

        public Builder<T> optional(String column, ColumnType type, String doc, Column.Getter<T> getter) {
            columns.add(new Column<>(column, type, true, doc, getter));
            return this;
        }

        /** Adds the columns a definition elsewhere contributes (e.g. one per summed metric). */
        public Builder<T> columns(java.util.function.Consumer<Builder<T>> definitions) {
            definitions.accept(this);
            return this;
        }

        public Builder<T> partitionedBy(String doc, PartitionTime<T> time) {
            this.partitionTimeDescription = doc;
            this.partitionTime = time;
            return this;
        }

        public TableSchema<T> build() {
            if (partitionTime == null) {
                throw new IllegalStateException(name + ": partition time not set");
            }
            return new TableSchema<>(name, description, partitionTimeDescription, partitionTime, columns);
        }
    }
}
