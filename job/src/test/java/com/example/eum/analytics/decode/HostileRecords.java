package com.example.eum.analytics.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.util.RawValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Seeded, deterministic hostile records for the whole-job fuzz run: every sample record and envelope (test resources
 * {@code samples/}, plus the CloudWatch Logs batch gzip-compressed as Kinesis delivers it) mutated once by one kind of
 * attack, cycling through every sample × kind. Mutations reach inside the JSON carried in strings (the SNS
 * {@code Message}, the WhatsApp {@code whatsAppWebhookEntry}, each CloudWatch log event's {@code message}), so the
 * inner decoders see them too. {@link Mutant#expected} says which dead-letter reasons a kind must give when it is
 * determined by the attack alone (null: any outcome, an event included, e.g. a type swap of an optional field).
 */
public final class HostileRecords {
    /** The kinds of attack, each applied at one place of a record. */
    public enum Kind {
        /** The record (or the JSON inside one of its strings, or its gzip bytes) cut short. */
        TRUNCATE(Set.of("malformed_json", "not_utf8", "bad_gzip")),
        /** One value replaced by a value of another JSON type. */
        TYPE_SWAP(null),
        /** A number (or numeric string) replaced by a huge, tiny or negative one. */
        EXTREME_NUMBER(null),
        /** A number replaced by NaN / Infinity (bare, not valid JSON; or as the string "NaN" where text is a number). */
        NAN(null),
        /** One key written twice in an object. */
        DUPLICATE_KEY(Set.of("malformed_json")),
        /** A value replaced by arrays/objects nested far deeper than the limit. */
        DEEP_NESTING(Set.of("too_deep")),
        /** A string padded to a record of about 1 MB: under the 1 MiB limit (decoded) or over it (too_large). */
        MEGABYTE(null),
        /** A gzip stream that inflates beyond the limit, as the record or as CloudWatch Logs' awslogs.data. */
        GZIP_BOMB(Set.of("bad_gzip")),
        /** Invalid UTF-8 bytes inside a JSON string of an otherwise valid document. */
        INVALID_UTF8(Set.of("not_utf8")),
        /** Base64 of random bytes (or of a gzip header and garbage), or a line that is not base64 at all. */
        BASE64_GARBAGE(null);

        /** The dead-letter reasons this kind must give (exactly one dead letter); null when it depends on where it hit. */
        public final Set<String> reasons;

        Kind(Set<String> reasons) {
            this.reasons = reasons;
        }
    }

    /** One hostile record: how it was made and its replay line (JSON text as is, anything else as base64). */
    public static final class Mutant {
        public final Kind kind;
        public final String base;
        public final String variant;
        public final byte[] line;
        /** Reasons it must give as its one dead letter, or null (any outcome, but never more than one dead letter). */
        public final Set<String> expected;

        Mutant(Kind kind, String base, String variant, byte[] line, Set<String> expected) {
            this.kind = kind;
            this.base = base;
            this.variant = variant;
            this.line = line;
            this.expected = expected;
        }

        @Override
        public String toString() {
            return kind + " of " + base + " (" + variant + ")";
        }
    }

    /** 1 MiB: the decoder's record limit ({@link DecoderSettings#DEFAULT_MAX_RECORD_BYTES}). */
    static final int MIB = DecoderSettings.DEFAULT_MAX_RECORD_BYTES;
    /** Every how many MEGABYTE mutants one is really about 1 MB (the others pad to 8-32 KB, to keep runs short). */
    static final int FULL_MEGABYTE_EVERY = 50;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BAD_UTF8_MARK = "@@INVALID-UTF8@@";
    private static final byte[][] INVALID_UTF8 = {
        {(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}};
    /** Fields whose string value is JSON the decoder parses in turn. */
    private static final Set<String> EMBEDDED = Set.of("Message", "whatsAppWebhookEntry", "whatsappWebhookEntry", "message");

    private final List<Base> bases = new ArrayList<>();
    private final Random random;
    private final byte[][] bombs;
    private int megabytes;

    private static final class Base {
        final String name;
        final JsonNode tree;
        final boolean gzipped;

        Base(String name, JsonNode tree, boolean gzipped) {
            this.name = name;
            this.tree = tree;
            this.gzipped = gzipped;
        }
    }

    public HostileRecords(long seed) {
        this.random = new Random(seed);
        try {
            for (Path p : Samples.all()) {
                String name = p.getFileName().toString();
                bases.add(new Base(name, JSON.readTree(p.toFile()), false));
                if (name.equals("envelope_cwlogs_subscription_decoded.json")) {
                    bases.add(new Base("gzip(" + name + ")", JSON.readTree(p.toFile()), true));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // inflating beyond the 8 MiB limit: zeros, JSON-looking text, and a bomb wrapped in a second gzip layer
        byte[] zeros = new byte[9 * 1024 * 1024];
        byte[] text = ("{\"eventType\":\"" + "A".repeat(9 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        this.bombs = new byte[][] {gzip(zeros), gzip(text), gzip(gzip(zeros))};
    }

    /** The number of distinct base records (samples and envelopes). */
    public int bases() {
        return bases.size();
    }

    /** The {@code i}-th mutant: base {@code i mod bases}, kind cycling every {@code bases} records, details seeded. */
    public Mutant next(int i) {
        Base base = bases.get(i % bases.size());
        Kind kind = Kind.values()[(i / bases.size()) % Kind.values().length];
        switch (kind) {
            case TRUNCATE: return truncate(base);
            case GZIP_BOMB: return bomb(base);
            case BASE64_GARBAGE: return garbage(base);
            default: return mutateTree(base, kind);
        }
    }

    private Mutant truncate(Base base) {
        Doc doc = new Doc(base.tree.deepCopy());
        List<Site> embedded = doc.sites(s -> s.holder);
        if (!embedded.isEmpty() && random.nextBoolean()) {
            Site s = embedded.get(random.nextInt(embedded.size()));
            String inner = s.embeddedText(doc);
            s.replace(TextNode.valueOf(inner.substring(0, 1 + random.nextInt(inner.length() - 1))));
            return mutant(Kind.TRUNCATE, base, "inside " + s.path, doc.render(base.gzipped));
        }
        byte[] whole = doc.render(base.gzipped);
        return mutant(Kind.TRUNCATE, base, "record at byte", Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 1)));
    }

    private Mutant bomb(Base base) {
        byte[] bomb = bombs[random.nextInt(bombs.length)];
        if (random.nextBoolean()) {
            // CloudWatch Logs as Lambda receives it: awslogs.data = base64(gzip)
            ObjectNode awslogs = JsonNodeFactory.instance.objectNode();
            awslogs.putObject("awslogs").put("data", Base64.getEncoder().encodeToString(bomb));
            return mutant(Kind.GZIP_BOMB, base, "awslogs.data", bytes(awslogs));
        }
        return mutant(Kind.GZIP_BOMB, base, "record", bomb);
    }

    private Mutant garbage(Base base) {
        byte[] junk = new byte[1 + random.nextInt(2048)];
        random.nextBytes(junk);
        switch (random.nextInt(4)) {
            case 0:
                return mutant(Kind.BASE64_GARBAGE, base, "random bytes", junk);
            case 1:
                junk = Arrays.copyOf(junk, Math.max(junk.length, 10));
                junk[0] = 0x1f;
                junk[1] = (byte) 0x8b;
                return new Mutant(Kind.BASE64_GARBAGE, base.name, "gzip magic then garbage",
                        Base64.getEncoder().encode(junk), Set.of("bad_gzip"));
            case 2: {
                ObjectNode awslogs = JsonNodeFactory.instance.objectNode();
                boolean stray = random.nextBoolean();
                awslogs.putObject("awslogs").put("data", stray
                        ? Base64.getEncoder().encodeToString(junk).replace('A', '!')
                        : Base64.getEncoder().encodeToString(junk));
                return new Mutant(Kind.BASE64_GARBAGE, base.name, stray ? "awslogs.data not base64" : "awslogs.data base64 of garbage",
                        replayLine(bytes(awslogs)), Set.of("bad_base64", "bad_gzip"));
            }
            default:
                // a line that is neither JSON nor base64
                String line = "%" + Base64.getEncoder().encodeToString(junk).substring(1) + "*";
                return new Mutant(Kind.BASE64_GARBAGE, base.name, "line not base64",
                        line.getBytes(StandardCharsets.US_ASCII), Set.of("bad_base64"));
        }
    }

    private Mutant mutateTree(Base base, Kind kind) {
        Doc doc = new Doc(base.tree.deepCopy());
        String variant;
        Set<String> expected = kind.reasons;
        switch (kind) {
            case TYPE_SWAP: {
                Site s = pick(doc.sites(x -> true));
                JsonNode swapped = otherType(s.value);
                s.replace(swapped);
                variant = s.path + " -> " + swapped.getNodeType();
                break;
            }
            case EXTREME_NUMBER: {
                Site s = pick(numericOrAny(doc));
                String n = EXTREMES[random.nextInt(EXTREMES.length)];
                s.replace(s.value.isTextual() ? TextNode.valueOf(n) : new POJONode(new RawValue(n)));
                variant = s.path + " = " + n;
                break;
            }
            case NAN: {
                Site s = pick(numericOrAny(doc));
                String n = NANS[random.nextInt(NANS.length)];
                if (s.value.isTextual()) {
                    s.replace(TextNode.valueOf(n));
                    variant = s.path + " = \"" + n + "\"";
                } else {
                    s.replace(new POJONode(new RawValue(n)));
                    variant = s.path + " = " + n;
                    expected = Set.of("malformed_json");
                }
                break;
            }
            case DUPLICATE_KEY: {
                Site s = pick(doc.sites(x -> x.container.isObject()));
                String again = ",\"" + s.key + "\":" + s.value;
                s.replace(new POJONode(new RawValue(s.value + again)));
                variant = s.path + " twice";
                break;
            }
            case DEEP_NESTING: {
                Site s = pick(doc.sites(x -> true));
                int depth = DEPTHS[random.nextInt(DEPTHS.length)];
                // deep objects only up to 5,000 levels: escaped into nested strings they would outgrow the size limit
                boolean arrays = depth > 5000 || random.nextBoolean();
                String nested = arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                s.replace(new POJONode(new RawValue(nested)));
                variant = s.path + " nested " + depth + (arrays ? " arrays" : " objects");
                break;
            }
            case MEGABYTE: {
                boolean full = megabytes++ % FULL_MEGABYTE_EVERY == 0;
                boolean over = full && (megabytes / FULL_MEGABYTE_EVERY) % 2 == 1;
                int target = !full ? 8192 + random.nextInt(24 * 1024) : over ? MIB + 1 + random.nextInt(64 * 1024) : 1_000_000;
                int current = new Doc(base.tree.deepCopy()).render(false).length;
                Site s = pick(doc.sites(x -> x.value.isTextual() && !x.holder));
                String filler = filler(Math.max(1, target - current + s.value.textValue().length()));
                s.replace(TextNode.valueOf(filler));
                variant = s.path + " padded to " + target + " bytes";
                if (over && !base.gzipped) {
                    expected = Set.of("too_large");
                }
                break;
            }
            case INVALID_UTF8: {
                Site s = pick(doc.sites(x -> x.value.isTextual() && !x.holder));
                String text = s.value.textValue();
                int at = text.isEmpty() ? 0 : random.nextInt(text.length());
                s.replace(TextNode.valueOf(text.substring(0, at) + BAD_UTF8_MARK + text.substring(at)));
                variant = s.path;
                break;
            }
            default:
                throw new IllegalStateException(kind.toString());
        }
        return new Mutant(kind, base.name, variant, replayLine(doc.render(base.gzipped)), expected);
    }

    /**
     * Numbers none of which is a plausible time in either unit (2^32 s is past 2100): a plausible one far ahead is a
     * different attack, one record moving event time for everyone (issue 12, item 1), not a decoding one.
     */
    private static final String[] EXTREMES = {
        "9223372036854775807", "-9223372036854775808", "-1", "18446744073709551616", "-1.7976931348623157E308",
        "1e400", "-1e-400", "123456789012345678901234567890.123456789", "-0", "0.000000000000000000001",
        "99999999999999999999999999999999999999999999999999999999999999", "9000000000000", "4294967296"};
    private static final String[] NANS = {"NaN", "Infinity", "-Infinity"};
    private static final int[] DEPTHS = {65, 200, 5000, 100_000};

    private List<Site> numericOrAny(Doc doc) {
        List<Site> numeric = doc.sites(x -> x.value.isNumber()
                || (x.value.isTextual() && !x.holder && x.value.textValue().matches("-?[0-9]+(\\.[0-9]+)?")));
        return numeric.isEmpty() ? doc.sites(x -> true) : numeric;
    }

    private JsonNode otherType(JsonNode v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> options = new ArrayList<>(List.of(f.numberNode(42), f.numberNode(-1), f.numberNode(new BigDecimal("3.5")),
                f.booleanNode(true), f.booleanNode(false), f.nullNode(), f.textNode("swapped"), f.textNode(""),
                f.arrayNode(), f.objectNode(), f.arrayNode().add(1).add("a"), f.objectNode().put("k", "v")));
        options.removeIf(o -> o.getNodeType() == v.getNodeType());
        return options.get(random.nextInt(options.size()));
    }

    private String filler(int length) {
        char[] c = new char[length];
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 ";
        for (int i = 0; i < length; i++) {
            c[i] = alphabet.charAt((i * 7 + random.nextInt(3)) % alphabet.length());
        }
        return new String(c);
    }

    private Site pick(List<Site> sites) {
        return sites.get(random.nextInt(sites.size()));
    }

    private static Mutant mutant(Kind kind, Base base, String variant, byte[] payload) {
        return new Mutant(kind, base.name, variant, replayLine(payload), kind.reasons);
    }

    /**
     * The replay line for a payload (ReplayLineFormat's rule): the bytes themselves when they are one JSON line, else
     * base64 of the bytes (a binary payload).
     */
    public static byte[] replayLine(byte[] payload) {
        boolean json = payload.length > 0 && payload[0] == '{' && payload[payload.length - 1] == '}';
        for (int i = 0; json && i < payload.length; i++) {
            json = payload[i] != '\n' && payload[i] != '\r';
        }
        return json ? payload : Base64.getEncoder().encode(payload);
    }

    static byte[] gzip(byte[] b) {
        return Samples.gzip(b);
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A place in a document: a value, its container and key or index, and whether it is a JSON-in-string holder. */
    private static final class Site {
        final JsonNode container;
        final String key;
        final int index;
        final JsonNode value;
        final String path;
        final boolean holder;

        Site(JsonNode container, String key, int index, JsonNode value, String path, boolean holder) {
            this.container = container;
            this.key = key;
            this.index = index;
            this.value = value;
            this.path = path;
            this.holder = holder;
        }

        void replace(JsonNode v) {
            if (container.isObject()) {
                ((ObjectNode) container).set(key, v);
            } else {
                ((ArrayNode) container).set(index, v);
            }
        }

        /** The JSON text this holder carries, rendered from a copy (the document is left as it is). */
        String embeddedText(Doc doc) {
            Doc inner = new Doc(doc.embedded.get(value).deepCopy());
            return inner.render(inner.root);
        }
    }

    /**
     * A document with its JSON-in-string values parsed into trees of their own; rendering writes them back into
     * their strings (innermost first), unless a mutation replaced the string itself.
     */
    private static final class Doc {
        final JsonNode root;
        /** holder string node -> its parsed tree */
        final Map<JsonNode, JsonNode> embedded = new IdentityHashMap<>();
        final List<Site> all = new ArrayList<>();
        final List<Site> holders = new ArrayList<>();

        Doc(JsonNode root) {
            this.root = root;
            walk(root, "$");
        }

        private void walk(JsonNode n, String path) {
            if (n.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = n.fields();
                List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
                it.forEachRemaining(fields::add);
                for (Map.Entry<String, JsonNode> e : fields) {
                    visit(n, e.getKey(), -1, e.getValue(), path + "." + e.getKey());
                }
            } else if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) {
                    visit(n, null, i, n.get(i), path + "[" + i + "]");
                }
            }
        }

        private void visit(JsonNode container, String key, int index, JsonNode value, String path) {
            JsonNode inner = null;
            if (key != null && EMBEDDED.contains(key) && value.isTextual() && value.textValue().startsWith("{")) {
                try {
                    inner = JSON.readTree(value.textValue());
                } catch (JsonProcessingException notJson) {
                    inner = null;
                }
            }
            Site s = new Site(container, key, index, value, path, inner != null);
            all.add(s);
            if (inner != null) {
                embedded.put(value, inner);
                holders.add(s);
                walk(inner, path + "{json}");
            } else {
                walk(value, path);
            }
        }

        List<Site> sites(java.util.function.Predicate<Site> p) {
            List<Site> out = new ArrayList<>();
            for (Site s : all) {
                if (p.test(s)) {
                    out.add(s);
                }
            }
            return out;
        }

        /** Text of a tree, its own embedded strings rendered first. */
        String render(JsonNode tree) {
            List<Site> reversed = new ArrayList<>(holders);
            Collections.reverse(reversed); // innermost (visited last) first
            for (Site h : reversed) {
                JsonNode current = h.container.isObject() ? h.container.get(h.key) : h.container.get(h.index);
                if (current == h.value) { // not replaced by a mutation
                    JsonNode inner = embedded.get(h.value);
                    h.replace(TextNode.valueOf(new String(bytes(inner), StandardCharsets.UTF_8)));
                }
            }
            return new String(bytes(tree), StandardCharsets.UTF_8);
        }

        /** The record's bytes: compact JSON, invalid UTF-8 put where marked, gzip-compressed for a binary base. */
        byte[] render(boolean gzipped) {
            byte[] json = markToInvalidUtf8(render(root).getBytes(StandardCharsets.UTF_8));
            return gzipped ? gzip(json) : json;
        }

        private byte[] markToInvalidUtf8(byte[] json) {
            byte[] mark = BAD_UTF8_MARK.getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length);
            int variant = 0;
            for (int i = 0; i < json.length; i++) {
                if (json[i] == '@' && i + mark.length <= json.length
                        && Arrays.equals(json, i, i + mark.length, mark, 0, mark.length)) {
                    byte[] bad = INVALID_UTF8[Math.floorMod(Arrays.hashCode(json) + variant++, INVALID_UTF8.length)];
                    out.write(bad, 0, bad.length);
                    i += mark.length - 1;
                } else {
                    out.write(json[i]);
                }
            }
            return out.toByteArray();
        }
    }
}
