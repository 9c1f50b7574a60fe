package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.DeadLetter;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {
    @Test
    void textPayloadIsKeptAsText() {
        DeadLetter d = DeadLetters.of("malformed_json", "x", "{\"a\":\n\t1".getBytes(StandardCharsets.UTF_8), "s", 5L);
        assertThat(d.payload).isEqualTo("{\"a\":\n\t1");
        assertThat(d.payloadBase64).isFalse();
        assertThat(d.payloadTruncated).isFalse();
        assertThat(d.payloadBytes).isEqualTo(8);
        assertThat(d.reason).isEqualTo("malformed_json");
        assertThat(d.source).isEqualTo("s");
        assertThat(d.ingestTime).isEqualTo(5L);
    }

    @Test
    void binaryPayloadIsBase64AndTruncated() {
        byte[] b = new byte[DeadLetter.MAX_PAYLOAD_BYTES + 100];
        Arrays.fill(b, (byte) 0x01);
        DeadLetter d = DeadLetters.of("bad_gzip", "x", b, "s", 0L);
        assertThat(d.payloadBase64).isTrue();
        assertThat(d.payloadTruncated).isTrue();
        assertThat(d.payloadBytes).isEqualTo(DeadLetter.MAX_PAYLOAD_BYTES + 100);
        assertThat(Base64.getDecoder().decode(d.payload)).hasSize(DeadLetter.MAX_PAYLOAD_BYTES);
    }

    @Test
    void longTextIsCutOnACharacterBoundary() {
        // "é" is 2 bytes: an odd limit would split one, so the cut steps back to the character start
        StringBuilder s = new StringBuilder("x");
        while (s.length() < DeadLetter.MAX_PAYLOAD_BYTES) {
            s.append('\u00e9');
        }
        byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
        DeadLetter d = DeadLetters.of("too_large", "x", b, "s", 0L);
        assertThat(d.payloadBase64).isFalse();
        assertThat(d.payloadTruncated).isTrue();
        byte[] kept = d.payload.getBytes(StandardCharsets.UTF_8);
        assertThat(kept.length).isEqualTo(DeadLetter.MAX_PAYLOAD_BYTES - 1);
        assertThat(d.payload).endsWith("\u00e9").doesNotContain("\uFFFD");
    }

    @Test
    void invalidUtf8IsBase64() {
        byte[] b = {'{', (byte) 0xC3, '}'};
        DeadLetter d = DeadLetters.of("not_utf8", "x", b, "s", 0L);
        assertThat(d.payloadBase64).isTrue();
        assertThat(Base64.getDecoder().decode(d.payload)).isEqualTo(b);
    }
}
