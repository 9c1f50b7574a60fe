package com.example.eum.analytics.decode;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.Locale;

/**
 * The end user's country: the event's own isoCountryCode when it is two letters (source EVENT); else the region
 * of the E.164 number when libphonenumber says it is valid (PHONE_NUMBER); else the main region of its calling
 * code (CALLING_CODE, e.g. US for +1); else unknown. EndUserResolver keeps the verdicts of recent numbers.
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
    private static final Country[] EVENT_COUNTRIES = new Country[26 * 26];

    static {
        for (char a = 'A'; a <= 'Z'; a++) {
            for (char b = 'A'; b <= 'Z'; b++) {
                EVENT_COUNTRIES[(a - 'A') * 26 + (b - 'A')] = new Country(String.valueOf(new char[] {a, b}), EVENT);
            }
        }
    }

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    public Country resolve(String eventIsoCountryCode, String e164) {
        if (eventIsoCountryCode != null) {
            Country fromEvent = eventCountry(eventIsoCountryCode);
            if (fromEvent != null) {
                return fromEvent;
            }
        }
        if (e164 == null || !e164.startsWith("+") || e164.length() > 32) {
            return UNKNOWN;
        }
        return fromNumber(e164);
    }

    /** Two ASCII letters, any case, white space around allowed: that country with source EVENT; else null. */
    static Country eventCountry(String code) {
        if (code.length() == 2) {
            int a = asciiLetter(code.charAt(0));
            int b = asciiLetter(code.charAt(1));
            if (a >= 0 && b >= 0) {
                return EVENT_COUNTRIES[a * 26 + b];
            }
        }
        String iso = code.trim().toUpperCase(Locale.ROOT);
        if (iso.length() == 2 && Character.isLetter(iso.charAt(0)) && Character.isLetter(iso.charAt(1))
                && iso.charAt(0) < 128 && iso.charAt(1) < 128) {
            return new Country(iso, EVENT);
        }
        return null;
    }

    /** 0..25 for A-Z or a-z; -1 otherwise. */
    private static int asciiLetter(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        return -1;
    }

    /** libphonenumber's verdict on one E.164 number (starts with "+", at most 32 chars). */
    private Country fromNumber(String e164) {
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
