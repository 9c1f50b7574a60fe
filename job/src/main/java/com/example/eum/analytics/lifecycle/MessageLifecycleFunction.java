package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.fees.WhatsAppFees;
import com.example.eum.analytics.metrics.ExportedMetrics;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.MessageDelta;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.KeyContext;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.List;

import static com.example.eum.analytics.lifecycle.MessageState.NONE;

/**
 * The message lifecycle operator: keyed by messageId, it keeps one {@link MessageState} per message, applies
 * {@link LifecycleRules} to every event and emits the resulting {@link MessageDelta}s. One event-time timer per
 * message, at the earliest of its due times, fires the feedback timeout (request time + feedbackTimeout), the
 * outcome_unknown move and the expiry that clears the state stateHorizon after the message's latest event, so state
 * is bounded. An expiry that has nothing to emit is a timer of {@link MessageLifecycleOperator}'s clear-timer service,
 * which drops the state without reading it; the function runs only in that operator. On RocksDB, recently used
 * messages are kept on the heap and written back once ({@link RecentMessages}). Records later than the watermark minus
 * the allowed lateness go to {@link #DEAD_LETTERS} with reason {@code late} and change nothing.
 */
public class MessageLifecycleFunction extends KeyedProcessFunction<String, CanonicalEvent, MessageDelta> {
    private static final long serialVersionUID = 1L;

    /** Late records and feedback that never met its message. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("lifecycle-dead-letters", TypeInformation.of(DeadLetter.class));

    private final LifecycleRules rules;
    private final long allowedLatenessMs;
    /** Messages kept on the heap on RocksDB ({@code Processing.recentMessages}). */
    private final int recentMessages;
    private transient ValueState<MessageState> state;
    private transient RecentMessages messages;
    /** Set by {@link MessageLifecycleOperator}: its key context and timer services (Flink's, and the clear timers). */
    private transient KeyContext keys;
    private transient InternalTimerService<VoidNamespace> userTimers;
    private transient InternalTimerService<VoidNamespace> clearTimers;
    private transient Counter deltasEmitted;
    private transient Counter duplicatesDropped;
    private transient Counter lateRecords;
    private transient Counter feedbackWithoutMessage;

    public MessageLifecycleFunction(JobConfig cfg, WhatsAppFees fees) {
        this.rules = new LifecycleRules(cfg, fees);
        this.allowedLatenessMs = cfg.allowedLateness.toMillis();
        this.recentMessages = cfg.recentMessages;
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
                .transform("message-lifecycle", MessageDeltaTypeInfo.INSTANCE, new MessageLifecycleOperator(new MessageLifecycleFunction(cfg, fees)))
                .name("message-lifecycle")
                .uid("message-lifecycle");
    }

    /** Called by {@link MessageLifecycleOperator} before it opens this function. */
    void useOperator(KeyContext keys, InternalTimerService<VoidNamespace> userTimers, InternalTimerService<VoidNamespace> clearTimers) {
        this.keys = keys;
        this.userTimers = userTimers;
        this.clearTimers = clearTimers;
    }

