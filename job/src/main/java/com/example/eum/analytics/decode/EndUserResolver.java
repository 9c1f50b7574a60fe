package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.CanonicalEvent;

import java.util.HashMap;
import java.util.Map;

/**
 * Fills the end-user columns of an event from the end user's number: destination_hash always, the raw number only
 * when raw numbers were enabled, and the country (event field first, then the number).
 */
final class EndUserResolver {
    /**
     * Recent end users by the number as received (a message's receipts arrive close together): the HMAC and
     * libphonenumber run once per number while it stays here; cleared when full.
     */
    static final int CACHE_SIZE = 8192;

    /** What one received number resolves to; hash and country filled when first needed. */
    private static final class EndUser {
        final String e164;
        String hash;
        CountryResolver.Country byNumber;

        EndUser(String e164) {
            this.e164 = e164;
        }
    }

    private final DestinationHasher hasher;
    private final Map<String, EndUser> recent = new HashMap<>();
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
        EndUser user = null;
        if (rawNumber != null) {
            user = recent.get(rawNumber);
            if (user == null) {
                if (recent.size() >= CACHE_SIZE) {
                    recent.clear();
                }
                user = new EndUser(normalise(rawNumber));
                recent.put(rawNumber, user);
            }
        }
        String e164 = user == null ? null : user.e164;
        if (e164 != null) {
            if (user.hash == null) {
                user.hash = hasher.hash(e164);
            }
            e.destinationHash = user.hash;
            if (includeRawNumbers) {
                e.destinationNumber = e164;
            }
        }
        CountryResolver.Country c = eventIsoCountryCode == null ? null : CountryResolver.eventCountry(eventIsoCountryCode);
        if (c == null) {
            if (user == null) {
                c = countries.resolve(null, null);
            } else {
                if (user.byNumber == null) {
                    user.byNumber = countries.resolve(null, e164);
                }
                c = user.byNumber;
            }
        }
        e.isoCountryCode = c.isoCountryCode;
        e.countrySource = c.source;
    }
}
