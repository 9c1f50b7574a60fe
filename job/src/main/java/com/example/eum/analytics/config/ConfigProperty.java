package com.example.eum.analytics.config;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One accepted property: its group and key (as written in the Managed Flink property groups, the local JSON file
 * and {@code --set Group.key=value}), a type label (as documented in deploy/PROPERTIES.md), how to read it from and
 * write it into a {@link JobConfig}, and whether it is a secret (never printed).
 */
public final class ConfigProperty {
    private final String group;
    private final String key;
    private final String type;
    private final boolean secret;
    private final Function<JobConfig, Object> getter;
    private final BiConsumer<JobConfig, String> setter;

    ConfigProperty(String group, String key, String type, boolean secret,
                   Function<JobConfig, Object> getter, BiConsumer<JobConfig, String> setter) {
        this.group = group;
        this.key = key;
        this.type = type;
        this.secret = secret;
        this.getter = getter;
        this.setter = setter;
    }

    public String group() {
        return group;
    }

    public String key() {
        return key;
    }

    /** {@code Group.key}, the name users write and error messages use. */
    public String path() {
        return group + "." + key;
    }

    /** Type label, e.g. {@code duration}, {@code boolean}, {@code LATEST / TRIM_HORIZON / AT_TIMESTAMP}. */
    public String type() {
        return type;
    }

    public boolean secret() {
        return secret;
    }

    /**
     * Parses {@code value} and stores it in {@code config}.
     *
     * @throws IllegalArgumentException whose message says what a valid value looks like (without echoing it)
     */
    public void apply(JobConfig config, String value) {
        setter.accept(config, value);
    }

    /** The value as text, in the same form it is written; {@code (none)} when unset; secrets redacted. */
    public String display(JobConfig config) {
        Object v = getter.apply(config);
        if (v == null || (v instanceof String && ((String) v).isEmpty())) {
            return "(none)";
        }
        if (secret) {
            return "<redacted>";
        }
        if (v instanceof Duration) {
            return DurationFormat.format((Duration) v);
        }
        if (v instanceof Instant) {
            return v.toString();
        }
        if (v instanceof Double) {
            return java.math.BigDecimal.valueOf((Double) v).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }
}
