package com.example.eum.analytics.decode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * destination_hash: HMAC-SHA256 of the E.164 number under the job's secret key, lower-case hex. Lets analysts
 * count and join end users without holding their numbers. Not thread-safe (one per decoder).
 */
public final class DestinationHasher {
    private final Mac mac;

    public DestinationHasher(byte[] key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public String hash(String e164) {
        return EventIds.hex(mac.doFinal(e164.getBytes(StandardCharsets.UTF_8)));
    }
}
