package com.example.eum.analytics.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one JSON document straight from its UTF-8 bytes into {@link LiteJson} objects, the same objects Jackson's
 * streaming parser gives {@link LiteJson#readDocument} (field for field, kind for kind, value for value), in one pass
 * and without Jackson: field names come from a table of names already seen (no String made per name), values the
 * decoders never read ({@link LiteJson#SKIPPED}) are checked but not decoded, and JSON held in a string
 * ({@link LiteJson#NESTED_JSON}: SNS Message, a log event's message, a WhatsApp webhook entry) is unescaped into
 * bytes and read by the same loop, not decoded into a String and parsed again.
 *
 * <p>Strict: it takes only RFC 8259 JSON (Jackson's defaults: no comments, no single quotes, no leading zeros, no
 * control characters in strings, no trailing commas) and gives up ({@link #read} returns null) on anything else, and
 * also on valid JSON it leaves to Jackson: nesting deeper than {@link #MAX_DEPTH} (or the decoder's limit), integers
 * of more than 18 digits, numbers longer than Jackson's limit, names with escapes or over 1024 bytes, lone surrogate
 * escapes in values it keeps, a string longer than the decoder's limit, a nested document it cannot read. Giving up
 * is always safe: the caller then reads the record with Jackson as before. Bytes with the high bit set are copied,
 * not validated: {@link #sawNonAscii()} tells the caller to check the document is UTF-8.
 *
 * <p>Not thread-safe; one per decoder.
 */
final class Utf8JsonReader {
    /** Never deeper than this (Jackson's limit is the decoder's, 64 by default). */
    static final int MAX_DEPTH = 32;
    /** Jackson's name and number limits (RecordDecoder.newMapper); raw byte counts are never below its counts. */
    private static final int MAX_NAME_BYTES = 1024;
    private static final int MAX_NUMBER_CHARS = 64;
    /** Documents in strings in documents: an SNS message in a log event holding a WhatsApp entry is three. */
    private static final int MAX_DOCUMENTS_DEEP = 8;
    /** Buffers grow for a large batch and are dropped again past this size. */
    private static final int MAX_KEPT_BUFFER = 1 << 20;

    /** Byte classes inside a string: plain ASCII, or something to look at. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int b = 0x20; b < 0x80; b++) {
            PLAIN[b] = b != '"' && b != '\\';
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private final int maxDepth;
    private final int maxStringBytes;
    private final Names names = new Names();
    /** Stands for the field that holds a record's top document (to predict its first name). */
    private final Names.Name root = new Names.Name(new byte[0], "", 0, null);

    private byte[] buf;
    private int pos;
    private int end;
    private int depth;
    private boolean nonAscii;
    /** Unescaped bytes of the string being read (a value, or a nested document). */
    private byte[] decoded = new byte[256];
    private int decodedLength;
    /** One buffer per level of documents in strings, reused from record to record. */
    private final byte[][] documents = new byte[MAX_DOCUMENTS_DEEP][];
    private int documentLevel;

    /**
     * @param maxNestingDepth the decoder's JSON nesting limit (the reader stops one short of it, and at {@link #MAX_DEPTH})
     * @param maxStringBytes the decoder's string length limit
     */
    Utf8JsonReader(int maxNestingDepth, int maxStringBytes) {
        this.maxDepth = Math.min(MAX_DEPTH, maxNestingDepth - 1);
        this.maxStringBytes = maxStringBytes;
    }

    /** The document in {@code b[0, length)}, which must be one JSON object; null when this reader leaves it to Jackson. */
    LiteJson read(byte[] b, int length) {
        buf = b;
        pos = 0;
        end = length;
        depth = 0;
        documentLevel = 0;
        nonAscii = false;
        try {
            return document(root);
        } catch (LiteJson.Bail e) {
            return null;
        } finally {
            buf = null;
            for (int i = 0; i < documents.length; i++) {
                if (documents[i] != null && documents[i].length > MAX_KEPT_BUFFER) {
                    documents[i] = null; // one large batch must not pin megabytes for the decoder's lifetime
                }
            }
            if (decoded.length > MAX_KEPT_BUFFER) {
                decoded = new byte[256];
            }
        }
    }

    /** Whether the last document read had a byte with the high bit set (then its UTF-8 is not yet checked). */
    boolean sawNonAscii() {
        return nonAscii;
    }

    private static LiteJson.Bail bail() {
        return LiteJson.bail();
    }

    /** An object and nothing after it but white space; {@code parent}: the field that held it (or {@link #root}). */
    private LiteJson document(Names.Name parent) {
        if (whiteSpace() != '{') {
            throw bail();
        }
        pos++;
        LiteJson o = object(parent);
        if (whiteSpace() != -1) {
            throw bail();
        }
        return o;
    }

    /** Steps over JSON white space; the next byte (not consumed), or -1 at the end. */
    private int whiteSpace() {
        while (pos < end) {
            byte b = buf[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b & 0xff;
            }
            pos++;
        }
        return -1;
    }

    private void expect(char c) {
        if (whiteSpace() != c) {
            throw bail();
        }
        pos++;
    }

    /** Right after '{' or '[': one level deeper; true when the container is empty (its closing byte then read too). */
    private boolean empty(char close) {
        if (++depth > maxDepth) {
            throw bail();
        }
        if (whiteSpace() == close) {
            pos++;
            depth--;
            return true;
        }
        return false;
    }

    /**
     * After a member: true when a ',' follows (read), false at the container's closing byte (read, one level up);
     * anything else is malformed.
     */
    private boolean more(char close) {
        int c = whiteSpace();
        if (c == ',') {
            pos++;
            return true;
        }
        if (c != close) {
            throw bail();
        }
        pos++;
        depth--;
        return false;
    }

    /** The opening quote of a field name. */
    private void nameQuote() {
        if (whiteSpace() != '"') {
            throw bail();
        }
        pos++;
    }

    /** The object whose '{' was just read, up to and including its '}'. */
    private LiteJson object(Names.Name parent) {
        LiteJson o = new LiteJson();
        if (empty('}')) {
            return o;
        }
        long seen = 0; // bit (id mod 64) of every name so far: only a name whose bit is set can be a duplicate
        Names.Name previous = null;
        do {
            nameQuote();
            Names.Name name = name(previous == null ? parent.firstChild : previous.next);
            if (previous != null) {
                previous.next = name;
            } else {
                parent.firstChild = name;
            }
            previous = name;
            long bit = 1L << name.id;
            if ((seen & bit) != 0 && o.indexOf(name.text) >= 0) {
                throw bail(); // a duplicate key: malformed for the tree decoder
            }
            seen |= bit;
            expect(':');
            value(o, name, whiteSpace());
        } while (more('}'));
        return o;
    }

    /** One field's value, kept as LiteJson's Jackson reader keeps it. */
    private void value(LiteJson o, Names.Name name, int c) {
        String n = name.text;
        int h = name.hash;
        if (name.role == LiteJson.SKIP_VALUE) {
            skipValue(c);
            o.add(n, h, LiteJson.OTHER, null);
            return;
        }
        switch (c) {
            case '"':
                pos++;
                if (name.role == LiteJson.PARSE_STRING && pos < end && buf[pos] == '{') {
                    nestedDocument(o, name);
                } else if (name.role == LiteJson.PARSE_STRING && pos < end && buf[pos] == '\\') {
                    throw bail(); // it may stand for '{' (the Jackson reader then parses the rest): left to it
                } else {
                    o.add(n, h, LiteJson.STRING, string());
                }
                return;
            case '{':
                pos++;
                o.add(n, h, LiteJson.OBJECT, object(name));
                return;
            case '[':
                pos++;
                o.add(n, h, LiteJson.ARRAY, array(name));
                return;
            case 't':
                literal(TRUE);
                o.add(n, h, LiteJson.BOOLEAN, Boolean.TRUE);
                return;
            case 'f':
                literal(FALSE);
                o.add(n, h, LiteJson.BOOLEAN, Boolean.FALSE);
                return;
            case 'n':
                literal(NULL);
                o.add(n, h, LiteJson.NULL, null);
                return;
            default:
                number(o, n, h, c);
        }
    }

    /** The elements of the array whose '[' was just read: objects as LiteJson, anything else as null. */
    private List<Object> array(Names.Name parent) {
        List<Object> items = new ArrayList<>(2);
        if (empty(']')) {
            return items;
        }
        do {
            int c = whiteSpace();
            if (c == '{') {
                pos++;
                items.add(object(parent));
            } else {
                skipValue(c);
                items.add(null);
            }
        } while (more(']'));
        return items;
    }

    private void literal(byte[] word) {
        if (end - pos < word.length || !Arrays.equals(buf, pos, pos + word.length, word, 0, word.length)) {
            throw bail();
        }
        pos += word.length;
    }

    /**
     * A number: '-'? ('0' | [1-9][0-9]*) ('.' [0-9]+)? ([eE] [+-]? [0-9]+)?. An integer is kept as a Long (at most
     * 18 digits; longer ones are left to Jackson), anything else as its text, as Jackson's getText gives it.
     */
    private void number(LiteJson o, String name, int hash, int c) {
        int start = pos;
        boolean negative = c == '-';
        if (negative) {
            pos++;
        }
        int intStart = pos;
        long v = 0;
        if (pos < end && buf[pos] == '0') {
            pos++;
        } else {
            while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
                v = v * 10 + (buf[pos] - '0');
                pos++;
            }
        }
        int digits = pos - intStart;
        if (digits == 0) {
            throw bail();
        }
        boolean integer = true;
        if (pos < end && buf[pos] == '.') {
            pos++;
            digits();
            integer = false;
        }
        if (pos < end && (buf[pos] == 'e' || buf[pos] == 'E')) {
            pos++;
            if (pos < end && (buf[pos] == '+' || buf[pos] == '-')) {
                pos++;
            }
            digits();
            integer = false;
        }
        if (pos - start > MAX_NUMBER_CHARS) {
            throw bail();
        }
        if (o == null) {
            return;
        }
        if (integer) {
            if (digits > 18) {
                throw bail();
            }
            o.add(name, hash, LiteJson.LONG, negative ? -v : v);
        } else {
            o.add(name, hash, LiteJson.DECIMAL, new String(buf, start, pos - start, StandardCharsets.ISO_8859_1));
        }
    }

    /** One or more digits. */
    private void digits() {
        int from = pos;
        while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
            pos++;
        }
        if (pos == from) {
            throw bail();
        }
    }

    /** Any value, checked (duplicate keys too) but not kept. */
    private void skipValue(int c) {
        switch (c) {
            case '"':
                pos++;
                skipString();
                return;
            case '{':
                pos++;
                skipObject();
                return;
            case '[':
                pos++;
                skipArray();
                return;
            case 't':
                literal(TRUE);
                return;
            case 'f':
                literal(FALSE);
                return;
            case 'n':
                literal(NULL);
                return;
            default:
                if (c != '-' && (c < '0' || c > '9')) {
                    throw bail();
                }
                number(null, null, 0, c);
        }
    }

    private void skipObject() {
        if (empty('}')) {
            return;
        }
        LiteJson.SeenNames seen = new LiteJson.SeenNames();
        do {
            nameQuote();
            seen.add(name(null).text);
            expect(':');
            skipValue(whiteSpace());
        } while (more('}'));
    }

    private void skipArray() {
        if (empty(']')) {
            return;
        }
        do {
            skipValue(whiteSpace());
        } while (more(']'));
    }

    /**
     * The end of the run of plain string bytes (printable ASCII but '"' and '\\') from {@code i}: eight bytes a step
     * while none of them is special, then byte by byte.
     */
    private int plainRun(int i) {
        byte[] b = buf;
        int limit = end - 8;
        while (i <= limit) {
            long special = specialBits((long) LONGS.get(b, i));
            if (special != 0) {
                return i + (Long.numberOfTrailingZeros(special) >>> 3);
            }
            i += 8;
        }
        while (i < end && PLAIN[b[i] & 0xff]) {
            i++;
        }
        return i;
    }

    /**
     * The high bit of each byte of eight (little-endian) that is not plain; the lowest bit set is exactly the first
     * such byte (a borrow only runs upwards from one), bits above it may be wrong.
     */
    private static long specialBits(long x) {
        long quote = x ^ 0x2222222222222222L;
        long backslash = x ^ 0x5C5C5C5C5C5C5C5CL;
        return ((quote - ONES) & ~quote | (backslash - ONES) & ~backslash | (x - 0x2020202020202020L) & ~x | x) & HIGHS;
    }

    /**
     * A field name whose opening quote was just read: no escapes (those are left to Jackson). Objects of one shape
     * name their fields in the same order, so the name that followed the previous one last time is tried first:
     * when its bytes and a closing quote are next, that is the name, without a hash or a table look-up.
     */
    private Names.Name name(Names.Name predicted) {
        int start = pos;
        if (predicted != null) {
            byte[] p = predicted.bytes;
            int length = p.length;
            if (end - start > length && buf[start + length] == '"' && predicted.isAt(buf, start)) {
                pos = start + length + 1;
                nonAscii |= predicted.nonAscii;
                return predicted;
            }
        }
        while (pos < end && PLAIN[buf[pos] & 0xff]) {
            pos++; // names are short: byte by byte
        }
        while (true) {
            if (pos >= end) {
                throw bail();
            }
            byte b = buf[pos];
            if (b == '"') {
                break;
            }
            if (b < 0) {
                nonAscii = true;
            } else if (!PLAIN[b]) {
                throw bail(); // a backslash or a control character
            }
            pos++;
        }
        int length = pos - start;
        pos++;
        if (length > MAX_NAME_BYTES) {
            throw bail();
        }
        return names.get(buf, start, length);
    }

    /** A string value whose opening quote was just read, as a String. */
    private String string() {
        int start = pos;
        pos = plainRun(pos);
        if (pos < end && buf[pos] == '"') {
            pos++;
            return new String(buf, start, pos - 1 - start, StandardCharsets.ISO_8859_1);
        }
        pos = start;
        decoded = unescape(decoded);
        return new String(decoded, 0, decodedLength, StandardCharsets.UTF_8);
    }

    /** Steps over a string whose opening quote was just read, checking its escapes. */
    private void skipString() {
        int start = pos;
        while (true) {
            pos = plainRun(pos);
            if (pos >= end) {
                throw bail();
            }
            byte b = buf[pos++];
            if (b == '"') {
                break;
            }
            if (b == '\\') {
                if (pos >= end) {
                    throw bail();
                }
                byte e = buf[pos++];
                if (e == 'u') {
                    hex4(); // any code unit, a lone surrogate too: Jackson takes it, and nothing keeps it
                } else if (escaped(e) < 0) {
                    throw bail();
                }
            } else if (b < 0) {
                nonAscii = true;
            } else {
                throw bail(); // a control character
            }
        }
        if (pos - 1 - start > maxStringBytes) {
            throw bail();
        }
    }

    /** The character a one-letter escape stands for; -1 when the letter is no JSON escape. */
    private static int escaped(byte e) {
        switch (e) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            default: return -1;
        }
    }

    private int hex4() {
        if (end - pos < 4) {
            throw bail();
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(buf[pos++], 16);
            if (d < 0) {
                throw bail();
            }
            v = v << 4 | d;
        }
        return v;
    }

    /**
     * Unescapes the string whose opening quote was just read into UTF-8 bytes, consuming the closing quote; returns
     * the buffer written ({@code into}, or a larger copy of it), the length in {@link #decodedLength}. A surrogate
     * escape must be half of a pair: a lone one has no UTF-8 form (Jackson takes it; it is left to Jackson).
     */
    private byte[] unescape(byte[] into) {
        // the unescaped string is never longer than the rest of the buffer (an escape is longer than what it stands for)
        byte[] out = into.length >= end - pos + 8 ? into : new byte[Math.max(into.length * 2, end - pos + 8)];
        byte[] in = buf;
        int n = 0;
        int start = pos;
        int i = pos;
        while (true) {
            // eight bytes a step, copied whole (the room is there) and counted up to the first byte not plain
            byte b;
            if (i + 8 <= end) {
                long x = (long) LONGS.get(in, i);
                LONGS.set(out, n, x);
                long special = specialBits(x);
                if (special == 0) {
                    i += 8;
                    n += 8;
                    continue;
                }
                int plain = Long.numberOfTrailingZeros(special) >>> 3;
                i += plain;
                n += plain;
                b = in[i++];
            } else {
                while (true) {
                    if (i >= end) {
                        throw bail();
                    }
                    b = in[i++];
                    if (!PLAIN[b & 0xff]) {
                        break;
                    }
                    out[n++] = b;
                }
            }
            if (b == '"') {
                break;
            }
            if (b < 0) {
                nonAscii = true;
                out[n++] = b;
            } else if (b == '\\') {
                if (i >= end) {
                    throw bail();
                }
                byte e = in[i++];
                if (e == 'u') {
                    pos = i;
                    n = utf8(out, n, codePoint());
                    i = pos;
                } else {
                    int c = escaped(e);
                    if (c < 0) {
                        throw bail();
                    }
                    out[n++] = (byte) c;
                }
            } else {
                throw bail(); // a control character
            }
        }
        pos = i;
        if (pos - 1 - start > maxStringBytes) {
            throw bail();
        }
        decodedLength = n;
        return out;
    }

    /**
     * The JSON object held in a {@link LiteJson#NESTED_JSON} string that starts with '{' (the opening quote just
     * read), read from its unescaped bytes as LiteJson's Jackson reader reads it from the string's characters; the
     * one-character string "{" is kept as a string. A nested document this reader cannot take gives up the record.
     */
    private void nestedDocument(LiteJson o, Names.Name name) {
        int level = documentLevel + 1;
        if (level >= MAX_DOCUMENTS_DEEP) {
            throw bail();
        }
        byte[] text = unescape(documents[level] == null ? new byte[1024] : documents[level]);
        documents[level] = text;
        int length = decodedLength;
        if (length <= 1) {
            o.add(name.text, name.hash, LiteJson.STRING, new String(text, 0, length, StandardCharsets.UTF_8));
            return;
        }
        byte[] outerBuf = buf;
        int outerPos = pos;
        int outerEnd = end;
        int outerDepth = depth;
        buf = text;
        pos = 0;
        end = length;
        depth = 0;
        documentLevel = level;
        LiteJson inner = document(name);
        buf = outerBuf;
        pos = outerPos;
        end = outerEnd;
        depth = outerDepth;
        documentLevel = level - 1;
        o.add(name.text, name.hash, LiteJson.NESTED, inner);
    }

    /** The code point of a \\u escape (a surrogate pair's two escapes together); the "\\u" is already read. */
    private int codePoint() {
        int c = hex4();
        if (c >= 0xD800 && c <= 0xDBFF) {
            if (end - pos < 6 || buf[pos] != '\\' || buf[pos + 1] != 'u') {
                throw bail();
            }
            pos += 2;
            int low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) {
                throw bail();
            }
            return Character.toCodePoint((char) c, (char) low);
        }
        if (c >= 0xDC00 && c <= 0xDFFF) {
            throw bail();
        }
        return c;
    }

    /** Writes a code point as UTF-8 (room for four bytes is there); the new length. */
    private static int utf8(byte[] out, int n, int cp) {
        if (cp < 0x80) {
            out[n++] = (byte) cp;
        } else if (cp < 0x800) {
            out[n++] = (byte) (0xC0 | cp >> 6);
            out[n++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            out[n++] = (byte) (0xE0 | cp >> 12);
            out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[n++] = (byte) (0x80 | cp & 0x3F);
        } else {
            out[n++] = (byte) (0xF0 | cp >> 18);
            out[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
            out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[n++] = (byte) (0x80 | cp & 0x3F);
        }
        return n;
    }

    /**
     * Field names by their UTF-8 bytes: each distinct name becomes a String once (interned, so LiteJson's lookups
     * with literals mostly compare references), with its {@link LiteJson#roleOf role}. Open addressing; when half
     * full, new names are made afresh each time instead of added (a stream of ever new names cannot grow it).
     */
    static final class Names {
        static final class Name {
            final byte[] bytes;
            final String text;
            final byte role;
            /** Distinct for the first 64 names seen (a shift distance: Java takes it mod 64). */
            final int id;
            /** The bytes as {@link #word words}; null for a name not kept in the table. */
            final long[] words;
            final boolean nonAscii;
            /** The text's hash code. */
            final int hash;
            /** The name that followed this one in the last object that had it (see {@link #name}). */
            Name next;
            /** The first name of the last object held by a field of this name (see {@link #name}). */
            Name firstChild;

            Name(byte[] bytes, String text, int id, long[] words) {
                this.bytes = bytes;
                this.text = text;
                this.role = LiteJson.roleOf(text);
                this.id = id;
                this.words = words;
                boolean high = false;
                for (byte b : bytes) {
                    high |= b < 0;
                }
                this.nonAscii = high;
                this.hash = text.hashCode();
            }

            /** Whether this name's bytes are at {@code b[start...]} (which has at least as many bytes left). */
            boolean isAt(byte[] b, int start) {
                int length = bytes.length;
                if (words == null || start + (words.length << 3) > b.length) {
                    return same(bytes, b, start, length);
                }
                int last = words.length - 1;
                for (int w = 0; w < last; w++) {
                    if ((long) LONGS.get(b, start + (w << 3)) != words[w]) {
                        return false;
                    }
                }
                int left = length - (last << 3);
                return last < 0 || ((long) LONGS.get(b, start + (last << 3)) & -1L >>> (64 - (left << 3))) == words[last];
            }
        }

        private static final int CAPACITY = 1024;
        private final Name[] table = new Name[CAPACITY];
        private final int[] hashes = new int[CAPACITY];
        private int size;
        /** The words of the name being looked up. */
        private final long[] words = new long[(MAX_NAME_BYTES + 7) / 8];

        /** The name in {@code b[start, start + length)} (no quote, backslash or control byte in it). */
        Name get(byte[] b, int start, int length) {
            int count = (length + 7) >>> 3;
            long h = length;
            for (int w = 0; w < count; w++) {
                long word = word(b, start, length, w);
                words[w] = word;
                h = (h ^ word) * 0x9E3779B97F4A7C15L;
            }
            int hash = (int) (h ^ h >>> 32);
            int mask = CAPACITY - 1;
            int i = hash & mask;
            while (true) {
                Name n = table[i];
                if (n == null) {
                    break;
                }
                if (hashes[i] == hash && n.bytes.length == length && same(n.words, count)) {
                    return n;
                }
                i = (i + 1) & mask;
            }
            byte[] bytes = Arrays.copyOfRange(b, start, start + length);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (size >= CAPACITY / 2) {
                return new Name(bytes, text, size, null);
            }
            Name n = new Name(bytes, text.intern(), size, Arrays.copyOf(words, count));
            table[i] = n;
            hashes[i] = hash;
            size++;
            return n;
        }

        /** Whether {@code name} is {@code b[start, start + length)}: names are short, a plain loop is quickest. */
        static boolean same(byte[] name, byte[] b, int start, int length) {
            for (int k = 0; k < length; k++) {
                if (name[k] != b[start + k]) {
                    return false;
                }
            }
            return true;
        }

        private boolean same(long[] nameWords, int count) {
            for (int w = 0; w < count; w++) {
                if (nameWords[w] != words[w]) {
                    return false;
                }
            }
            return true;
        }

        /** Word {@code w} of the name: eight bytes little-endian, the last one zero-padded. */
        private static long word(byte[] b, int start, int length, int w) {
            int at = start + (w << 3);
            int left = length - (w << 3);
            if (left >= 8) {
                return (long) LONGS.get(b, at);
            }
            if (at + 8 <= b.length) {
                return (long) LONGS.get(b, at) & (1L << (left << 3)) - 1;
            }
            long v = 0;
            for (int k = left - 1; k >= 0; k--) {
                v = v << 8 | b[at + k] & 0xff;
            }
            return v;
        }
    }
}
