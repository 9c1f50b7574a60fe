package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.fees.WhatsAppFees;
import com.example.eum.analytics.metrics.ExportedMetrics;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.MessageDelta;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.List;

import static com.example.eum.analytics.lifecycle.MessageState.NONE;

/**
 * The message lifecycle operator: keyed by messageId, it keeps one {@link MessageState} per message, applies
 * {@link LifecycleRules} to every event and emits the resulting {@link MessageDelta}s. One event-time timer per
 * message, at the earliest of its due times, fires the feedback timeout (request time + feedbackTimeout), the
 * outcome_unknown move and the expiry that clears the state stateHorizon after the message's latest event, so state
 * is bounded. Records later than the watermark minus the allowed lateness go to
 * {@link #DEAD_LETTERS} with reason {@code late} and change nothing.
 */
public class MessageLifecycleFunction extends KeyedProcessFunction<String, CanonicalEvent, MessageDelta> {
    private static final long serialVersionUID = 1L;

    /** Late records and feedback that never met its message. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("lifecycle-dead-letters", TypeInformation.of(DeadLetter.class));

    private final LifecycleRules rules;
    private final long allowedLatenessMs;

    /**
     * Messages whose state is also kept on the heap ({@link RecentMessages}): a message's receipts mostly arrive
     * within the next few thousand messages, so on RocksDB they are read without a native get. About 10 MiB.
     */
    static final int RECENT_MESSAGES = 20_000;

    private transient RecentMessages state;
    private transient Counter deltasEmitted;
    private transient Counter duplicatesDropped;
    private transient Counter lateRecords;
    private transient Counter feedbackWithoutMessage;

    public MessageLifecycleFunction(JobConfig cfg, WhatsAppFees fees) {
        this.rules = new LifecycleRules(cfg, fees);
        this.allowedLatenessMs = cfg.allowedLateness.toMillis();
    }

    /**
     * Keys the events by messageId and applies the lifecycle; dead letters via {@code getSideOutput(DEAD_LETTERS)}. What
     * crosses the keyBy is the lifecycle's view of each event (only the fields the rules read, explicit serializer).
     */
    public static SingleOutputStreamOperator<MessageDelta> apply(DataStream<CanonicalEvent> events, JobConfig cfg, WhatsAppFees fees) {
        return events
                .map(new LifecycleInputFunction(new LifecycleRules(cfg, fees)), new LifecycleEventTypeInfo())
                .name("lifecycle-input")
                .uid("lifecycle-input")
                .keyBy(e -> e.messageId, Types.STRING)
                .process(new MessageLifecycleFunction(cfg, fees), MessageDeltaTypeInfo.INSTANCE)
                .name("message-lifecycle")
                .uid("message-lifecycle");
    }

    @Override
    public void open(OpenContext openContext) {
        // explicit compact serializer, which leaves out the message id (the key, set again on every read); older
        // releases' state (POJO, release 1; format 1, release 2) restores into it
        state = new RecentMessages(getRuntimeContext().getState(new ValueStateDescriptor<>("message", MessageStateSerializer.INSTANCE)),
                RECENT_MESSAGES);
        MetricGroup metrics = ExportedMetrics.of(getRuntimeContext());
        deltasEmitted = metrics.counter("deltasEmitted");
        duplicatesDropped = metrics.counter("duplicatesDropped");
        lateRecords = metrics.counter("lateRecords");
        feedbackWithoutMessage = metrics.counter("feedbackWithoutMessage");
    }

    @Override
    public void processElement(CanonicalEvent e, Context ctx, Collector<MessageDelta> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE && e.eventTime < watermark - allowedLatenessMs) {
            lateRecords.inc();
            ctx.output(DEAD_LETTERS, rules.lateRecord(e, watermark));
            return;
        }
        MessageState s = state.value(ctx.getCurrentKey());
        if (s == null) {
            s = new MessageState();
        } else {
            s.messageId = ctx.getCurrentKey();
        }
        if (rules.isDuplicate(s, e)) {
            duplicatesDropped.inc();
            return;
        }
        long registered = nextTimer(s);
        emit(rules.onEvent(s, e, watermark), out);
        long deadline = rules.feedbackDeadline(s);
        if (deadline != NONE && s.feedbackTimer != deadline) {
            s.feedbackTimer = deadline;
        }
        long unknownAt = rules.outcomeUnknownTime(s);
        if (unknownAt != NONE && s.unknownTimer == NONE) {
            s.unknownTimer = unknownAt;
        } else if (unknownAt == NONE && s.unknownTimer != NONE) {
            s.unknownTimer = NONE;
        }
        s.expiryTimer = rules.expiryTime(s);
        moveTimer(ctx, registered, nextTimer(s));
        state.update(ctx.getCurrentKey(), s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MessageDelta> out) throws Exception {
        MessageState s = state.value(ctx.getCurrentKey());
        if (s == null) {
            return;
        }
        s.messageId = ctx.getCurrentKey();
        if (timestamp == s.feedbackTimer) {
            s.feedbackTimer = NONE;
            emit(rules.onFeedbackTimeout(s), out);
        }
        if (timestamp == s.unknownTimer) {
            s.unknownTimer = NONE;
            emit(rules.onOutcomeUnknown(s), out);
        }
        if (timestamp == s.expiryTimer) {
            // state restored from release 1 has no outcome-unknown timer: a message still without outcome moves now
            emit(rules.onOutcomeUnknown(s), out);
            List<DeadLetter> dead = rules.onExpiry(s);
            for (DeadLetter d : dead) {
                feedbackWithoutMessage.inc();
                ctx.output(DEAD_LETTERS, d);
            }
            if (s.feedbackTimer != NONE) {
                ctx.timerService().deleteEventTimeTimer(s.feedbackTimer);
            }
            if (s.unknownTimer != NONE) {
                ctx.timerService().deleteEventTimeTimer(s.unknownTimer);
            }
            state.clear(ctx.getCurrentKey());
            return;
        }
        // the next due time of this message (none of its times is at or before this one any more)
        long next = nextTimer(s);
        if (next != NONE) {
            ctx.timerService().registerEventTimeTimer(next);
        }
        state.update(ctx.getCurrentKey(), s);
    }

    /**
     * The one event-time timer a message has: the earliest of its feedback, outcome-unknown and expiry times. The
     * three times stay in {@link MessageState} as before (so release-1 state, which registered one timer per time,
     * restores unchanged: its extra timers fire, find their time in the state and act, or find nothing and do nothing).
     * Flink fires timers in timestamp order and fires a timer registered at or before the watermark in the same
     * advance, so every time still fires at its own timestamp, in the same order as with one timer each.
     */
    private static long nextTimer(MessageState s) {
        return earliest(earliest(s.feedbackTimer, s.unknownTimer), s.expiryTimer);
    }

    private static long earliest(long a, long b) {
        return a == NONE ? b : b == NONE ? a : Math.min(a, b);
    }

    private static void moveTimer(Context ctx, long registered, long next) {
        if (registered == next) {
            return;
        }
        if (registered != NONE) {
            ctx.timerService().deleteEventTimeTimer(registered);
        }
        if (next != NONE) {
            ctx.timerService().registerEventTimeTimer(next);
        }
    }

    private void emit(List<MessageDelta> deltas, Collector<MessageDelta> out) {
        for (MessageDelta d : deltas) {
            deltasEmitted.inc();
            out.collect(d);
        }
    }
}
