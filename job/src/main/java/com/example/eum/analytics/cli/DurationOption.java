package com.example.eum.analytics.cli;

import com.example.eum.analytics.config.DurationFormat;

import picocli.CommandLine;

import java.time.Duration;

/**
 * Reads duration options with the same rules as the configuration (90s, 5m, 72h, 1h30m, PT5M). A value that is not a
 * duration, or is negative, is a usage error that says what a valid value looks like (picocli prefixes the option).
 */
public class DurationOption implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        Duration d;
        try {
            d = DurationFormat.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: give a number and a unit, like 90s, 5m, 72h or 1h30m");
        }
        if (d.isNegative()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is negative: give a positive duration, like 5m");
        }
        return d;
    }
}
