package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.DeadLetterReason;

/**
 * Raised inside the decoder when a record (or one part of a batch) cannot be used; caught by {@link RecordDecoder}
 * and turned into a dead letter. The detail names the field and what was expected, never payload text.
 */
final class DecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final DeadLetterReason reason;
    final String detail;

    DecodeException(DeadLetterReason reason, String detail) {
        super(reason.code() + ": " + detail, null, false, false);
        this.reason = reason;
        this.detail = detail;
    }

    /** The same failure, with where it happened ("logEvents[2]", "SNS Message") in front of the detail. */
    DecodeException at(String where) {
        return new DecodeException(reason, where + ": " + detail);
    }
}
