package com.example.eum.analytics.decode;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.Locale;

/**
 * The end user's country: the event's own isoCountryCode when it is two letters (source EVENT); else the region
 * of the E.164 number when libphonenumber says it is valid (PHONE_NUMBER); else the main region of its calling
 * code (CALLING_CODE, e.g. US for +1); else unknown.
 */
public final class CountryResolver {
    public static final String EVENT = "EVENT";
    public static final String PHONE_NUMBER = "PHONE_NUMBER";
    public static final String CALLING_CODE = "CALLING_CODE";

    /** A resolved country and where it came from; both null when unknown. */
    public static final class Country {
        public final String isoCountryCode;
        public final String source;

        Country(String isoCountryCode, String source) {
            this.isoCountryCode = isoCountryCode;
            this.source = source;
        }
    }

    private static final Country UNKNOWN = new Country(null, null);
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    public Country resolve(String eventIsoCountryCode, String e164) {
        if (eventIsoCountryCode != null) {
            String iso = eventIsoCountryCode.trim().toUpperCase(Locale.ROOT);
            if (iso.length() == 2 && Character.isLetter(iso.charAt(0)) && Character.isLetter(iso.charAt(1))
                    && iso.charAt(0) < 128 && iso.charAt(1) < 128) {
                return new Country(iso, EVENT);
            }
        }
        if (e164 == null || !e164.startsWith("+") || e164.length() > 32) {
            return UNKNOWN;
        }
        Phonenumber.PhoneNumber n;
        try {
            n = util.parse(e164, "ZZ");
        } catch (NumberParseException e) {
            return UNKNOWN;
        }
        if (util.isValidNumber(n)) {
            String region = util.getRegionCodeForNumber(n);
            if (isRegion(region)) {
                return new Country(region, PHONE_NUMBER);
            }
        }
        String main = util.getRegionCodeForCountryCode(n.getCountryCode());
        return isRegion(main) ? new Country(main, CALLING_CODE) : UNKNOWN;
    }

    private static boolean isRegion(String r) {
        // "ZZ" = unknown, "001" = non-geographic entity
        return r != null && r.length() == 2 && !"ZZ".equals(r);
    }
}
