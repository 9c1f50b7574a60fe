package com.example.eum.analytics.eventtime;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import static com.example.eum.analytics.eventtime.Events.HOUR;
import static com.example.eum.analytics.eventtime.Events.MIN;
import static com.example.eum.analytics.eventtime.Events.T0;
import static com.example.eum.analytics.eventtime.Events.replayed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard operator's state across a savepoint: the frontier and the held events survive it (a watermark does not),
 * so after a restore what the previous run had closed is late at once and a held outlier is still refused.
 */
class EventTimeGuardOperatorTest {
    @Test
    void frontierAndHeldEventsSurviveASavepointAndHeldOnesAreSettledBeforeTheFinalWatermark() throws Exception {
        JobConfig cfg = new JobConfig();
        OperatorSubtaskState snapshot;
        try (OneInputStreamOperatorTestHarness<CanonicalEvent, CanonicalEvent> before = open(cfg, null)) {
            for (int i = 0; i < 12; i++) {
                before.processElement(new StreamRecord<>(replayed("e" + i, T0 + 100 * HOUR + i * MIN)));
            }
            before.processElement(new StreamRecord<>(replayed("outlier", T0 + 300 * HOUR)));
            assertThat(ids(before.extractOutputValues())).hasSize(12).doesNotContain("outlier");
            snapshot = before.snapshot(1L, 1L);
        }

        try (OneInputStreamOperatorTestHarness<CanonicalEvent, CanonicalEvent> after = open(cfg, snapshot)) {
            // 73 h + behind the restored frontier (T0 + 100 h 11 min): closed by the previous run, so late at once,
            // although no watermark has been seen since the restore
            after.processElement(new StreamRecord<>(replayed("closed", T0 + 27 * HOUR)));
            after.processElement(new StreamRecord<>(replayed("open", T0 + 30 * HOUR)));
            assertThat(ids(after.extractOutputValues())).containsExactly("open");
            assertThat(reasons(after.getSideOutput(EventTimeGuardOperator.DEAD_LETTERS))).containsExactly("late:closed");

            after.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(reasons(after.getSideOutput(EventTimeGuardOperator.DEAD_LETTERS)))
                    .containsExactly("late:closed", "future_timestamp:outlier");
            // the held outlier was settled before the final watermark went downstream
            assertThat(after.getOutput().stream().filter(o -> o instanceof Watermark).count()).isEqualTo(1);
        }
    }

    private static OneInputStreamOperatorTestHarness<CanonicalEvent, CanonicalEvent> open(JobConfig cfg, OperatorSubtaskState restore) throws Exception {
        OneInputStreamOperatorTestHarness<CanonicalEvent, CanonicalEvent> h = new OneInputStreamOperatorTestHarness<>(new EventTimeGuardOperator(cfg));
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
        return h;
    }

    private static List<String> ids(List<CanonicalEvent> events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.eventId));
        return out;
    }

    private static List<String> reasons(Queue<StreamRecord<DeadLetter>> q) {
        List<String> out = new ArrayList<>();
        if (q != null) {
            q.forEach(r -> out.add(r.getValue().reason + ":" + r.getValue().payload.replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1")));
        }
        return out;
    }
}
