package com.example.eum.analytics.alert.stage;

import com.example.eum.analytics.alert.AlertKey;
import com.example.eum.analytics.alert.WindowCounts;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.WindowMetrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Metrics rows and deltas mapped to alert inputs, and the pending windows that sum them per key. */
class AlertInputsTest {
    private static final long SIZE = 300_000;
    private static final long W = 1_795_410_000_000L;

    private static WindowMetrics row(String key, String messageType, String useCase, int revision, long messages,
            long failed) {
        WindowMetrics m = new WindowMetrics();
        m.windowStart = W;
        m.windowEnd = W + SIZE;
        m.channel = Channel.SMS;
        m.key = key;
        m.messageType = messageType;
        m.useCase = useCase;
        m.revision = revision;
        m.set(SumColumn.MESSAGES, messages);
        m.set(SumColumn.DELIVERED, messages - failed);
        m.set(SumColumn.FAILED, failed);
        m.set(SumColumn.CONVERTED, 7);
        m.set(SumColumn.FEEDBACK_FAILED, 3);
        m.set(SumColumn.PROTECT_BLOCK_RECOMMENDED, 2);
        m.set(SumColumn.PRICE_MICROS, 1_000);
        m.set(SumColumn.CARRIER_FEE_MICROS, 200);
        m.set(SumColumn.WHATSAPP_FEE_MICROS, 30);
        return m;
    }

    @Test
    void aCountryRowFeedsItsCountryKeyAndTheAccountWithEveryCount() {
        List<AlertInput> in = AlertInputs.ofRow(AlertInputs.Table.COUNTRY, row("IN", "TRANSACTIONAL", "otp", 0, 40, 4));
        assertThat(in).extracting(i -> i.keyId).containsExactly("COUNTRY/SMS/IN/otp/-/-/-", "ACCOUNT/-/-/-/-/-/-");
        AlertInput c = in.get(0);
        assertThat(List.of(c.messages, c.delivered, c.failedFinal, c.converted, c.feedbackFailed, c.protectRecommended,
                c.spendMicros)).containsExactly(40L, 36L, 4L, 7L, 3L, 2L, 1_230L);
        assertThat(c.windowStart).isEqualTo(W);
        assertThat(c.windowEnd).isEqualTo(W + SIZE);
        assertThat(in.get(1).contributor).isEqualTo("SMS IN");
    }

    @Test
    void rowsWithoutANetworkOrAnOriginationFeedNoKey() {
        assertThat(AlertInputs.ofRow(AlertInputs.Table.CARRIER, row("IN", "", "", 0, 5, 0))).isEmpty();
        assertThat(AlertInputs.ofRow(AlertInputs.Table.ORIGINATION, row("unknown", "", "", 0, 5, 0))).isEmpty();
        WindowMetrics carrier = row("IN", "", "", 0, 5, 0);
        carrier.mcc = "404";
        carrier.mnc = "45";
        assertThat(AlertInputs.ofRow(AlertInputs.Table.CARRIER, carrier)).extracting(i -> i.keyId)
                .containsExactly("CARRIER/SMS/IN/-/404-45/-/-");
        assertThat(AlertInputs.ofRow(AlertInputs.Table.ORIGINATION, row("+12065550100", "", "a/b", 0, 5, 0)))
                .extracting(i -> i.keyId).containsExactly("ORIGINATION/SMS/-/-/-/+12065550100/-");
    }

    @Test
    void everyKeyIsRecoveredFromItsIdEvenWithSeparatorsInItsDimensions() {
        WindowMetrics odd = row("IN", "", "a/b", 0, 5, 0);
        for (AlertInput in : AlertInputs.ofRow(AlertInputs.Table.COUNTRY, odd)) {
            assertThat(AlertInputs.keyOf(in.keyId)).isEqualTo(in.key());
            assertThat(AlertInputs.keyOf(in.keyId).id()).isEqualTo(in.keyId);
        }
        assertThat(AlertInputs.ofRow(AlertInputs.Table.COUNTRY, row("IN", "", "-", 0, 5, 0)).get(0).keyId)
                .isEqualTo("COUNTRY/SMS/IN/_/-/-/-");
        assertThat(AlertInputs.keyOf("CARRIER/SMS/IN/-/404-45/-/-")).isEqualTo(AlertKey.carrier("SMS", "IN", "404-45"));
    }

