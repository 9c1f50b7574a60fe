package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.RawRecord;

/**
 * Where the decoder is inside one record: the envelopes unwrapped so far (outermost first), the AWS account they
 * named, and the bytes of the current part (what a dead letter for this part keeps as payload).
 */
final class Envelope {
    final RawRecord record;
    final String chain;
    final String accountId;
    final int depth;
    final byte[] partPayload;

    private Envelope(RawRecord record, String chain, String accountId, int depth, byte[] partPayload) {
        this.record = record;
        this.chain = chain;
        this.accountId = accountId;
        this.depth = depth;
        this.partPayload = partPayload;
    }

    static Envelope root(RawRecord r) {
        return new Envelope(r, "", null, 0, r.payload);
    }

    /** One more envelope layer (SNS, EVENTBRIDGE, CLOUDWATCH_LOGS); keeps the outer account id if this has none. */
    Envelope wrap(String layer, String layerAccountId) {
        return new Envelope(record, chain.isEmpty() ? layer : chain + ">" + layer,
                layerAccountId != null ? layerAccountId : accountId, depth + 1, partPayload);
    }

    /** The same position, but a dead letter here keeps {@code bytes} (e.g. one CloudWatch log event's message). */
    Envelope part(byte[] bytes) {
        return new Envelope(record, chain, accountId, depth, bytes);
    }

    String chainWith(String terminal) {
        return chain.isEmpty() ? terminal : chain + ">" + terminal;
    }

    /** A new event with the record-level columns filled in. */
    CanonicalEvent newEvent(String terminal, String familyAccountId) {
        CanonicalEvent e = new CanonicalEvent();
        e.sourceEnvelope = chainWith(terminal);
        e.accountId = familyAccountId != null ? familyAccountId : accountId;
        e.source = record.source;
        e.ingestTime = record.ingestTime;
        return e;
    }

    DeadLetter deadLetter(DecodeException e) {
        return DeadLetters.of(e.reason.code(), e.detail, partPayload, record.source, record.ingestTime);
    }
}
