package com.example.eum.analytics.alert.stage;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.MessageDelta;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class DeltaToAlertExamplesTest {
    private static final long SIZE = 300_000;
    private static final long W = 1_795_410_000_000L;

    private static MessageDelta failed(int i, long at) {
        MessageDelta d = new MessageDelta();
        d.attributionTime = at;
        d.channel = Channel.SMS;
        d.isoCountryCode = "IN";
        d.useCase = "otp";
        d.mcc = "404";
        d.mnc = i % 2 == 0 ? "45" : "10";
        d.messageId = "m-" + i;
        d.addFailure(null, 1);
        return d;
    }

    @Test
    void atMostTheAlertsExampleCountLeavesPerKeyAndWindow() {
        DeltaToAlertExamples examples = new DeltaToAlertExamples(SIZE, true, 50);
        List<AlertInput> out = new ArrayList<>();
        ListCollector<AlertInput> collector = new ListCollector<>(out);
        for (int i = 0; i < 300; i++) {
            examples.flatMap(failed(i, W + i), collector); // 300 failures in one window
        }
        examples.flatMap(failed(1_000, W + SIZE), collector); // the next window starts its own count
        Map<String, Integer> perKeyWindow = new TreeMap<>();
        out.forEach(in -> perKeyWindow.merge(in.keyId + "@" + (in.windowStart - W), 1, Integer::sum));
        assertThat(perKeyWindow).isEqualTo(Map.of(
                "COUNTRY/SMS/IN/otp/-/-/-@0", 50, "CARRIER/SMS/IN/-/404-45/-/-@0", 50, "CARRIER/SMS/IN/-/404-10/-/-@0", 50,
                "COUNTRY/SMS/IN/otp/-/-/-@" + SIZE, 1, "CARRIER/SMS/IN/-/404-45/-/-@" + SIZE, 1));
        // the country key's examples are the first 50 failures, and name their carriers
        assertThat(out).filteredOn(in -> in.keyId.startsWith("COUNTRY") && in.windowStart == W)
                .extracting(in -> in.messageId).startsWith("m-0", "m-1").endsWith("m-49");

        List<AlertInput> none = new ArrayList<>();
        new DeltaToAlertExamples(SIZE, false, 50).flatMap(failed(1, W), new ListCollector<>(none));
        assertThat(none).isEmpty();
    }
}
