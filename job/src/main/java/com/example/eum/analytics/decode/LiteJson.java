package com.example.eum.analytics.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The streaming decoder's view of one JSON object: its fields in document order, read once by a Jackson
 * {@link JsonParser}, without Jackson's tree (no node per value, no map per object). Values: {@link String},
 * {@link Long} (JSON integers that fit), the text of a JSON decimal, {@link Boolean}, a nested {@link LiteJson}, or a
 * {@link List} (array). Values under {@link #SKIPPED} names are tokenised (so the document is still checked) but
 * not kept: no decoder reads them. Anything the fast path does not expect makes it give up ({@link #bail()}), and the
 * record goes through the tree-based decoder, which owns every dead letter.
 */
final class LiteJson {
    static final byte ABSENT = 0;
    static final byte STRING = 1;
    static final byte LONG = 2;
    static final byte DECIMAL = 3;
    static final byte BOOLEAN = 4;
    static final byte NULL = 5;
    static final byte OBJECT = 6;
    static final byte ARRAY = 7;
    /** A big integer, or a value skipped by name: the fast path never uses it. */
    static final byte OTHER = 8;
    /** A string holding a JSON object, already read (see {@link #NESTED_JSON}). */
    static final byte NESTED = 9;

    /** Field names no decoder reads (the envelope's and the source's bookkeeping, message content). */
    static final Set<String> SKIPPED = Set.of(
            "messageStatusDescription", "messageStatus", "eventVersion", "isInternationalSend", "contacts", "text",
            "error_data", "Signature", "SigningCertURL", "UnsubscribeURL", "SignatureVersion", "Timestamp",
            "subscriptionFilters", "resources", "href", "logGroup", "logStream", "message_timestamp",
            "messaging_product", "field", "version", "region", "time", "arn", "TopicArn");

    /** Fields whose string value is a JSON document in turn: parsed straight from the parser's characters. */
    static final Set<String> NESTED_JSON = Set.of("Message", "message", "whatsAppWebhookEntry", "whatsappWebhookEntry");

    private static final Object SKIP = new Object();
    private static final Object PARSE = new Object();
    /** The names above by what to do with their values: one lookup per field. */
    private static final java.util.Map<String, Object> ROLES = new java.util.HashMap<>();

    static {
        SKIPPED.forEach(n -> ROLES.put(n, SKIP));
        NESTED_JSON.forEach(n -> ROLES.put(n, PARSE));
    }

    /** What a reader does with a field's value: keeps it as read, skips it, or parses a string of it as JSON. */
    static final byte KEEP = 0;
    static final byte SKIP_VALUE = 1;
    static final byte PARSE_STRING = 2;

    /** The role of a field name ({@link #SKIPPED}, {@link #NESTED_JSON} or neither), for {@link Utf8JsonReader}. */
    static byte roleOf(String name) {
        Object role = ROLES.get(name);
        return role == SKIP ? SKIP_VALUE : role == PARSE ? PARSE_STRING : KEEP;
    }

    /** Thrown when the fast path meets something it leaves to the tree-based decoder; no stack trace. */
    static final class Bail extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Bail INSTANCE = new Bail();

        private Bail() {
            super("not a common shape", null, false, false);
        }
    }

    private String[] names = new String[16];
    private int[] hashes = new int[16];
    private byte[] kinds = new byte[16];
    private Object[] values = new Object[16];
    private int size;
    /** Bit (hash mod 64) of every name: a name whose bit is clear is absent, without a scan. */
    private long hashBits;
    /**
     * The fields by hash, open addressing: 1 + the field's position, 0 for a free slot, at least twice as many slots
     * as fields (so that a look-up, and the duplicate check of every new name, costs the same in an object of
     * thousands of fields as in a small one).
     */
    private int[] slots = new int[32];

    static Bail bail() {
        return Bail.INSTANCE;
    }

    /**
     * Reads one whole document that must be an object, with nothing after it; JSON objects held in the strings of
     * {@link #NESTED_JSON} fields are read too, with {@code factory}, and kept as {@link #NESTED} values.
     */
    static LiteJson readDocument(JsonParser p, JsonFactory factory) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw bail();
        }
        LiteJson o = read(p, factory);
        if (p.nextToken() != null) {
            throw bail();
        }
        return o;
    }

    /** Reads the object whose START_OBJECT the parser is on, up to and including its END_OBJECT. */
    private static LiteJson read(JsonParser p, JsonFactory factory) throws IOException {
        LiteJson o = new LiteJson();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            if (o.indexOf(name) >= 0) {
                throw bail(); // a duplicate key: malformed for the tree decoder
            }
            JsonToken t = p.nextToken();
            Object role = ROLES.get(name);
            if (role == SKIP) {
                skip(t, p);
                o.add(name, OTHER, null);
            } else if (role == PARSE && t == JsonToken.VALUE_STRING) {
                o.addNested(name, p, factory);
            } else {
                o.addValue(name, t, p, factory);
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw bail();
        }
        return o;
    }

    /**
     * A string that starts with '{' is parsed as a document from the parser's own characters (no String made);
     * when it is not one, or anything else, it is kept as the string it is.
     */
    private void addNested(String name, JsonParser p, JsonFactory factory) throws IOException {
        int len = p.getTextLength();
        char[] chars = p.getTextCharacters();
        int off = p.getTextOffset();
        if (len > 1 && chars[off] == '{') {
            try (JsonParser inner = factory.createParser(chars, off, len)) {
                add(name, NESTED, readDocument(inner, factory));
                return;
            } catch (IOException | Bail e) {
                // not a JSON object after all (or not one the fast path takes): the string itself decides
            }
        }
        add(name, STRING, p.getText());
    }

    private void addValue(String name, JsonToken t, JsonParser p, JsonFactory factory) throws IOException {
        switch (t) {
            case VALUE_STRING: add(name, STRING, p.getText()); break;
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    add(name, OTHER, null);
                } else {
                    add(name, LONG, p.getLongValue());
                }
                break;
            case VALUE_NUMBER_FLOAT: add(name, DECIMAL, p.getText()); break;
            case VALUE_TRUE: add(name, BOOLEAN, Boolean.TRUE); break;
            case VALUE_FALSE: add(name, BOOLEAN, Boolean.FALSE); break;
            case VALUE_NULL: add(name, NULL, null); break;
            case START_OBJECT: add(name, OBJECT, read(p, factory)); break;
            case START_ARRAY: add(name, ARRAY, readArray(p, factory)); break;
            default: throw bail();
        }
    }

    /**
     * Steps over a value without keeping it (strings are not even decoded), still rejecting duplicate keys in the
     * objects inside it, as the tree decoder's parser does.
     */
    private static void skip(JsonToken t, JsonParser p) throws IOException {
        if (t == JsonToken.START_OBJECT) {
            SeenNames seen = new SeenNames();
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                seen.add(name);
                skip(p.nextToken(), p);
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw bail();
            }
        } else if (t == JsonToken.START_ARRAY) {
            for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                if (e == null) {
                    throw bail();
                }
                skip(e, p);
            }
        } else if (t == null) {
            throw bail();
        }
    }

    /** The elements of the array whose START_ARRAY the parser is on: objects as LiteJson, anything else as OTHER. */
    private static List<Object> readArray(JsonParser p, JsonFactory factory) throws IOException {
        List<Object> items = new ArrayList<>(2);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                throw bail();
            }
            if (t == JsonToken.START_OBJECT) {
                items.add(read(p, factory));
            } else {
                skip(t, p);
                items.add(null);
            }
        }
        return items;
    }

    void add(String name, byte kind, Object value) {
        add(name, name.hashCode(), kind, value);
    }

    /** {@link #add(String, byte, Object)} with the name's hash code already known. */
    void add(String name, int hash, byte kind, Object value) {
        if (size == names.length) {
            names = java.util.Arrays.copyOf(names, size * 2);
            hashes = java.util.Arrays.copyOf(hashes, size * 2);
            kinds = java.util.Arrays.copyOf(kinds, size * 2);
            values = java.util.Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        hashes[size] = hash;
        hashBits |= 1L << hash;
        kinds[size] = kind;
        values[size] = value;
        size++;
        if (size * 2 > slots.length) {
            slots = new int[slots.length * 2];
            for (int i = 0; i < size; i++) {
                index(i);
            }
        } else {
            index(size - 1);
        }
    }

    private void index(int field) {
        int mask = slots.length - 1;
        int i = spread(hashes[field]) & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = field + 1;
    }

    /** Mixes a String hash (names that differ in a last digit have neighbouring hashes, which would cluster). */
    private static int spread(int h) {
        int x = h * 0x9E3779B9;
        return x ^ x >>> 16;
    }

    int indexOf(String name) {
        int h = name.hashCode();
        if ((hashBits & 1L << h) == 0) {
            return -1;
        }
        // the parsers intern field names, as the compiler does the literals asked for: mostly the same object
        int mask = slots.length - 1;
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            int k = slots[i] - 1;
            if (k < 0) {
                return -1;
            }
            if (hashes[k] == h && (names[k] == name || names[k].equals(name))) {
                return k;
            }
        }
    }

    byte kind(String name) {
        int i = indexOf(name);
        return i < 0 ? ABSENT : kinds[i];
    }

    /** Present and not JSON null (the tree decoder's {@code JsonFields.present}). */
    boolean present(String name) {
        byte k = kind(name);
        return k != ABSENT && k != NULL;
    }

    /** A JSON string's text, or null when it is not a string. */
    String text(String name) {
        int i = indexOf(name);
        return i >= 0 && kinds[i] == STRING ? (String) values[i] : null;
    }

    /** An optional string: null when absent or JSON null; anything but a JSON string is left to the tree decoder. */
    String optString(String name) {
        return (String) typed(name, STRING);
    }

    /** An optional value of one kind: null when absent or JSON null; any other kind is left to the tree decoder. */
    private Object typed(String name, byte kind) {
        int i = indexOf(name);
        if (i < 0 || kinds[i] == NULL) {
            return null;
        }
        if (kinds[i] != kind) {
            throw bail();
        }
        return values[i];
    }

    /** A required non-empty string. */
    String reqString(String name) {
        String s = optString(name);
        if (s == null || s.isEmpty()) {
            throw bail();
        }
        return s;
    }

    /** An optional JSON integer that fits a long. */
    Long optLong(String name) {
        return (Long) typed(name, LONG);
    }

    /** An optional whole number given as a JSON integer or as a string of digits (WhatsApp's epoch seconds). */
    Long optLongOrDigits(String name) {
        int i = longOr(name, STRING);
        if (i < 0 || kinds[i] == LONG) {
            return i < 0 ? null : (Long) values[i];
        }
        String s = (String) values[i];
        int n = s.length();
        if (n == 0 || n > 18) {
            throw bail();
        }
        long v = 0;
        for (int k = 0; k < n; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                throw bail();
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    Boolean optBoolean(String name) {
        return (Boolean) typed(name, BOOLEAN);
    }

    /** An optional amount in USD (a JSON number) as exact decimal; null when absent or JSON null. */
    BigDecimal optDecimal(String name) {
        int i = longOr(name, DECIMAL);
        if (i < 0) {
            return null;
        }
        return kinds[i] == LONG ? BigDecimal.valueOf((Long) values[i]) : new BigDecimal((String) values[i]);
    }

    /** The index of a JSON integer or of a value of kind {@code other}; -1 when absent or JSON null. */
    private int longOr(String name, byte other) {
        int i = indexOf(name);
        if (i < 0 || kinds[i] == NULL) {
            return -1;
        }
        if (kinds[i] != LONG && kinds[i] != other) {
            throw bail();
        }
        return i;
    }

    /** The raw text of a JSON decimal field (null unless it is one). */
    String decimalText(String name) {
        int i = indexOf(name);
        return i >= 0 && kinds[i] == DECIMAL ? (String) values[i] : null;
    }

    /** The object held in a {@link #NESTED_JSON} string field, or null when the field is no such string. */
    LiteJson nested(String name) {
        int i = indexOf(name);
        return i >= 0 && kinds[i] == NESTED ? (LiteJson) values[i] : null;
    }

    LiteJson optObject(String name) {
        return (LiteJson) typed(name, OBJECT);
    }

    /** An optional array: its elements are LiteJson objects, or null for any other element. */
    @SuppressWarnings("unchecked")
    List<Object> optArray(String name) {
        return (List<Object>) typed(name, ARRAY);
    }

    /** Every field as a string map, in document order; only when every value is a JSON string. */
    java.util.Map<String, String> stringMap() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            if (kinds[i] != STRING) {
                throw bail();
            }
            m.put(names[i], (String) values[i]);
        }
        return m;
    }

    /**
     * The names of one object that is skipped, for its duplicate check: a short list, a hash set past a few names
     * (an object of thousands of fields must not cost their square).
     */
    static final class SeenNames {
        private final String[] few = new String[8];
        private int n;
        private java.util.Set<String> many;

        /** Adds a name; a duplicate makes the reader give up. */
        void add(String name) {
            if (many == null) {
                for (int i = 0; i < n; i++) {
                    if (few[i] == name || few[i].equals(name)) {
                        throw bail();
                    }
                }
                if (n < few.length) {
                    few[n++] = name;
                    return;
                }
                many = new java.util.HashSet<>(java.util.Arrays.asList(few));
            }
            if (!many.add(name)) {
                throw bail();
            }
        }
    }

    /**
     * Every field as name:KIND=value, nested objects and arrays written out, in document order: how tests compare
     * what two readers made of one document. It holds the payload's text: never log it.
     */
    String describe() {
        StringBuilder b = new StringBuilder();
        describe(this, b);
        return b.toString();
    }

    private static final String[] KIND_NAMES = {"ABSENT", "STRING", "LONG", "DECIMAL", "BOOLEAN", "NULL", "OBJECT", "ARRAY", "OTHER", "NESTED"};

    private static void describe(Object v, StringBuilder b) {
        if (v instanceof LiteJson) {
            LiteJson o = (LiteJson) v;
            b.append('{');
            for (int i = 0; i < o.size; i++) {
                b.append(i == 0 ? "" : ", ").append(o.names[i]).append(':').append(KIND_NAMES[o.kinds[i]]).append('=');
                describe(o.values[i], b);
            }
            b.append('}');
        } else if (v instanceof List) {
            b.append('[');
            List<?> items = (List<?>) v;
            for (int i = 0; i < items.size(); i++) {
                b.append(i == 0 ? "" : ", ");
                describe(items.get(i), b);
            }
            b.append(']');
        } else if (v instanceof String) {
            b.append('"').append(v).append('"');
        } else {
            b.append(v);
        }
    }
}
