package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.RawRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test access to the sample records (test resources {@code samples/}: one file per documented record shape, see its
 * README.md) and a decoder with a fixed test key.
 */
public final class Samples {
    static final byte[] KEY = "test-destination-hash-key".getBytes(StandardCharsets.UTF_8);
    static final long INGEST = 1_748_900_000_000L;

    private Samples() {}

    /** The directory of the sample records (on the test class path, so any checkout finds it). */
    public static Path dir() {
        URL dir = Samples.class.getResource("/samples/README.md");
        if (dir == null) {
            throw new IllegalStateException("test resource samples/README.md not on the class path");
        }
        try {
            return Paths.get(dir.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> all() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static RecordDecoder decoder() {
        return new RecordDecoder(new DecoderSettings(KEY, false));
    }

    static RawRecord record(byte[] payload) {
        return new RawRecord(payload, "test-stream", INGEST);
    }

    static RawRecord record(String json) {
        return record(json.getBytes(StandardCharsets.UTF_8));
    }

    static DecodeResult decode(String json) {
        return decoder().decode(record(json));
    }

    /** Decodes a record that must give exactly one event and no dead letter. */
    static CanonicalEvent one(RecordDecoder d, byte[] payload) {
        DecodeResult r = d.decode(record(payload));
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).hasSize(1);
        return r.events().get(0);
    }

    static CanonicalEvent one(String json) {
        return one(decoder(), json.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] gzip(byte[] b) {
        try {
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
                g.write(b);
            }
            return bo.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hash(String e164) {
        return new DestinationHasher(KEY).hash(e164);
    }
}
