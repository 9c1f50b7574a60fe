package com.example.eum.analytics.eventtime;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static com.example.eum.analytics.eventtime.Events.DAY;
import static com.example.eum.analytics.eventtime.Events.HOUR;
import static com.example.eum.analytics.eventtime.Events.MIN;
import static com.example.eum.analytics.eventtime.Events.T0;
import static com.example.eum.analytics.eventtime.Events.event;
import static com.example.eum.analytics.eventtime.Events.replayed;
import static org.assertj.core.api.Assertions.assertThat;

/** The guard's verdicts, rule by rule (pure logic, no Flink). */
class EventTimeGuardTest {
    private final JobConfig cfg = new JobConfig(); // skew 15m, jump 1h, 10 confirmations, lateness 72h + 1m
    private final EventTimeGuard guard = new EventTimeGuard(cfg);
    private final List<String> passed = new ArrayList<>();
    private final List<DeadLetter> dead = new ArrayList<>();
    private final EventTimeGuard.Out out = new EventTimeGuard.Out() {
        @Override
        public void pass(CanonicalEvent event) {
            passed.add(event.eventId);
        }

        @Override
        public void deadLetter(DeadLetter d) {
            dead.add(d);
        }
    };

    @Test
    void anEventFurtherAheadOfItsArrivalThanTheSkewIsAFutureTimestamp() {
        guard.offer(event("ok", T0 + 14 * MIN, T0), out);
        guard.offer(event("ahead", T0 + 16 * MIN, T0), out);
        assertThat(passed).containsExactly("ok");
        assertThat(reasons()).containsExactly("future_timestamp");
        assertThat(dead.get(0).detail).contains("ahead of its ingest time");
        assertThat(dead.get(0).payload).contains("\"eventId\":\"ahead\"").contains("\"eventTime\":" + (T0 + 16 * MIN));
    }

    @Test
    void replayEventsAreHeldUntilTenAgreeThenAllPassInArrivalOrder() {
        for (int i = 0; i < 9; i++) {
            guard.offer(replayed("e" + i, T0 + i * MIN), out);
        }
        assertThat(passed).isEmpty();
        guard.offer(replayed("e9", T0 + 9 * MIN), out);
        assertThat(passed).containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9");
        assertThat(guard.frontier().frontier()).isEqualTo(T0 + 9 * MIN);
        assertThat(dead).isEmpty();
    }

    @Test
    void isolatedOutliersAheadAreHeldAndBecomeFutureTimestampsWhileFarPastOnesAreLate() {
        guard.offer(replayed("past", T0 - 30 * DAY), out); // first of all: held like everything else at the start
        guard.offer(replayed("days", T0 + 5 * DAY), out);
        for (int i = 0; i < 30; i++) {
            guard.offer(replayed("e" + i, T0 + i * MIN), out);
            if (i == 15) {
                guard.offer(replayed("hours", T0 + 6 * HOUR), out);
            }
        }
        assertThat(passed).hasSize(30).doesNotContain("past", "days", "hours");
        assertThat(reasons()).containsExactly("late");
        assertThat(guard.frontier().frontier()).isEqualTo(T0 + 29 * MIN);
        guard.endOfInput(out);
        assertThat(dead.stream().map(d -> d.reason + ":" + d.payload.substring(12, 17)).collect(Collectors.toList()))
                .containsExactly("late:past\"", "future_timestamp:days\"", "future_timestamp:hours");
        assertThat(dead.get(1).detail).contains("ahead of the event-time frontier 2025-06-02T14:29:00Z").contains("input ended");
    }

    @Test
    void aRealGapIsCrossedAndNothingIsLost() {
        for (int i = 0; i < 10; i++) {
            guard.offer(replayed("a" + i, T0 + i * MIN), out);
        }
        for (int i = 0; i < 10; i++) {
            guard.offer(replayed("b" + i, T0 + 5 * HOUR + i * MIN), out);
        }
        guard.endOfInput(out);
        assertThat(passed).hasSize(20);
        assertThat(dead).isEmpty();
        assertThat(guard.frontier().frontier()).isEqualTo(T0 + 5 * HOUR + 9 * MIN);
    }

    @Test
    void aReceiptLaggingItsRequestByDaysIsVouchedForByTheRequestTime() {
        CanonicalEvent receipt = replayed("ttl", T0 + 3 * DAY);
        receipt.requestTime = T0 + 2 * MIN;
        guard.offer(receipt, out); // before the frontier is known: held
        for (int i = 0; i < 10; i++) {
            guard.offer(replayed("e" + i, T0 + i * MIN), out);
        }
        assertThat(passed).contains("ttl").hasSize(11);
        assertThat(guard.frontier().frontier()).isEqualTo(T0 + 9 * MIN); // and it moved nothing
        CanonicalEvent tooLate = replayed("bogus", T0 + 4 * DAY);
        tooLate.requestTime = T0; // no receipt comes 4 days after its request
        guard.offer(tooLate, out);
        guard.endOfInput(out);
        assertThat(reasons()).containsExactly("future_timestamp");
    }

    @Test
    void withFewerEventsThanConfirmationsTheLargestGroupIsTakenAtTheEnd() {
        guard.offer(replayed("a", T0), out);
        guard.offer(replayed("b", T0 + MIN), out);
        guard.offer(replayed("outlier", T0 + 2 * DAY), out);
        guard.endOfInput(out);
        assertThat(passed).containsExactly("a", "b");
        assertThat(reasons()).containsExactly("future_timestamp");
    }

    @Test
    void afterARestoreWhatThePreviousRunClosedIsLateAtOnce() {
        guard.frontier().restore(T0 + 10 * DAY);
        guard.offer(replayed("closed", T0 + 10 * DAY - 73 * HOUR), out);
        guard.offer(replayed("open", T0 + 10 * DAY - 71 * HOUR), out);
        assertThat(passed).containsExactly("open");
        assertThat(reasons()).containsExactly("late");
        assertThat(dead.get(0).detail).contains("behind the event-time frontier");
    }

    @Test
    void unconfirmedOutliersExpireSoHeldStateStaysBounded() {
        for (int i = 0; i < 10; i++) {
            guard.offer(replayed("e" + i, T0 + i * MIN), out);
        }
        guard.offer(replayed("outlier", T0 + 9 * DAY), out);
        for (int i = 0; i <= EventTimeFrontier.EXPIRY_OBSERVATIONS; i++) {
            guard.offer(replayed("f" + i, T0 + 10 * MIN + i), out);
        }
        assertThat(guard.frontier().held()).isZero();
        assertThat(reasons()).containsExactly("future_timestamp");
        assertThat(dead.get(0).detail).contains("in the next " + EventTimeFrontier.EXPIRY_OBSERVATIONS + " events");
    }

    @Test
    void liveRecordsVouchedForByArrivalPassAtOnceEvenAfterAQuietNight() {
        guard.offer(event("night", T0, T0 + 1_000), out);
        guard.offer(event("morning", T0 + 9 * HOUR, T0 + 9 * HOUR + 1_000), out);
        assertThat(passed).containsExactly("night", "morning");
        assertThat(guard.frontier().frontier()).isEqualTo(T0 + 9 * HOUR);
    }

    private List<String> reasons() {
        return dead.stream().map(d -> d.reason).collect(Collectors.toList());
    }
}
