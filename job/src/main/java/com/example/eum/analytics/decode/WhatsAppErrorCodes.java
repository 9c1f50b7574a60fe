package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.FailureClass;

/**
 * The one table from Meta WhatsApp Cloud API error codes (errors[0].code on a failed status) to a
 * {@link FailureClass}; mirrored in schemas/canonical-event.md.
 *
 * <ul>
 *   <li>INVALID: 131026 (message undeliverable, e.g. not a WhatsApp user), 131021 (recipient = sender);</li>
 *   <li>POLICY: 131047 (re-engagement: 24 h window closed), 131049 (Meta's per-user marketing limit, "healthy
 *       ecosystem engagement": a frequency rule, not a block of the sender), 131051 (unsupported message type),
 *       132000-132016 (template errors), 470 (legacy re-engagement), 131042 (business payment issue);</li>
 *   <li>BLOCKED: 131048 (spam rate limit), 130472 (user in experiment), 131056 (pair rate limit);</li>
 *   <li>UNKNOWN: anything else, and a failed status without a code.</li>
 * </ul>
 */
public final class WhatsAppErrorCodes {
    private WhatsAppErrorCodes() {}

    public static FailureClass classify(Integer code) {
        if (code == null) {
            return FailureClass.UNKNOWN;
        }
        int c = code;
        if (c == 131026 || c == 131021) {
            return FailureClass.INVALID;
        }
        if (c == 131047 || c == 131049 || c == 131051 || c == 470 || c == 131042 || (c >= 132000 && c <= 132016)) {
            return FailureClass.POLICY;
        }
        if (c == 131048 || c == 130472 || c == 131056) {
            return FailureClass.BLOCKED;
        }
        return FailureClass.UNKNOWN;
    }
}
