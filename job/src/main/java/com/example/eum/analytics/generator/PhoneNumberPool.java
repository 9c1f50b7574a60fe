package com.example.eum.analytics.generator;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Destination numbers per country that libphonenumber accepts as valid for that country, and that belong to no
 * one: in the North American plan the 555-0100..0199 range reserved for fiction; elsewhere libphonenumber's own
 * example mobile number with its last two digits varied (kept only when still valid). Built once per country,
 * deterministically, so the same seed picks the same numbers.
 */
public final class PhoneNumberPool {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Map<String, List<String>> POOLS = new ConcurrentHashMap<>();
    private static final int[] NANP_AREA_CODES = {201, 206, 212, 312, 415, 425, 617, 646, 702, 808};
    private static final int[] CA_AREA_CODES = {416, 514, 604, 613};

    private PhoneNumberPool() {}

    /** The E.164 numbers for {@code iso} (never empty). */
    public static List<String> numbers(String iso) {
        return POOLS.computeIfAbsent(iso, PhoneNumberPool::build);
    }

    private static List<String> build(String iso) {
        List<String> out = new ArrayList<>();
        if ("US".equals(iso) || "CA".equals(iso)) {
            for (int area : "US".equals(iso) ? NANP_AREA_CODES : CA_AREA_CODES) {
                for (int line = 100; line < 200; line++) {
                    addIfValid(out, "+1" + area + "555" + String.format("%04d", line), iso);
                }
            }
        } else {
            PhoneNumber example = UTIL.getExampleNumberForType(iso, PhoneNumberUtil.PhoneNumberType.MOBILE);
            if (example == null) {
                throw new IllegalArgumentException("libphonenumber has no example mobile number for region " + iso);
            }
            String e164 = UTIL.format(example, PhoneNumberUtil.PhoneNumberFormat.E164);
            String stem = e164.substring(0, e164.length() - 2);
            for (int i = 0; i < 100; i++) {
                addIfValid(out, stem + String.format("%02d", i), iso);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no valid example numbers for region " + iso);
        }
        return Collections.unmodifiableList(out);
    }

    private static void addIfValid(List<String> out, String e164, String iso) {
        if (isValidFor(e164, iso)) {
            out.add(e164);
        }
    }

    /** Whether {@code e164} is a valid number of region {@code iso}. */
    public static boolean isValidFor(String e164, String iso) {
        try {
            return UTIL.isValidNumberForRegion(UTIL.parse(e164, null), iso);
        } catch (NumberParseException e) {
            return false;
        }
    }
}
