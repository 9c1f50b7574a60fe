package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.fees.ConversationFeeFunction;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.SumColumn;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.example.eum.analytics.lifecycle.Ev.HOUR;
import static com.example.eum.analytics.lifecycle.Ev.MIN;
import static com.example.eum.analytics.lifecycle.Ev.SEC;
import static com.example.eum.analytics.lifecycle.Ev.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message-lifecycle operator feeding the conversation-fees operator, each in Flink's keyed test harness (keyed by
 * message id, then by conversation id, as the pipeline wires them): two billable CBP messages in one conversation
 * pay one conversation fee, two PMP messages pay two; per-key totals exact; the conversation state drains to zero.
 */
class ConversationFeeOperatorTest {
    private static final long CONVERSATION_FEE = FixedWhatsAppFees.MARKETING;
    private static final long HORIZON = new JobConfig().stateHorizon.toMillis();

    private KeyedOneInputStreamOperatorTestHarness<String, CanonicalEvent, MessageDelta> lifecycle;
    private KeyedOneInputStreamOperatorTestHarness<String, MessageDelta, MessageDelta> conversations;
    private final List<MessageDelta> out = new ArrayList<>();

    private void open() throws Exception {
        JobConfig cfg = new JobConfig();
        lifecycle = new KeyedOneInputStreamOperatorTestHarness<>(
                new MessageLifecycleOperator(new MessageLifecycleFunction(cfg, new FixedWhatsAppFees())), e -> e.messageId, Types.STRING);
        conversations = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ConversationFeeFunction(cfg)), d -> d.conversationId, Types.STRING);
        lifecycle.getExecutionConfig().disableGenericTypes();
        conversations.getExecutionConfig().disableGenericTypes();
        lifecycle.open();
        conversations.open();
    }

    @AfterEach
    void close() throws Exception {
        if (lifecycle != null) {
            lifecycle.close();
            conversations.close();
        }
    }

    /** Events through the lifecycle; its deltas with a conversation fee through the conversation operator (the others bypass it). */
    private void send(CanonicalEvent... events) throws Exception {
        for (CanonicalEvent e : events) {
            int before = lifecycle.extractOutputValues().size();
            lifecycle.processElement(e, e.eventTime);
            List<MessageDelta> produced = lifecycle.extractOutputValues();
            for (MessageDelta d : produced.subList(before, produced.size())) {
                if (d.conversationId == null) {
                    out.add(d);
                } else {
                    int seen = conversations.extractOutputValues().size();
                    conversations.processElement(d, e.eventTime);
                    List<MessageDelta> charged = conversations.extractOutputValues();
                    out.addAll(charged.subList(seen, charged.size()));
                }
            }
        }
    }

    private static CanonicalEvent sent(String id, long t, String model, String conversation) {
        return Ev.whatsapp(id).wa("sent", t).country("CA").pricing(model, "marketing", null, true).conversation(conversation).build();
    }

    private static CanonicalEvent delivered(String id, long t, String model, String conversation) {
        return Ev.whatsapp(id).wa("delivered", t).country("CA").pricing(model, "marketing", null, true).conversation(conversation).build();
    }

    /** message id -> sum of a column over everything forwarded to the windows. */
    private Map<String, Long> perMessage(SumColumn c) {
        Map<String, Long> m = new TreeMap<>();
        for (MessageDelta d : out) {
            m.merge(d.messageId, d.get(c), Long::sum);
        }
        return m;
    }

    private long total(SumColumn c) {
        return out.stream().mapToLong(d -> d.get(c)).sum();
    }

    @Test
    void twoMessagesOfOneCbpConversationPayTheConversationFeeOnce() throws Exception {
        open();
        send(sent("wamid.1", T0, "CBP", "conv-A"), delivered("wamid.1", T0 + 2 * SEC, "CBP", "conv-A"),
                sent("wamid.2", T0 + 10 * MIN, "CBP", "conv-A"), delivered("wamid.2", T0 + 10 * MIN + 3 * SEC, "CBP", "conv-A"));

        assertThat(perMessage(SumColumn.WHATSAPP_META_FEE_MICROS)).containsExactly(Map.entry("wamid.1", CONVERSATION_FEE), Map.entry("wamid.2", 0L));
        assertThat(perMessage(SumColumn.WHATSAPP_AWS_FEE_MICROS)).containsExactly(
                Map.entry("wamid.1", FixedWhatsAppFees.AWS), Map.entry("wamid.2", FixedWhatsAppFees.AWS));
        assertThat(total(SumColumn.WHATSAPP_FEE_MICROS)).isEqualTo(CONVERSATION_FEE + 2 * FixedWhatsAppFees.AWS);
        assertThat(total(SumColumn.MESSAGES)).isEqualTo(2);
        assertThat(total(SumColumn.DELIVERED)).isEqualTo(2);
        assertThat(total(SumColumn.BILLABLE_MARKETING)).isEqualTo(2);
    }

    @Test
    void theOpeningMessagePaysEvenWhenItsStatusesArriveLast() throws Exception {
        open();
        send(sent("wamid.2", T0 + 10 * MIN, "CBP", "conv-B"), sent("wamid.1", T0, "CBP", "conv-B"));

        assertThat(perMessage(SumColumn.WHATSAPP_META_FEE_MICROS)).containsExactly(Map.entry("wamid.1", CONVERSATION_FEE), Map.entry("wamid.2", 0L));
        Map<Long, Long> byWindow = new TreeMap<>();
        out.forEach(d -> byWindow.merge(d.attributionTime - T0, d.get(SumColumn.WHATSAPP_META_FEE_MICROS), Long::sum));
        assertThat(byWindow).containsExactly(Map.entry(0L, CONVERSATION_FEE), Map.entry(10 * MIN, 0L));
    }

    @Test
    void twoConversationsAndPmpMessagesAreChargedEach() throws Exception {
        open();
        send(sent("wamid.1", T0, "CBP", "conv-C"), sent("wamid.2", T0 + MIN, "CBP", "conv-D"),
                sent("wamid.3", T0 + 2 * MIN, "PMP", null), sent("wamid.4", T0 + 3 * MIN, "PMP", null));

        assertThat(total(SumColumn.WHATSAPP_META_FEE_MICROS)).isEqualTo(4 * CONVERSATION_FEE);
        assertThat(conversations.numKeyedStateEntries()).isEqualTo(2);
    }

    @Test
    void conversationStateDrainsToZero() throws Exception {
        open();
        send(sent("wamid.1", T0, "CBP", "conv-E"), sent("wamid.2", T0 + HOUR, "CBP", "conv-E"), sent("wamid.3", T0, "CBP", "conv-F"));
        assertThat(conversations.numKeyedStateEntries()).isEqualTo(2);

        conversations.processWatermark(T0 + HOUR + 24 * HOUR + HORIZON - 1);
        assertThat(conversations.numKeyedStateEntries()).isEqualTo(1);
        conversations.processWatermark(T0 + HOUR + 24 * HOUR + HORIZON);
        assertThat(conversations.numKeyedStateEntries()).isZero();
        assertThat(conversations.numEventTimeTimers()).isZero();
    }
}
