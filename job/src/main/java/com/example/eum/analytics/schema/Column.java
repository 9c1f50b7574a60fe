package com.example.eum.analytics.schema;

import java.io.Serializable;
import java.util.Objects;

/** One column of a lake table: name, type, documentation and how to read its value from a row object. */
public final class Column<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Reads a column value from a row; returns null for SQL NULL. Enums are written by name. */
    @FunctionalInterface
    public interface Getter<T> extends Serializable {
        Object get(T row);
    }

    private final String name;
    private final ColumnType type;
    private final boolean nullable;
    private final String description;
    private final Getter<T> getter;

    public Column(String name, ColumnType type, boolean nullable, String description, Getter<T> getter) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("column names are lower snake_case: " + name);
        }
        this.name = name;
        this.type = Objects.requireNonNull(type);
        this.nullable = nullable;
        this.description = description;
        this.getter = Objects.requireNonNull(getter);
    }

    public String name() {
        return name;
    }

    public ColumnType type() {
        return type;
    }

    public boolean nullable() {
        return nullable;
    }

    public String description() {
        return description;
    }

    /** The value of this column for the row, normalised (enum to its name). */
    public Object valueOf(T row) {
        Object v = getter.get(row);
        return v instanceof Enum ? ((Enum<?>) v).name() : v;
    }
}
