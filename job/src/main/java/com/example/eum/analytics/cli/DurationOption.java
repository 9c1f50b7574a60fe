package com.example.eum.analytics.cli;

import com.example.eum.analytics.config.DurationFormat;

import picocli.CommandLine;

import java.time.Duration;

/** Reads duration options with the same rules as the configuration (90s, 5m, 72h, 1h30m, PT5M). */
public class DurationOption implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return DurationFormat.parse(value);
    }
}
