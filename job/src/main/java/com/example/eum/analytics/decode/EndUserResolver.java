package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.CanonicalEvent;

import java.util.HashMap;
import java.util.Map;

/**
 * Fills the end-user columns of an event from the end user's number: destination_hash always, the raw number only
 * when raw numbers were enabled, and the country (event field first, then the number).
 */
final class EndUserResolver {
    /** Hashes of recent numbers (an end user's receipts arrive close together), cleared when full. */
    static final int HASH_CACHE_SIZE = 8192;

    private final DestinationHasher hasher;
    private final Map<String, String> hashes = new HashMap<>();
    private final CountryResolver countries = new CountryResolver();
    private final boolean includeRawNumbers;

    EndUserResolver(byte[] key, boolean includeRawNumbers) {
        this.hasher = new DestinationHasher(key);
        this.includeRawNumbers = includeRawNumbers;
    }

    /**
     * Normalises a number to E.164 form: trimmed; a string of digits gets a leading "+" (WhatsApp ids).
     * Anything else is kept as given (hashed, but no country is derived from it).
     */
    static String normalise(String number) {
        if (number == null) {
            return null;
        }
        String n = number.trim();
        if (n.isEmpty()) {
            return null;
        }
        boolean digits = true;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c < '0' || c > '9') {
                digits = false;
                break;
            }
        }
        return digits ? "+" + n : n;
    }

    void apply(CanonicalEvent e, String rawNumber, String eventIsoCountryCode) {
        String e164 = normalise(rawNumber);
        if (e164 != null) {
            String hash = hashes.get(e164);
            if (hash == null) {
                if (hashes.size() >= HASH_CACHE_SIZE) {
                    hashes.clear();
                }
                hash = hasher.hash(e164);
                hashes.put(e164, hash);
            }
            e.destinationHash = hash;
            if (includeRawNumbers) {
                e.destinationNumber = e164;
            }
        }
        CountryResolver.Country c = countries.resolve(eventIsoCountryCode, e164);
        e.isoCountryCode = c.isoCountryCode;
        e.countrySource = c.source;
    }
}
