package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.CanonicalEvent;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No decoded field of any sample holds an end-user phone number or a message body. The business's own sending
 * number (origination_id) is not personal data and is the only number allowed through.
 */
class NoPersonalDataTest {
    private static final Pattern NUMBER = Pattern.compile("\\+?1\\d{3}555\\d{4}");
    private static final String BUSINESS_NUMBER = "12065550100";

    static Set<String> endUserNumbersInSamples() {
        Set<String> digits = new TreeSet<>();
        for (Path p : Samples.all()) {
            Matcher m = NUMBER.matcher(Samples.text(p.getFileName().toString()));
            while (m.find()) {
                String d = m.group().replace("+", "");
                if (!d.equals(BUSINESS_NUMBER)) {
                    digits.add(d);
                }
            }
        }
        return digits;
    }

    static List<String> stringValues(CanonicalEvent e) throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        for (Field f : CanonicalEvent.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            Object v = f.get(e);
            if (v instanceof Map) {
                for (Map.Entry<?, ?> en : ((Map<?, ?>) v).entrySet()) {
                    out.add(String.valueOf(en.getKey()));
                    out.add(String.valueOf(en.getValue()));
                }
            } else if (v != null && !f.getName().equals("originationId")) {
                out.add(String.valueOf(v));
            }
        }
        return out;
    }

    @Test
    void samplesHoldTheNumbersWeScanFor() {
        // guards the scan itself: the samples do contain end-user numbers and the inbound text
        assertThat(endUserNumbersInSamples()).contains("14255550111", "14255550123", "15145550122", "12065550188")
                .hasSizeGreaterThanOrEqualTo(10);
        assertThat(Samples.text("wa_inbound_text.json")).contains("Hi, is my order").contains("Diego");
    }

    @Test
    void noDecodedFieldHoldsANumberOrABody() throws Exception {
        Set<String> numbers = endUserNumbersInSamples();
        int scanned = 0;
        for (Map.Entry<String, List<CanonicalEvent>> en : SampleDecodingTest.decodeAllSamples().entrySet()) {
            for (CanonicalEvent e : en.getValue()) {
                for (String s : stringValues(e)) {
                    scanned++;
                    for (String n : numbers) {
                        assertThat(s).as(en.getKey()).doesNotContain(n);
                    }
                    assertThat(s).as(en.getKey()).doesNotContain("Hi, is my order").doesNotContain("Diego");
                }
                assertThat(e.destinationNumber).isNull();
            }
        }
        assertThat(scanned).isGreaterThan(300);
    }
}
