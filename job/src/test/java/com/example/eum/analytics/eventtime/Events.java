package com.example.eum.analytics.eventtime;

import com.example.eum.analytics.model.CanonicalEvent;

/** Canonical events for the event-time tests: only what the guard reads (ids, type, times, source). */
final class Events {
    static final long T0 = 1_748_872_800_000L; // 2025-06-02T14:00:00Z
    static final long MIN = 60_000;
    static final long HOUR = 3_600_000;
    static final long DAY = 24 * HOUR;
    /** Replays are read long after the fact: their ingest time vouches for nothing. */
    static final long READ_TIME = T0 + 500 * DAY;

    private Events() {}

    static CanonicalEvent replayed(String id, long eventTime) {
        return event(id, eventTime, READ_TIME);
    }

    static CanonicalEvent event(String id, long eventTime, long ingestTime) {
        CanonicalEvent e = new CanonicalEvent();
        e.eventId = id;
        e.messageId = "m-" + id;
        e.eventType = "TEXT_DELIVERED";
        e.eventTime = eventTime;
        e.ingestTime = ingestTime;
        e.source = "test";
        return e;
    }
}
