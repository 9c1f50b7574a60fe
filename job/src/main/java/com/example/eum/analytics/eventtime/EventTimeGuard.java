package com.example.eum.analytics.eventtime;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.DeadLetterReason;

import java.time.Instant;

/**
 * Decides, per canonical event, whether its event time may enter the pipeline, so that no single record can move
 * event time for everyone. Plain Java, no Flink types; not thread-safe (one per operator subtask). The rules
 * (schemas/lifecycle-rules.md, "Event time"), in order:
 * <ol>
 *   <li><b>Future</b>: more than {@code maxFutureSkew} ahead of its ingest time (the Kinesis approximate arrival
 *       time; a replay's read time) → dead letter {@code future_timestamp}.</li>
 *   <li><b>Late</b>: more than {@code maxOutOfOrderness + allowedLateness} behind this subtask's
 *       {@link EventTimeFrontier frontier} → dead letter {@code late}. The frontier is kept in savepoints (watermarks
 *       are not), so after a restore the job still refuses what the previous run had closed.</li>
 *   <li><b>Vouched by arrival</b>: within {@code eventTimeMaxJump} before its ingest time (a live record) → passes
 *       and moves the frontier.</li>
 *   <li><b>Within reach</b> of the frontier (at most {@code eventTimeMaxJump} ahead) → passes.</li>
 *   <li><b>Vouched by request</b>: a receipt whose request time is within reach of the frontier and whose event
 *       time is at most {@code allowedLateness} after it (receipts lag up to 72 h) → passes, but moves nothing.</li>
 *   <li>Otherwise it is <b>held</b> until {@code eventTimeConfirmations} events agree (then it passes), and becomes
 *       a {@code future_timestamp} dead letter if they never do.</li>
 * </ol>
 */
public final class EventTimeGuard {
    /** Where the guard's verdicts go. */
    public interface Out {
        void pass(CanonicalEvent event);

        void deadLetter(DeadLetter deadLetter);
    }

    private final long maxFutureSkew;
    private final long maxJump;
    private final long lateHorizon;
    private final long maxReceiptLag;
    private final EventTimeFrontier<CanonicalEvent> frontier;
    /** The listener for the last {@link Out} used (an operator uses one), so none is allocated per event. */
    private Out listenerOut;
    private EventTimeFrontier.Listener<CanonicalEvent> listener;

    public EventTimeGuard(JobConfig cfg) {
        this.maxFutureSkew = cfg.maxFutureSkew.toMillis();
        this.maxJump = cfg.eventTimeMaxJump.toMillis();
        this.lateHorizon = cfg.maxOutOfOrderness.toMillis() + cfg.allowedLateness.toMillis();
        this.maxReceiptLag = cfg.allowedLateness.toMillis();
        this.frontier = new EventTimeFrontier<>(maxJump, cfg.eventTimeConfirmations);
    }

    /** The frontier this guard judges by (to snapshot and restore it). */
    public EventTimeFrontier<CanonicalEvent> frontier() {
        return frontier;
    }

    public void offer(CanonicalEvent e, Out out) {
        EventTimeFrontier.Listener<CanonicalEvent> listener = listener(out);
        long t = e.eventTime;
        if (t > e.ingestTime + maxFutureSkew) {
            out.deadLetter(deadLetter(DeadLetterReason.FUTURE_TIMESTAMP, e, "event time " + Instant.ofEpochMilli(t)
                    + " is more than " + maxFutureSkew + " ms ahead of its ingest time " + Instant.ofEpochMilli(e.ingestTime)));
            return;
        }
        if (isLate(t)) {
            out.deadLetter(late(e));
            return;
        }
        if (t >= e.ingestTime - maxJump) {
            frontier.advance(t, listener);
            out.pass(e);
            return;
        }
        boolean vouched = vouchedByRequest(e);
        if (frontier.observe(t, vouched ? null : e, listener) || vouched) {
            out.pass(e);
        }
        // the frontier may have moved: a held receipt whose request is now within reach may go
        frontier.releaseIf(this::vouchedByRequest, listener);
    }

    /** The input ended: held events either pass (their group is the best evidence left) or are dead letters. */
    public void endOfInput(Out out) {
        EventTimeFrontier.Listener<CanonicalEvent> listener = listener(out);
        frontier.releaseIf(this::vouchedByRequest, listener);
        frontier.endOfInput(listener);
    }

    private boolean isLate(long t) {
        long f = frontier.frontier();
        return f != EventTimeFrontier.UNKNOWN && t < f - lateHorizon;
    }

    private boolean vouchedByRequest(CanonicalEvent e) {
        long f = frontier.frontier();
        return e.requestTime != null && f != EventTimeFrontier.UNKNOWN && e.requestTime <= f + maxJump
                && e.eventTime >= e.requestTime && e.eventTime - e.requestTime <= maxReceiptLag;
    }

    private EventTimeFrontier.Listener<CanonicalEvent> listener(Out out) {
        if (out != listenerOut) {
            listenerOut = out;
            listener = newListener(out);
        }
        return listener;
    }

    private EventTimeFrontier.Listener<CanonicalEvent> newListener(Out out) {
        return new EventTimeFrontier.Listener<>() {
            @Override
            public void released(CanonicalEvent e, long timestamp) {
                if (isLate(timestamp)) {
                    out.deadLetter(late(e));
                } else {
                    out.pass(e);
                }
            }

            @Override
            public void expired(CanonicalEvent e, long timestamp, String why) {
                out.deadLetter(deadLetter(DeadLetterReason.FUTURE_TIMESTAMP, e, "event time " + Instant.ofEpochMilli(timestamp)
                        + " is more than " + maxJump + " ms ahead of the event-time frontier " + describeFrontier() + " and " + why));
            }
        };
    }

    private DeadLetter late(CanonicalEvent e) {
        return deadLetter(DeadLetterReason.LATE, e, "event time " + Instant.ofEpochMilli(e.eventTime) + " is behind the event-time frontier "
                + describeFrontier() + " by more than the out-of-orderness plus the allowed lateness (" + lateHorizon + " ms)");
    }

    private String describeFrontier() {
        long f = frontier.frontier();
        return f == EventTimeFrontier.UNKNOWN ? "(not yet known)" : Instant.ofEpochMilli(f).toString();
    }

    /** A dead letter for {@code e}: a compact description of the event as payload, never the destination number. */
    static DeadLetter deadLetter(DeadLetterReason reason, CanonicalEvent e, String detail) {
        return DeadLetter.ofEvent(reason, "event " + e.eventType + " of message " + e.messageId + ": " + detail, e);
    }
}
