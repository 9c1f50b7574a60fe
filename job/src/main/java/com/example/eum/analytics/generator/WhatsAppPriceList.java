package com.example.eum.analytics.generator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The WhatsApp prices the ground truth charges what it injected with: the AWS per-message fee and Meta's prices from
 * a rate card, read here on their own (the truth recounts; it does not call the job's {@code fees} package). The
 * published data it reads: the rate card CSV ({@code billing_region,pricing_model,pricing_category,price_usd},
 * {@code *} matching anything, the row with the most exact fields winning, the first of equals) and Meta's
 * country-to-billing-region table ({@code iso_country_code,country_name,billing_region}; a country not in it is
 * region {@code Other}).
 */
public final class WhatsAppPriceList {
    /** No WhatsApp fees: what a run without a rate card and without an AWS fee charges. */
    public static final WhatsAppPriceList NONE = new WhatsAppPriceList(List.of(), Map.of(), 0);

    /** The example rate card bundled in the jar (what {@code local} and the tests use). */
    public static final String EXAMPLE_CARD = "/fees/whatsapp-rate-card.example.csv";
    private static final String REGIONS = "/fees/whatsapp_billing_regions.csv";
    private static final String CLASSPATH = "classpath:";

    private final List<String[]> card;
    private final Map<String, String> regionOf;
    private final long awsFeeMicros;

    private WhatsAppPriceList(List<String[]> card, Map<String, String> regionOf, long awsFeeMicros) {
        this.card = card;
        this.regionOf = regionOf;
        this.awsFeeMicros = awsFeeMicros;
    }

    /** The example rate card with an AWS fee of {@code awsFeeUsd} per message. */
    public static WhatsAppPriceList exampleCard(double awsFeeUsd) {
        return of(CLASSPATH + EXAMPLE_CARD, awsFeeUsd);
    }

    /**
     * The rate card at {@code location} (a file, or {@code classpath:/...}; none when null or blank: no Meta fees)
     * with an AWS fee of {@code awsFeeUsd} per message: the job's {@code Fees.whatsappRateCard} and
     * {@code Fees.whatsappAwsFeeUsd}.
     */
    public static WhatsAppPriceList of(String location, double awsFeeUsd) {
        Map<String, String> regions = new HashMap<>();
        for (String[] row : rows(CLASSPATH + REGIONS)) {
            regions.put(row[0].toUpperCase(Locale.ROOT), row[2]);
        }
        List<String[]> card = location == null || location.isBlank() ? List.of() : rows(location.trim());
        long aws = BigDecimal.valueOf(awsFeeUsd).movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return new WhatsAppPriceList(card, regions, aws);
    }

    /** AWS per-message fee, charged for every outbound and inbound WhatsApp message. */
    public long awsFeeMicros() {
        return awsFeeMicros;
    }

    /** Meta's price (micro-USD) of one billable message to {@code country} under a pricing model and category; 0 when no row matches. */
    public long metaPriceMicros(String country, String model, String category) {
        String[] want = {regionOf.getOrDefault(country, "Other"), model, category};
        String[] best = null;
        int bestExact = -1;
        for (String[] row : card) {
            int exact = 0;
            boolean matches = true;
            for (int i = 0; i < 3 && matches; i++) {
                if (row[i].equalsIgnoreCase(want[i])) {
                    exact++;
                } else {
                    matches = "*".equals(row[i]);
                }
            }
            if (matches && exact > bestExact) {
                best = row;
                bestExact = exact;
            }
        }
        return best == null ? 0 : new BigDecimal(best[3]).movePointRight(6).longValueExact();
    }

    /** The data lines of a CSV file or {@code classpath:} resource, fields trimmed (header skipped). */
    private static List<String[]> rows(String location) {
        try (InputStream in = location.startsWith(CLASSPATH)
                ? WhatsAppPriceList.class.getResourceAsStream(location.substring(CLASSPATH.length()))
                : Files.newInputStream(Paths.get(location))) {
            if (in == null) {
                throw new IllegalStateException(location + " missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> out = new ArrayList<>();
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    String[] f = line.split(",");
                    for (int i = 0; i < f.length; i++) {
                        f[i] = f[i].trim();
                    }
                    out.add(f);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }
}
