package com.example.eum.analytics.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them: ISO-8601 ({@code PT5M}, {@code P3D}) or simple units ({@code 500ms}, {@code 30s},
 * {@code 5m}, {@code 72h}, {@code 2d}, combinations like {@code 1h30m}); {@code 0} alone means zero.
 */
public final class DurationFormat {
    private static final Pattern SIMPLE = Pattern.compile("(-)?((?:\\d+\\s*(?:ms|s|sec|m|min|h|d)\\s*)+)");
    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(ms|sec|s|min|m|h|d)");

    private DurationFormat() {}

    /** Parses a duration; throws {@link IllegalArgumentException} that says the accepted forms. */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        if (t.startsWith("p") || t.startsWith("-p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid();
            }
        }
        Matcher m = SIMPLE.matcher(t);
        if (!m.matches()) {
            throw invalid();
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(m.group(2));
        while (part.find()) {
            long n;
            try {
                n = Long.parseLong(part.group(1));
            } catch (NumberFormatException e) {
                throw invalid();
            }
            try {
                total = total.plus(unit(n, part.group(2)));
            } catch (ArithmeticException e) {
                throw invalid();
            }
        }
        return m.group(1) != null ? total.negated() : total;
    }

    /** The shortest simple form of a duration ({@code 5m}, {@code 72h}, {@code 90s}, {@code 0}). */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        String sign = d.isNegative() ? "-" : "";
        long ms = Math.abs(d.toMillis());
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms % sizes[i] == 0) {
                // prefer hours over days below a week's worth, as retention and lateness are talked about in hours
                if (i == 0 && ms < 7 * sizes[0]) {
                    continue;
                }
                return sign + (ms / sizes[i]) + units[i];
            }
        }
        return sign + ms + "ms";
    }

    private static Duration unit(long n, String unit) {
        switch (unit) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
            case "sec":
                return Duration.ofSeconds(n);
            case "m":
            case "min":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            default:
                return Duration.ofDays(n);
        }
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException("must be a duration like 30s, 5m, 72h or PT5M");
    }
}
