package com.example.eum.analytics.fees;

import com.example.eum.analytics.lifecycle.MessageDeltaTypeInfo;
import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.metrics.ExportedMetrics;
import com.example.eum.analytics.model.MessageDelta;

import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The conversation-fees operator: keyed by WhatsApp {@code conversation_id}, it applies {@link ConversationFees} to
 * the lifecycle's deltas that carry a CBP conversation fee, so each conversation is charged once. Its state, one
 * {@link ConversationCharge} per conversation, is cleared by an event-time timer 24 h + stateHorizon after the
 * conversation's latest message. Every other delta bypasses it (no shuffle, no state).
 */
public class ConversationFeeFunction extends KeyedProcessFunction<String, MessageDelta, MessageDelta> {
    private static final long serialVersionUID = 1L;

    /** Operator name and uid. */
    public static final String NAME = "conversation-fees";

    private final ConversationFees rules;

    private transient ValueState<ConversationCharge> state;
    private transient Counter feesRemoved;

    public ConversationFeeFunction(JobConfig cfg) {
        this.rules = new ConversationFees(cfg.stateHorizon);
    }

    /** The deltas with each CBP conversation's fee charged once; every other delta unchanged. */
    public static DataStream<MessageDelta> apply(DataStream<MessageDelta> deltas, JobConfig cfg) {
        DataStream<MessageDelta> others = deltas
                .filter(new CarriesConversationFee(false))
                .name("deltas-without-conversation-fee")
                .uid("deltas-without-conversation-fee");
        DataStream<MessageDelta> charged = deltas
                .filter(new CarriesConversationFee(true))
                .name("deltas-with-conversation-fee")
                .uid("deltas-with-conversation-fee")
                .keyBy(d -> d.conversationId, Types.STRING)
                .process(new ConversationFeeFunction(cfg), MessageDeltaTypeInfo.INSTANCE)
                .name(NAME)
                .uid(NAME);
        return others.union(charged);
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("conversation", TypeInformation.of(ConversationCharge.class)));
        feesRemoved = ExportedMetrics.of(getRuntimeContext()).counter("conversationFeesNotCharged");
    }

    @Override
    public void processElement(MessageDelta d, Context ctx, Collector<MessageDelta> out) throws Exception {
        ConversationCharge s = state.value();
        if (s == null) {
            s = new ConversationCharge();
        }
        String payerBefore = s.messageId;
        for (MessageDelta o : rules.onFeeDelta(s, d)) {
            out.collect(o);
        }
        if (payerBefore != null) {
            feesRemoved.inc();
        }
        postponeExpiry(s, ctx.timerService());
        state.update(s);
    }

    /** The expiry only moves later (it follows the latest message): one timer per conversation, the previous one deleted. */
    private void postponeExpiry(ConversationCharge s, TimerService timers) {
        long previous = s.expiryTimer;
        s.expiryTimer = Math.max(previous, rules.expiryTime(s));
        if (s.expiryTimer == previous) {
            return;
        }
        timers.registerEventTimeTimer(s.expiryTimer);
        if (previous != ConversationCharge.NONE) {
            timers.deleteEventTimeTimer(previous);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MessageDelta> out) throws Exception {
        ConversationCharge s = state.value();
        if (s != null && timestamp == s.expiryTimer) {
            state.clear();
        }
    }

    /** Selects the deltas that carry a CBP conversation fee ({@code true}) or the others ({@code false}). */
    static final class CarriesConversationFee implements FilterFunction<MessageDelta> {
        private static final long serialVersionUID = 1L;
        private final boolean carries;

        CarriesConversationFee(boolean carries) {
            this.carries = carries;
        }

        @Override
        public boolean filter(MessageDelta d) {
            return (d.conversationId != null) == carries;
        }
    }
}
