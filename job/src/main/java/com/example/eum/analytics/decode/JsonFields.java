package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.DeadLetterReason;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Typed reads of JSON fields that fail with a {@link DecodeException} naming the field and the expected type.
 * Absent and JSON-null fields count as missing. Messages never quote the value itself.
 */
final class JsonFields {
    /** Event times must fall in [2000-01-01, 2100-01-01) UTC; anything else is an invalid value (e.g. seconds sent as ms). */
    static final long MIN_EPOCH_MS = 946_684_800_000L;
    static final long MAX_EPOCH_MS = 4_102_444_800_000L;

    /** The most one message may cost (price or carrier fee), in USD: far above any real price. */
    static final BigDecimal MAX_USD_PER_MESSAGE = new BigDecimal("10000");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,30}(\\.[0-9]{1,30})?");

    private JsonFields() {}

    static boolean present(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v != null && !v.isNull() && !v.isMissingNode();
    }

    private static JsonNode value(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? null : v;
    }

    static DecodeException missing(String field) {
        return new DecodeException(DeadLetterReason.MISSING_FIELD, field + ": required field is absent or null");
    }

    static DecodeException wrongType(String field, String expected, JsonNode got) {
        return new DecodeException(DeadLetterReason.WRONG_TYPE,
                field + ": expected " + expected + ", got " + got.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }

    static DecodeException invalid(String field, String why) {
        return new DecodeException(DeadLetterReason.INVALID_VALUE, field + ": " + why);
    }

    /** A required non-empty string. */
    static String reqString(JsonNode o, String field) {
        String s = optString(o, field);
        if (s == null || s.isEmpty()) {
            throw missing(field);
        }
        return s;
    }

    /** An optional scalar as text (numbers and booleans as their JSON text); objects and arrays are wrong types. */
    static String optString(JsonNode o, String field) {
        JsonNode v = value(o, field);
        if (v == null) {
            return null;
        }
        if (!v.isValueNode()) {
            throw wrongType(field, "a string", v);
        }
        return v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText();
    }

    /** An optional string that must be a JSON string (not a number or boolean). */
    static String optStrictString(JsonNode o, String field) {
        JsonNode v = value(o, field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string", v);
        }
        return v.textValue();
    }

    static JsonNode optObject(JsonNode o, String field) {
        JsonNode v = value(o, field);
        if (v != null && !v.isObject()) {
            throw wrongType(field, "an object", v);
        }
        return v;
    }

    static JsonNode optArray(JsonNode o, String field) {
        JsonNode v = value(o, field);
        if (v != null && !v.isArray()) {
            throw wrongType(field, "an array", v);
        }
        return v;
    }

    /** An optional whole number: a JSON integer (or integral decimal) or a string of digits. */
    static Long optLong(JsonNode o, String field) {
        JsonNode v = value(o, field);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw invalid(field, "number out of range");
            }
            return v.longValue();
        }
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue();
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw wrongType(field, "a whole number", v);
            }
        }
        if (v.isTextual()) {
            String s = v.textValue().trim();
            if (INTEGER.matcher(s).matches()) {
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException e) {
                    throw invalid(field, "number out of range");
                }
            }
            throw new DecodeException(DeadLetterReason.WRONG_TYPE, field + ": expected a whole number, got a non-numeric string");
        }
        throw wrongType(field, "a whole number", v);
    }

    /** A count (e.g. message parts): a whole number from 0 to {@link Integer#MAX_VALUE}. */
    static Integer optCount(JsonNode o, String field) {
        Integer n = optInt(o, field);
        if (n != null && n < 0) {
            throw invalid(field, "negative count");
        }
        return n;
    }

    static Integer optInt(JsonNode o, String field) {
        Long l = optLong(o, field);
        if (l == null) {
            return null;
        }
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw invalid(field, "number out of int range");
        }
        return l.intValue();
    }

    /** A required epoch-milliseconds time (number or numeric string) inside the plausible range. */
    static long reqEpochMillis(JsonNode o, String field) {
        Long l = optLong(o, field);
        if (l == null) {
            throw missing(field);
        }
        return checkEpochMillis(field, l);
    }

    static Long optEpochMillis(JsonNode o, String field) {
        Long l = optLong(o, field);
        return l == null ? null : checkEpochMillis(field, l);
    }

    /** A required epoch-seconds time (WhatsApp: a string of digits), returned as epoch milliseconds. */
    static long reqEpochSecondsAsMillis(JsonNode o, String field) {
        Long l = optLong(o, field);
        if (l == null) {
            throw missing(field);
        }
        if (l > MAX_EPOCH_MS / 1000 || l < 0) {
            throw invalid(field, "epoch seconds out of range");
        }
        return checkEpochMillis(field, l * 1000L);
    }

    /** Epoch ms as a number or numeric string, or an ISO-8601 instant / offset date-time string. */
    static long reqEpochMillisOrIso(JsonNode o, String field) {
        JsonNode v = value(o, field);
        if (v == null) {
            throw missing(field);
        }
        if (v.isTextual() && !INTEGER.matcher(v.textValue().trim()).matches()) {
            String s = v.textValue().trim();
            try {
                return checkEpochMillis(field, Instant.parse(s).toEpochMilli());
            } catch (DateTimeParseException e) {
                try {
                    return checkEpochMillis(field, OffsetDateTime.parse(s).toInstant().toEpochMilli());
                } catch (DateTimeParseException e2) {
                    throw new DecodeException(DeadLetterReason.WRONG_TYPE,
                            field + ": expected epoch milliseconds or an ISO-8601 time, got an unparseable string");
                }
            }
        }
        return reqEpochMillis(o, field);
    }

    private static long checkEpochMillis(String field, long ms) {
        if (ms < MIN_EPOCH_MS || ms >= MAX_EPOCH_MS) {
            throw invalid(field, "epoch milliseconds outside 2000-01-01..2100-01-01");
        }
        return ms;
    }

    /** An optional boolean; the strings "true"/"false" are accepted, numbers are wrong types. */
    static Boolean optBoolean(JsonNode o, String field) {
        JsonNode v = value(o, field);
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            String s = v.textValue().trim();
            if ("true".equalsIgnoreCase(s)) {
                return Boolean.TRUE;
            }
            if ("false".equalsIgnoreCase(s)) {
                return Boolean.FALSE;
            }
        }
        throw wrongType(field, "a boolean", v);
    }

    /**
     * An optional non-negative USD amount as micro-USD: the exact decimal of the JSON number (or numeric string),
     * rounded half-even to 6 decimal places.
     */
    static Long optUsdMicros(JsonNode o, String field) {
        JsonNode v = value(o, field);
        if (v == null) {
            return null;
        }
        BigDecimal d;
        if (v.isNumber()) {
            d = v.decimalValue();
        } else if (v.isTextual() && DECIMAL.matcher(v.textValue().trim()).matches()) {
            d = new BigDecimal(v.textValue().trim());
        } else {
            throw wrongType(field, "a decimal number (USD)", v);
        }
        return usdToMicros(field, d);
    }

    static long usdToMicros(String field, BigDecimal usd) {
        if (usd.signum() < 0) {
            throw invalid(field, "negative amount");
        }
        if (usd.compareTo(MAX_USD_PER_MESSAGE) > 0) {
            // no message costs this much; unbounded, a few such records would overflow a window's money sum
            throw invalid(field, "amount over " + MAX_USD_PER_MESSAGE.toPlainString() + " USD for one message");
        }
        try {
            return usd.setScale(6, RoundingMode.HALF_EVEN).movePointRight(6).longValueExact();
        } catch (ArithmeticException e) {
            throw invalid(field, "amount out of range");
        }
    }

    /** An optional object of scalars as a string map; non-string values are kept as their JSON text. */
    static Map<String, String> optStringMap(JsonNode o, String field) {
        JsonNode v = optObject(o, field);
        if (v == null) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        v.fields().forEachRemaining(en -> {
            JsonNode x = en.getValue();
            m.put(en.getKey(), x.isTextual() ? x.textValue() : x.toString());
        });
        return m;
    }
}
