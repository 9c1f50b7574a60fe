package com.example.eum.analytics.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;

/** Reads durations as users write them: 90s, 5m, 72h, 2d, or ISO-8601 (PT5M). */
public class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** Parses a duration; throws IllegalArgumentException with an example of the expected form. */
    public static Duration parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.matches("\\d+(ms|s|m|h|d)")) {
                String unit = v.replaceAll("\\d", "");
                long n = Long.parseLong(v.substring(0, v.length() - unit.length()));
                switch (unit) {
                    case "ms": return Duration.ofMillis(n);
                    case "s": return Duration.ofSeconds(n);
                    case "m": return Duration.ofMinutes(n);
                    case "h": return Duration.ofHours(n);
                    default: return Duration.ofDays(n);
                }
            }
        } catch (RuntimeException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("'" + value + "' is not a duration; write e.g. 30s, 5m, 72h, 2d or PT5M");
    }
}
