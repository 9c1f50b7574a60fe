package com.example.eum.analytics.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.eum.analytics.model.CanonicalEvent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The decoder's caches change no value: an {@link EndUserResolver} that has seen a number before (or has been
 * cleared when full) gives the hash and country that an uncached hasher and libphonenumber give; the WhatsApp
 * message-type cleaner without a regex gives what the regex gave.
 */
class EndUserCacheTest {
    @Test
    void cachedHashesAndCountriesEqualUncachedOnesAcrossRepeatsAndClears() {
        EndUserResolver cached = new EndUserResolver(Samples.KEY, true);
        DestinationHasher hasher = new DestinationHasher(Samples.KEY);
        CountryResolver countries = new CountryResolver();
        Random random = new Random(11);
        List<String> numbers = new ArrayList<>();
        String[] prefixes = {"+1206555", "+9198", "+5511", "+44771", "+4915", "+62812", "1425555", "+999", "+1", " +4420 "};
        for (int i = 0; i < 300; i++) {
            String p = prefixes[random.nextInt(prefixes.length)];
            numbers.add(p + String.format(Locale.ROOT, "%04d", random.nextInt(10_000)));
        }
        numbers.add("not a number");
        String[] isoCodes = {null, "US", "in", " br ", "U1", "ZZZ", ""};
        int calls = EndUserResolver.CACHE_SIZE + 5_000;
        for (int i = 0; i < calls; i++) {
            // fresh numbers past the cache size force clears; the pool repeats for hits
            String raw = i % 3 == 0 ? "+1206" + (1_000_000 + i) : numbers.get(random.nextInt(numbers.size()));
            String iso = isoCodes[random.nextInt(isoCodes.length)];
            CanonicalEvent e = new CanonicalEvent();
            cached.apply(e, raw, iso);
            String e164 = EndUserResolver.normalise(raw);
            CountryResolver.Country expected = countries.resolve(iso, e164);
            assertThat(e.destinationHash).as(raw).isEqualTo(e164 == null ? null : hasher.hash(e164));
            assertThat(e.destinationNumber).as(raw).isEqualTo(e164);
            assertThat(e.isoCountryCode).as(raw + " " + iso).isEqualTo(expected.isoCountryCode);
            assertThat(e.countrySource).as(raw + " " + iso).isEqualTo(expected.source);
        }
        CanonicalEvent none = new CanonicalEvent();
        cached.apply(none, null, null);
        assertThat(none.destinationHash).isNull();
        assertThat(none.isoCountryCode).isNull();
    }

    @Test
    void messageTypeCleanerEqualsTheRegexItReplaced() {
        String[] types = {null, "text", "IMAGE", "interactive.button", "with space", "ünïcode", "emoji\uD83D\uDE00x",
                "lone\uD800surrogate", "a".repeat(80), "MiXeD_09-z", "", "\u0130stanbul"};
        for (String t : types) {
            String expected = t == null ? "unknown" : t.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            if (expected.length() > 64) {
                expected = expected.substring(0, 64);
            }
            assertThat(WhatsAppDecoder.safeType(t)).as(t).isEqualTo(expected);
        }
    }
}