    @Test
    void failedUnconvertedOrFlaggedMessagesAreExamplesOfTheirKeysInTheirWindow() {
        MessageDelta failed = new MessageDelta();
        failed.attributionTime = W + 299_999;
        failed.channel = Channel.SMS;
        failed.isoCountryCode = "IN";
        failed.useCase = "otp";
        failed.mcc = "404";
        failed.mnc = "45";
        failed.originationId = "+12065550100";
        failed.messageId = "m-1";
        failed.addFailure(null, 1);
        assertThat(AlertInputs.examplesOf(failed, SIZE)).extracting(i -> i.keyId + " " + i.windowStart + " " + i.messageId)
                .containsExactly("COUNTRY/SMS/IN/otp/-/-/- " + W + " m-1", "CARRIER/SMS/IN/-/404-45/-/- " + W + " m-1",
                        "ORIGINATION/SMS/-/-/-/+12065550100/- " + W + " m-1");
        // each names the carrier and sender its key is not keyed by (the alert's top contributors)
        assertThat(AlertInputs.examplesOf(failed, SIZE)).extracting(i -> i.contributor + " | " + i.otherContributor)
                .containsExactly("carrier 404-45 | from +12065550100", "from +12065550100 | null", "carrier 404-45 | null");

        MessageDelta delivered = new MessageDelta();
        delivered.attributionTime = W;
        delivered.channel = Channel.SMS;
        delivered.messageId = "m-2";
        delivered.add(SumColumn.DELIVERED, 1);
        assertThat(AlertInputs.examplesOf(delivered, SIZE)).isEmpty();
        MessageDelta correction = new MessageDelta();
        correction.attributionTime = W;
        correction.channel = Channel.SMS;
        correction.messageId = "m-3";
        correction.addFailure(null, -1);
        assertThat(AlertInputs.examplesOf(correction, SIZE)).isEmpty();
        MessageDelta unconverted = new MessageDelta();
        unconverted.attributionTime = W + SIZE;
        unconverted.channel = Channel.SMS;
        unconverted.messageId = "m-4";
        unconverted.add(SumColumn.FEEDBACK_FAILED, 1);
        assertThat(AlertInputs.examplesOf(unconverted, SIZE)).extracting(i -> i.keyId + " " + i.windowStart)
                .containsExactly("COUNTRY/SMS/ZZ/-/-/-/- " + (W + SIZE));
    }