    @Override
    public void open(OpenContext openContext) {
        if (clearTimers == null) {
            throw new IllegalStateException("MessageLifecycleFunction runs in a MessageLifecycleOperator (see MessageLifecycleFunction.apply), "
                    + "which gives it the timers that clear expired messages");
        }
        // explicit compact serializer, which leaves out the message id (the key, set again on every read); older
        // releases' state (POJO, release 1; format 1, release 2) restores into it
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("message", MessageStateSerializer.INSTANCE));
        messages = new RecentMessages(state, recentMessages, new RecentMessages.Writer() {
            @Override
            public void registeredTimer(RecentMessages.Entry m) {
                m.timer = nextTimer(m.state);
                m.timerClears = onlyClears(m.state);
            }

            @Override
            public void write(String key, RecentMessages.Entry m) throws Exception {
                writeAs(key, m, Long.MIN_VALUE);
            }
        });
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
        String key = ctx.getCurrentKey();
        RecentMessages.Entry m = messages.get(key);
        MessageState s = m.state;
        if (s == null) {
            s = new MessageState();
        } else {
            s.messageId = key;
        }
        if (rules.isDuplicate(s, e)) {
            duplicatesDropped.inc();
            return;
        }
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
        m.state = s;
        messages.changed(key, m, earliest(m.timer, nextTimer(s)));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MessageDelta> out) throws Exception {
        String key = ctx.getCurrentKey();
        RecentMessages.Entry m = messages.get(key);
        if (m.timer == timestamp && !m.timerClears) {
            m.timer = NONE; // this one fired: Flink no longer holds it
        }
        MessageState s = m.state;
        if (s == null) {
            return;
        }
        s.messageId = key;
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
            // release 1 registered a timer per due time; today's one timer is this one, or one of these
            if (s.feedbackTimer != NONE) {
                userTimers.deleteEventTimeTimer(VoidNamespace.INSTANCE, s.feedbackTimer);
            }
            if (s.unknownTimer != NONE) {
                userTimers.deleteEventTimeTimer(VoidNamespace.INSTANCE, s.unknownTimer);
            }
            messages.remove(key);
            return;
        }
        // the next due time of this message (none of its times is at or before this one any more), written now: the
        // watermark being advanced may already be past it, and only a timer of this same service fires in this advance
        writeAs(key, m, ctx.timerService().currentWatermark());
    }

    /**
     * A timer of the clear-timer service fired: the message's expiry, which emits nothing (the function put the timer
     * there because {@link #onlyClears} held, and any change since moved it), so the state goes unread.
     */
    void clearExpired(String key, long timestamp) {
        RecentMessages.Entry m = messages.onHeap(key);
        if (m != null && (m.timer != timestamp || !m.timerClears)) {
            // cannot happen (changes are written, moving the timer, before a watermark passes it); keeping the state
            // is the safe answer: the message's current timer clears it
            return;
        }
        messages.remove(key);
    }

    /** Writes every unwritten change (before a checkpoint takes the keyed state). */
    void flush() throws Exception {
        messages.flush();
    }

    /** Writes the unwritten changes before the watermark passes the old or new time of an unwritten timer. */
    void beforeWatermark(long watermark) throws Exception {
        messages.flushIfDue(watermark);
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

    /**
     * True when the message's one timer is its expiry and that expiry only clears the state: no feedback or
     * outcome-unknown time is pending, and the rules have nothing to emit at expiry. Such a timer goes to the
     * clear-timer service.
     */
    private boolean onlyClears(MessageState s) {
        return s.feedbackTimer == NONE && s.unknownTimer == NONE && s.expiryTimer != NONE && rules.expiryOnlyClears(s);
    }

    /**
     * Writes message {@code key}: moves its one timer from where Flink holds it ({@link RecentMessages.Entry#timer}) to
     * where its state needs it, then stores the state, under that key (set as the current key meanwhile if it is not).
     * A timer at or before {@code advancing} (the watermark whose timers are firing now, or Long.MIN_VALUE outside a
     * firing) stays in the function's own service: Flink advances one timer service after the other, so a timer put in
     * the other one would wait for the next watermark.
     */
    private void writeAs(String key, RecentMessages.Entry m, long advancing) throws Exception {
        Object current = keys.getCurrentKey();
        boolean other = !key.equals(current);
        if (other) {
            keys.setCurrentKey(key);
        }
        try {
            MessageState s = m.state;
            long next = nextTimer(s);
            boolean nextClears = next != NONE && next > advancing && onlyClears(s);
            if (m.timer != next || m.timerClears != nextClears) {
                if (m.timer != NONE) {
                    (m.timerClears ? clearTimers : userTimers).deleteEventTimeTimer(VoidNamespace.INSTANCE, m.timer);
                }
                if (next != NONE) {
                    (nextClears ? clearTimers : userTimers).registerEventTimeTimer(VoidNamespace.INSTANCE, next);
                }
                m.timer = next;
                m.timerClears = nextClears;
            }
            state.update(s);
            m.dirty = false;
        } finally {
            if (other) {
                keys.setCurrentKey(current);
            }
        }
    }

    private void emit(List<MessageDelta> deltas, Collector<MessageDelta> out) {
        for (MessageDelta d : deltas) {
            deltasEmitted.inc();
            out.collect(d);
        }
    }
}
