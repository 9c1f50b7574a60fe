package com.example.eum.analytics.fees;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * ISO 3166-1 alpha-2 country code to WhatsApp billing region (Meta's rate cards price by region, not by country).
 * The table ships in the jar ({@code fees/whatsapp_billing_regions.csv}, 247 countries, header
 * {@code iso_country_code,country_name,billing_region}). A country missing from the table, or no country at all,
 * is billed as region {@link #OTHER}: Meta's "Other" region is its catch-all for countries without their own
 * price, so that is the price such a message most plausibly pays.
 */
public final class BillingRegions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Region of countries missing from the table. */
    public static final String OTHER = "Other";
    /** Classpath location of the shipped table. */
    public static final String RESOURCE = "/fees/whatsapp_billing_regions.csv";
    private static final String HEADER = "iso_country_code,country_name,billing_region";

    private final Map<String, String> regionByCountry;

    private BillingRegions(Map<String, String> regionByCountry) {
        this.regionByCountry = regionByCountry;
    }

    /** The table shipped in the jar. */
    public static BillingRegions load() {
        try (InputStream in = BillingRegions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("billing region table missing from the classpath: " + RESOURCE);
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Parses a table with header {@code iso_country_code,country_name,billing_region}; errors name the line. */
    public static BillingRegions parse(Reader reader, String sourceName) throws IOException {
        Map<String, String> map = new HashMap<>();
        Csv.read(reader, HEADER, sourceName, (f, lineNo, line) -> {
            String iso = f[0].toUpperCase(Locale.ROOT);
            if (!iso.matches("[A-Z]{2}") || f[2].isEmpty()) {
                throw new IllegalArgumentException(sourceName + " line " + lineNo
                        + ": expected a two-letter country code and a region, got '" + line + "'");
            }
            if (map.put(iso, f[2]) != null) {
                throw new IllegalArgumentException(sourceName + " line " + lineNo + ": country " + iso + " listed twice");
            }
        });
        return new BillingRegions(Collections.unmodifiableMap(map));
    }

    /** The billing region of a country code (case-insensitive); {@link #OTHER} when unknown or null. */
    public String regionOf(String isoCountryCode) {
        if (isoCountryCode == null) {
            return OTHER;
        }
        return regionByCountry.getOrDefault(isoCountryCode.trim().toUpperCase(Locale.ROOT), OTHER);
    }

    /** Every region name of the table, plus {@link #OTHER}. */
    public Set<String> regions() {
        Set<String> regions = new TreeSet<>(regionByCountry.values());
        regions.add(OTHER);
        return regions;
    }

    /** Number of countries in the table. */
    public int size() {
        return regionByCountry.size();
    }
}