    @Test
    void pendingWindowsSumTheRowsOfAKeyKeepTheHighestRevisionAndSurviveTheirBinaryForm() {
        AlertKey key = AlertKey.country("SMS", "IN", "otp");
        PendingWindows p = new PendingWindows();
        p.add(AlertInputs.ofRow(AlertInputs.Table.COUNTRY, row("IN", "TRANSACTIONAL", "otp", 1, 40, 4)).get(0), 50);
        p.add(AlertInputs.ofRow(AlertInputs.Table.COUNTRY, row("IN", "TRANSACTIONAL", "otp", 0, 30, 1)).get(0), 50);
        p.add(AlertInputs.ofRow(AlertInputs.Table.COUNTRY, row("IN", "PROMOTIONAL", "otp", 0, 10, 2)).get(0), 50);
        for (int i = 0; i < 12; i++) {
            AlertInput example = new AlertInput();
            example.keyId = key.id();
            example.windowStart = W;
            example.windowEnd = W + SIZE;
            example.messageId = "m-" + (i % 11);
            p.add(example, 10);
        }
        AlertInput later = AlertInputs.ofRow(AlertInputs.Table.COUNTRY, row("IN", "", "otp", 0, 1, 0)).get(0);
        later.windowStart = W + SIZE;
        later.windowEnd = W + 2 * SIZE;
        p.add(later, 10);

        PendingWindows back = PendingWindows.fromBytes(p.toBytes());
        assertThat(back.size()).isEqualTo(2);
        assertThat(back.takeClosed(key, W + SIZE - 2)).isEmpty();
        List<WindowCounts> closed = back.takeClosed(key, W + SIZE - 1);
        assertThat(closed).hasSize(1);
        WindowCounts w = closed.get(0);
        assertThat(List.of(w.messages, w.delivered, w.failedFinal, w.converted, w.feedbackFailed, w.protectRecommended,
                w.spendMicros)).containsExactly(50L, 44L, 6L, 14L, 6L, 4L, 2_460L);
        assertThat(w.exampleMessageIds).hasSize(10).doesNotHaveDuplicates();
        assertThat(w.contributors).isEqualTo(Map.of());
        assertThat(back.size()).isEqualTo(1);
        assertThat(back.takeClosed(key, Long.MAX_VALUE)).extracting(c -> c.messages).containsExactly(1L);
        assertThat(back.isEmpty()).isTrue();
    }

    @Test
    void theCarriersAndSendersOfAWindowsAffectedMessagesAreItsContributors() {
        AlertKey key = AlertKey.country("SMS", "IN", "otp");
        PendingWindows p = new PendingWindows();
        p.add(AlertInputs.ofRow(AlertInputs.Table.COUNTRY, row("IN", "TRANSACTIONAL", "otp", 0, 40, 4)).get(0), 50);
        String[][] affected = {{"404", "45", "EXOTPS"}, {"404", "45", "EXOTPS"}, {"404", "45", "EXMPLE"}, {"405", "857", "EXOTPS"}};
        for (int i = 0; i < affected.length; i++) {
            MessageDelta d = new MessageDelta();
            d.attributionTime = W + i;
            d.channel = Channel.SMS;
            d.isoCountryCode = "IN";
            d.useCase = "otp";
            d.mcc = affected[i][0];
            d.mnc = affected[i][1];
            d.originationId = affected[i][2];
            d.messageId = "m-" + i;
            d.addFailure(null, 1);
            p.add(AlertInputs.examplesOf(d, SIZE).get(0), 2); // only 2 example ids kept, every message counted
        }
        WindowCounts w = PendingWindows.fromBytes(p.toBytes()).takeClosed(key, Long.MAX_VALUE).get(0);
        assertThat(w.exampleMessageIds).containsExactly("m-0", "m-1");
        assertThat(w.contributors).isEqualTo(Map.of("carrier 404-45", 3L, "carrier 405-857", 1L, "from EXOTPS", 3L,
                "from EXMPLE", 1L));
    }

    @Test
    void aVersion1PendingWindowReadsWithoutContributors() throws Exception {
        // what the first alerts release wrote: version 1, one window, one row of 8 counts, one example id
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeInt(1);
            out.writeLong(W);
            out.writeLong(W + SIZE);
            out.writeInt(1);
            out.writeUTF("country|TRANSACTIONAL");
            out.writeInt(0);
            out.writeBoolean(false);
            out.writeByte(8);
            for (long c : new long[] {40, 36, 4, 7, 3, 2, 1_000, 30}) {
                out.writeLong(c);
            }
            out.writeInt(1);
            out.writeUTF("m-1");
        }
        WindowCounts w = PendingWindows.fromBytes(bytes.toByteArray()).takeClosed(AlertKey.country("SMS", "IN", "otp"), Long.MAX_VALUE).get(0);
        assertThat(List.of(w.messages, w.failedFinal, w.feedbackTracked, w.spendMicros)).containsExactly(40L, 4L, 30L, 1_000L);
        assertThat(w.exampleMessageIds).containsExactly("m-1");
        assertThat(w.contributors).isEmpty();
    }
}
