package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.MessageDelta;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The use-case limit in Flink's keyed harness: roll-up per window, the counter, and state that drains to zero. */
class UseCaseLimitTest {
    private static final long SIZE = 60_000;
    private static final long LATENESS = 120_000;
    private static final long W0 = 1_748_872_800_000L;

    private KeyedOneInputStreamOperatorTestHarness<Long, MessageDelta, MessageDelta> h;
    private InterceptingOperatorMetricGroup metrics;

    private void open(int limit) throws Exception {
        open(limit, null);
    }

    private void open(int limit, OperatorSubtaskState restored) throws Exception {
        metrics = new InterceptingExportedGroup();
        InterceptingOperatorMetricGroup group = metrics;
        UnregisteredMetricGroups.UnregisteredTaskMetricGroup task = new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
            @Override
            public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name) {
                return group;
            }
        };
        h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new UseCaseLimit(limit, SIZE, LATENESS)),
                d -> UseCaseLimit.windowStart(d, SIZE), Types.LONG, new MockEnvironmentBuilder().setMetricGroup(task).build());
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private void send(long t, String useCase) throws Exception {
        MessageDelta d = Deltas.delta(t, Channel.SMS, "US", "+1", "m" + t);
        d.useCase = useCase;
        h.processElement(new StreamRecord<>(d, t));
    }

    private List<String> useCases() {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord) {
                out.add(((MessageDelta) ((StreamRecord<?>) o).getValue()).useCase);
            }
        }
        return out;
    }

    @Test
    void valuesBeyondTheLimitOfAWindowRollUpToOtherAndAreCounted() throws Exception {
        open(2);
        send(W0 + 1, "otp");
        send(W0 + 2, "alerts");
        send(W0 + 3, "marketing");   // third distinct value in the window
        send(W0 + 4, "otp");         // admitted before: stays
        send(W0 + 5, "marketing");   // refused before: stays refused
        send(W0 + 6, null);          // no use case: untouched, not counted
        send(W0 + SIZE + 1, "marketing"); // next window: its own limit
        assertThat(useCases()).containsExactly("otp", "alerts", "other", "otp", "other", null, "marketing");
        assertThat(((Counter) metrics.get(UseCaseLimit.ROLLED_UP_METRIC)).getCount()).isEqualTo(2);
    }

    @Test
    void aWindowOpenedBeforeARestoreKeepsItsAdmissionsFromTheState() throws Exception {
        open(2);
        send(W0 + 1, "otp");
        send(W0 + 2, "alerts");
        OperatorSubtaskState snapshot = h.snapshot(1L, 1L);
        h.close();
        open(2, snapshot);
        send(W0 + 3, "marketing"); // the window is full: refused although this subtask's heap never saw it open
        send(W0 + 4, "alerts");    // admitted before the restore
        send(W0 + 5, "otp");
        send(W0 + 6, "marketing");
        send(W0 + SIZE + 1, "marketing"); // a window opened after the restore
        send(W0 + SIZE + 2, "otp");
        send(W0 + SIZE + 3, "alerts");    // third value there: refused
        assertThat(useCases()).containsExactly("other", "alerts", "otp", "other", "marketing", "otp", "other");
        assertThat(((Counter) metrics.get(UseCaseLimit.ROLLED_UP_METRIC)).getCount()).isEqualTo(3);
    }

    @Test
    void stateOfAWindowIsClearedWhenItsLatenessHasPassed() throws Exception {
        open(50);
        send(W0 + 1, "otp");
        send(W0 + SIZE + 1, "alerts");
        assertThat(h.numKeyedStateEntries()).isPositive();
        h.processWatermark(W0 + SIZE - 1 + LATENESS);
        assertThat(h.numKeyedStateEntries()).as("first window still open for late deltas").isPositive();
        h.processWatermark(W0 + 2 * SIZE - 1 + LATENESS);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }
}
