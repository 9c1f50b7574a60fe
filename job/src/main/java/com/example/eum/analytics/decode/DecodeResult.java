package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one raw record decoded to: zero or more events and zero or more dead letters. A record that fails as a
 * whole gives exactly one dead letter; a batch that fails in part (one bad CloudWatch log event, one bad WhatsApp
 * status) gives the good events plus one dead letter per bad part. A CloudWatch CONTROL_MESSAGE gives neither.
 */
public final class DecodeResult {
    private final List<CanonicalEvent> events = new ArrayList<>(2);
    private final List<DeadLetter> deadLetters = new ArrayList<>(1);

    void add(CanonicalEvent e) {
        events.add(e);
    }

    void add(DeadLetter d) {
        deadLetters.add(d);
    }

    public List<CanonicalEvent> events() {
        return Collections.unmodifiableList(events);
    }

    public List<DeadLetter> deadLetters() {
        return Collections.unmodifiableList(deadLetters);
    }

    @Override
    public String toString() {
        return "DecodeResult{events=" + events + ", deadLetters=" + deadLetters + "}";
    }
}
