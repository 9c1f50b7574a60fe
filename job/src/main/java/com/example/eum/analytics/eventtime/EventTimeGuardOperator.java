package com.example.eum.analytics.eventtime;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.DeadLetterReason;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;

/**
 * The event-time guard operator: runs {@link EventTimeGuard} on every canonical event before the watermark is
 * assigned. Passing events go on; {@code future_timestamp} and {@code late} verdicts go to {@link #DEAD_LETTERS}
 * (counted as {@code deadLetters_<reason>} in the operator's metric group, held events as {@code eventsHeld}).
 *
 * <p>State (operator state, so a savepoint keeps what a watermark cannot): the held events (redistributed on
 * rescale) and each subtask's frontier (union state; a restored subtask takes the lowest, so it is never ahead of
 * any subtask of the previous run). At the end of a bounded input (and on a drained stop) held events are settled
 * before the final watermark passes, so none of them is judged late by the operators downstream.
 */
public class EventTimeGuardOperator extends AbstractStreamOperator<CanonicalEvent>
        implements OneInputStreamOperator<CanonicalEvent, CanonicalEvent>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<DeadLetter>("event-time-dead-letters") {};

    private final JobConfig config;

    private transient EventTimeGuard guard;
    private transient EventTimeGuard.Out out;
    private transient ListState<CanonicalEvent> heldState;
    private transient ListState<Long> frontierState;
    private transient Counter futureTimestamps;
    private transient Counter late;
    private transient Counter held;

    public EventTimeGuardOperator(JobConfig config) {
        this.config = config;
        // chained to the decoder (a custom operator's default is to start a chain): otherwise every canonical event
        // crosses a task boundary and is serialised and read back (22% of the pipeline's sampled CPU, measured)
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        guard = new EventTimeGuard(config);
        heldState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("held-events", TypeInformation.of(CanonicalEvent.class)));
        frontierState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("event-time-frontier", Types.LONG));
        if (context.isRestored()) {
            long lowest = EventTimeFrontier.UNKNOWN;
            for (Long f : frontierState.get()) {
                if (f != null && f != EventTimeFrontier.UNKNOWN) {
                    lowest = lowest == EventTimeFrontier.UNKNOWN ? f : Math.min(lowest, f);
                }
            }
            guard.frontier().restore(lowest);
            for (CanonicalEvent e : heldState.get()) {
                guard.frontier().restoreCandidate(e.eventTime, e);
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        futureTimestamps = getMetricGroup().counter("deadLetters_future_timestamp");
        late = getMetricGroup().counter("deadLetters_late");
        held = getMetricGroup().counter("eventsHeld");
        out = new EventTimeGuard.Out() {
            @Override
            public void pass(CanonicalEvent event) {
                output.collect(new StreamRecord<>(event));
            }

            @Override
            public void deadLetter(DeadLetter d) {
                (DeadLetterReason.LATE.code().equals(d.reason) ? late : futureTimestamps).inc();
                output.collect(DEAD_LETTERS, new StreamRecord<>(d));
            }
        };
    }

    @Override
    public void processElement(StreamRecord<CanonicalEvent> element) {
        int before = guard.frontier().held();
        guard.offer(element.getValue(), out);
        if (guard.frontier().held() > before) {
            held.inc();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            guard.endOfInput(out);
        }
        super.processWatermark(mark);
    }

    @Override
    public void endInput() {
        guard.endOfInput(out);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<CanonicalEvent> items = new ArrayList<>();
        for (EventTimeFrontier.Candidate<CanonicalEvent> c : guard.frontier().candidates()) {
            if (c.item != null) {
                items.add(c.item);
            }
        }
        heldState.update(items);
        frontierState.update(List.of(guard.frontier().frontier()));
    }
}
