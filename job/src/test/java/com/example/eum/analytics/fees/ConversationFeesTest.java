package com.example.eum.analytics.fees;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.SumColumn;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The CBP rule: one conversation fee per conversation_id, on its earliest message, whatever the arrival order. */
class ConversationFeesTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long FEE = 50_000;
    private static final long AWS = 5_000;

    private final ConversationFees rules = new ConversationFees(Duration.ofHours(78));

    /** A lifecycle delta of a billable CBP message: the Meta fee (and the AWS fee) in the WhatsApp total. */
    static MessageDelta feeDelta(String messageId, long time, long fee) {
        MessageDelta d = new MessageDelta();
        d.attributionTime = time;
        d.channel = Channel.WHATSAPP;
        d.isoCountryCode = "CA";
        d.originationId = "+12065550199";
        d.messageId = messageId;
        d.conversationId = "conv-1";
        d.add(SumColumn.MESSAGES, 1);
        d.add(SumColumn.WHATSAPP_META_FEE_MICROS, fee);
        d.add(SumColumn.WHATSAPP_AWS_FEE_MICROS, AWS);
        d.add(SumColumn.WHATSAPP_FEE_MICROS, fee + AWS);
        return d;
    }

    private List<MessageDelta> apply(ConversationCharge s, MessageDelta... deltas) {
        List<MessageDelta> out = new ArrayList<>();
        for (MessageDelta d : deltas) {
            out.addAll(rules.onFeeDelta(s, d));
        }
        return out;
    }

    /** column -> (message id -> sum), for exact per-message and total checks. */
    private static Map<String, Long> sum(List<MessageDelta> out, SumColumn c) {
        Map<String, Long> m = new TreeMap<>();
        for (MessageDelta d : out) {
            m.merge(d.messageId + "@" + (d.attributionTime - T0), d.get(c), Long::sum);
        }
        return m;
    }

    @Test
    void twoMessagesInOneConversationPayOneConversationFeeAndTwoMessageFees() {
        List<MessageDelta> out = apply(new ConversationCharge(), feeDelta("wamid.1", T0, FEE), feeDelta("wamid.2", T0 + 60_000, FEE));

        assertThat(sum(out, SumColumn.WHATSAPP_META_FEE_MICROS)).containsExactly(Map.entry("wamid.1@0", FEE), Map.entry("wamid.2@60000", 0L));
        assertThat(sum(out, SumColumn.WHATSAPP_AWS_FEE_MICROS)).containsExactly(Map.entry("wamid.1@0", AWS), Map.entry("wamid.2@60000", AWS));
        assertThat(sum(out, SumColumn.WHATSAPP_FEE_MICROS)).containsExactly(Map.entry("wamid.1@0", FEE + AWS), Map.entry("wamid.2@60000", AWS));
        assertThat(sum(out, SumColumn.MESSAGES).values()).containsExactly(1L, 1L);
    }

    @Test
    void aFeeTakenBackLandsInTheRowThatWasCharged() {
        MessageDelta later = feeDelta("wamid.2", T0 + 60_000, FEE);
        later.messageType = "utility";
        later.useCase = "order-update";
        later.mcc = "302";
        later.mnc = "720";
        later.carrierName = "Rogers";
        MessageDelta earlier = feeDelta("wamid.1", T0, FEE);
        earlier.messageType = "marketing";
        earlier.useCase = "newsletter";

        List<MessageDelta> out = apply(new ConversationCharge(), later, earlier);

        // the correction takes the fee back from wamid.2's full key (every metrics table's row), not a key without
        // its message type, use case and network
        MessageDelta takeBack = out.get(2);
        assertThat(takeBack.messageId).isEqualTo("wamid.2");
        assertThat(takeBack.get(SumColumn.WHATSAPP_META_FEE_MICROS)).isEqualTo(-FEE);
        assertThat(List.of(takeBack.messageType, takeBack.useCase, takeBack.mcc, takeBack.mnc, takeBack.carrierName))
                .containsExactly("utility", "order-update", "302", "720", "Rogers");
        assertThat(out.get(1).messageType).isEqualTo("marketing");
    }

    @Test
    void theEarliestMessagePaysWhateverTheArrivalOrder() {
        ConversationCharge s = new ConversationCharge();
        List<MessageDelta> out = apply(s, feeDelta("wamid.2", T0 + 60_000, FEE), feeDelta("wamid.3", T0 + 120_000, FEE),
                feeDelta("wamid.1", T0, FEE));

        // wamid.2 paid first, then handed the fee to wamid.1 (a correction at wamid.2's window); wamid.3 never paid
        assertThat(sum(out, SumColumn.WHATSAPP_META_FEE_MICROS))
                .containsExactly(Map.entry("wamid.1@0", FEE), Map.entry("wamid.2@60000", 0L), Map.entry("wamid.3@120000", 0L));
        assertThat(out.stream().mapToLong(d -> d.get(SumColumn.WHATSAPP_FEE_MICROS)).sum()).isEqualTo(FEE + 3 * AWS);
        assertThat(out.stream().mapToLong(d -> d.get(SumColumn.MESSAGES)).sum()).isEqualTo(3);
        assertThat(s.messageId).isEqualTo("wamid.1");
        assertThat(s.chargedTime).isEqualTo(T0);
        assertThat(s.latestTime).isEqualTo(T0 + 120_000);
    }

    @Test
    void aTieInTimeGoesToTheSmallerMessageIdAndARepeatIsNotChargedTwice() {
        ConversationCharge s = new ConversationCharge();
        List<MessageDelta> out = apply(s, feeDelta("wamid.b", T0, FEE), feeDelta("wamid.a", T0, FEE), feeDelta("wamid.a", T0, FEE));

        assertThat(out.stream().mapToLong(d -> d.get(SumColumn.WHATSAPP_META_FEE_MICROS)).sum()).isEqualTo(FEE);
        assertThat(s.messageId).isEqualTo("wamid.a");
    }

    @Test
    void theStateExpires24HoursPlusTheStateHorizonAfterTheLatestMessage() {
        ConversationCharge s = new ConversationCharge();
        apply(s, feeDelta("wamid.1", T0, FEE), feeDelta("wamid.2", T0 + 3_600_000, FEE));
        assertThat(rules.expiryTime(s)).isEqualTo(T0 + 3_600_000 + Duration.ofHours(24 + 78).toMillis());
    }
}
