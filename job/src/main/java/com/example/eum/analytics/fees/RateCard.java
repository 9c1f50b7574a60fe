package com.example.eum.analytics.fees;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Meta's WhatsApp prices as a CSV with header {@code billing_region,pricing_model,pricing_category,price_usd}.
 * A {@code *} field matches any value. For a (region, model, category) the most specific matching row wins (the one
 * with the most non-{@code *} fields); among equally specific matching rows, the first in the file wins. Two rows
 * with the same three fields are rejected at load. Matching ignores case. Prices are decimal USD with at most 6
 * decimal places, held as exact micro-USD.
 */
public final class RateCard implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The required header line. */
    public static final String HEADER = "billing_region,pricing_model,pricing_category,price_usd";
    /** Matches any value. */
    public static final String ANY = "*";

    /** A rate card with no rows: nothing matches. */
    public static final RateCard EMPTY = new RateCard("empty rate card", Collections.emptyList());

    /** One row of the card; {@link #line} is its line number in the file, for error messages. */
    public static final class Row implements Serializable {
        private static final long serialVersionUID = 1L;

        public final String region;
        public final String model;
        public final String category;
        public final long priceMicros;
        public final int line;

        Row(String region, String model, String category, long priceMicros, int line) {
            this.region = region;
            this.model = model;
            this.category = category;
            this.priceMicros = priceMicros;
            this.line = line;
        }

        int specificity() {
            return (ANY.equals(region) ? 0 : 1) + (ANY.equals(model) ? 0 : 1) + (ANY.equals(category) ? 0 : 1);
        }

        boolean matches(String r, String m, String c) {
            return fieldMatches(region, r) && fieldMatches(model, m) && fieldMatches(category, c);
        }

        private static boolean fieldMatches(String pattern, String value) {
            return ANY.equals(pattern) || (value != null && pattern.equalsIgnoreCase(value.trim()));
        }
    }

    private final String sourceName;
    private final List<Row> rows;

    private RateCard(String sourceName, List<Row> rows) {
        this.sourceName = sourceName;
        this.rows = rows;
    }

    /** Prefix of a rate card bundled in the jar, e.g. {@code classpath:/fees/rate-card.csv} (Managed Flink has no local files). */
    public static final String CLASSPATH_PREFIX = "classpath:";

    /**
     * Loads a rate card from a local file path, or from the classpath when the location starts with
     * {@value #CLASSPATH_PREFIX}; errors name the location and line.
     */
    public static RateCard load(String location) {
        try {
            if (location.startsWith(CLASSPATH_PREFIX)) {
                String resource = location.substring(CLASSPATH_PREFIX.length());
                InputStream in = RateCard.class.getResourceAsStream(resource.startsWith("/") ? resource : "/" + resource);
                if (in == null) {
                    throw new IllegalArgumentException("WhatsApp rate card not found on the classpath: " + location);
                }
                try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    return parse(reader, location);
                }
            }
            try (Reader reader = Files.newBufferedReader(Paths.get(location), StandardCharsets.UTF_8)) {
                return parse(reader, location);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("WhatsApp rate card file not found: " + location, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read WhatsApp rate card " + location + ": " + e.getMessage(), e);
        }
    }

    /** Parses a rate card; {@code sourceName} names it in error messages. */
    public static RateCard parse(Reader reader, String sourceName) throws IOException {
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> lineByKey = new HashMap<>();
        Csv.read(reader, HEADER, sourceName, (f, lineNo, line) -> {
            for (int i = 0; i < 3; i++) {
                if (f[i].isEmpty()) {
                    throw new IllegalArgumentException(sourceName + " line " + lineNo + ": empty "
                            + HEADER.split(",")[i] + " (use * to match any value)");
                }
            }
            String model = f[1].toUpperCase(Locale.ROOT);
            if (!ANY.equals(model) && !"CBP".equals(model) && !"PMP".equals(model)) {
                throw new IllegalArgumentException(sourceName + " line " + lineNo + ": pricing_model '" + f[1]
                        + "' is not CBP, PMP or *");
            }
            Row row = new Row(f[0], model, f[2].toLowerCase(Locale.ROOT), micros(f[3], sourceName, lineNo), lineNo);
            String key = row.region.toLowerCase(Locale.ROOT) + "," + row.model + "," + row.category;
            Integer previous = lineByKey.putIfAbsent(key, lineNo);
            if (previous != null) {
                throw new IllegalArgumentException(sourceName + " line " + lineNo + ": duplicate of line " + previous
                        + " (same billing_region, pricing_model and pricing_category)");
            }
            rows.add(row);
        });
        return new RateCard(sourceName, Collections.unmodifiableList(rows));
    }

    private static long micros(String price, String sourceName, int lineNo) {
        BigDecimal usd;
        try {
            usd = new BigDecimal(price);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(sourceName + " line " + lineNo + ": price_usd '" + price
                    + "' is not a decimal number");
        }
        if (usd.signum() < 0) {
            throw new IllegalArgumentException(sourceName + " line " + lineNo + ": price_usd " + price + " is negative");
        }
        BigDecimal micros = usd.movePointRight(6);
        if (micros.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(sourceName + " line " + lineNo + ": price_usd " + price
                    + " has more than 6 decimal places (fees are kept in micro-USD)");
        }
        try {
            return micros.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(sourceName + " line " + lineNo + ": price_usd " + price + " is too large");
        }
    }

    /** The most specific row matching (region, model, category), or null; null values match only {@code *}. */
    public Row match(String region, String model, String category) {
        Row best = null;
        for (Row row : rows) {
            if (row.matches(region, model, category) && (best == null || row.specificity() > best.specificity())) {
                best = row;
            }
        }
        return best;
    }

    /** The rows, in file order. */
    public List<Row> rows() {
        return rows;
    }

    /** Where the card came from (file path), for messages. */
    public String sourceName() {
        return sourceName;
    }
}
