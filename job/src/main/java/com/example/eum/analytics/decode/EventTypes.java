package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.Status;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The one table from SMS/MMS/voice/RCS configuration-set event types (DOMAIN.md §1.2) to channel, canonical
 * {@link Status}, {@link FailureClass} and default finality (used only when a record has no {@code isFinal}).
 *
 * <p>Documented choices: TEXT_SUCCESSFUL and TEXT_DELIVERED both mean DELIVERED (used interchangeably by country);
 * voice INITIATED/RINGING/ANSWERED are SENT; VOICE_COMPLETED is DELIVERED (audio played, maybe to voicemail);
 * RCS_FALLEN_BACK_TO_SMS is SENT and not final (the SMS leg reports its own events); RCS sent with TEXT_* types
 * (origination is an RCS agent id) cannot be told apart from SMS and stay SMS. The table is mirrored in
 * schemas/canonical-event.md.
 */
public final class EventTypes {

    /** What one raw event type means. */
    public static final class Meaning {
        public final Channel channel;
        public final Status status;
        public final FailureClass failureClass;
        public final boolean defaultFinal;

        Meaning(Channel channel, Status status, FailureClass failureClass, boolean defaultFinal) {
            this.channel = channel;
            this.status = status;
            this.failureClass = failureClass;
            this.defaultFinal = defaultFinal;
        }
    }

    private static final Map<String, Meaning> TYPES;
    private static final Map<String, Channel> PREFIXES;

    static {
        Map<String, Channel> p = new HashMap<>();
        p.put("TEXT_", Channel.SMS);
        p.put("MEDIA_", Channel.MMS);
        p.put("VOICE_", Channel.VOICE);
        p.put("RCS_", Channel.RCS);
        PREFIXES = Collections.unmodifiableMap(p);

        Map<String, Meaning> t = new HashMap<>();
        // SMS
        inFlight(t, Channel.SMS, "TEXT_QUEUED", Status.QUEUED);
        inFlight(t, Channel.SMS, "TEXT_PENDING", Status.PENDING);
        inFlight(t, Channel.SMS, "TEXT_SENT", Status.SENT);
        success(t, Channel.SMS, "TEXT_SUCCESSFUL", Status.DELIVERED);
        success(t, Channel.SMS, "TEXT_DELIVERED", Status.DELIVERED);
        failure(t, Channel.SMS, "TEXT_BLOCKED", FailureClass.BLOCKED);
        failure(t, Channel.SMS, "TEXT_CARRIER_BLOCKED", FailureClass.BLOCKED);
        failure(t, Channel.SMS, "TEXT_SPAM", FailureClass.BLOCKED);
        failure(t, Channel.SMS, "TEXT_INVALID", FailureClass.INVALID);
        failure(t, Channel.SMS, "TEXT_INVALID_MESSAGE", FailureClass.INVALID);
        failure(t, Channel.SMS, "TEXT_UNREACHABLE", FailureClass.UNREACHABLE);
        failure(t, Channel.SMS, "TEXT_CARRIER_UNREACHABLE", FailureClass.UNREACHABLE);
        failure(t, Channel.SMS, "TEXT_TTL_EXPIRED", FailureClass.EXPIRED);
        failure(t, Channel.SMS, "TEXT_UNKNOWN", FailureClass.UNKNOWN);
        failure(t, Channel.SMS, "TEXT_PROTECT_BLOCKED", FailureClass.PROTECT_BLOCKED);
        // MMS
        inFlight(t, Channel.MMS, "MEDIA_QUEUED", Status.QUEUED);
        inFlight(t, Channel.MMS, "MEDIA_PENDING", Status.PENDING);
        success(t, Channel.MMS, "MEDIA_SUCCESSFUL", Status.DELIVERED);
        success(t, Channel.MMS, "MEDIA_DELIVERED", Status.DELIVERED);
        failure(t, Channel.MMS, "MEDIA_BLOCKED", FailureClass.BLOCKED);
        failure(t, Channel.MMS, "MEDIA_CARRIER_BLOCKED", FailureClass.BLOCKED);
        failure(t, Channel.MMS, "MEDIA_SPAM", FailureClass.BLOCKED);
        failure(t, Channel.MMS, "MEDIA_INVALID", FailureClass.INVALID);
        failure(t, Channel.MMS, "MEDIA_INVALID_MESSAGE", FailureClass.INVALID);
        failure(t, Channel.MMS, "MEDIA_FILE_TYPE_UNSUPPORTED", FailureClass.INVALID);
        failure(t, Channel.MMS, "MEDIA_FILE_SIZE_EXCEEDED", FailureClass.INVALID);
        failure(t, Channel.MMS, "MEDIA_FILE_INACCESSIBLE", FailureClass.INVALID);
        failure(t, Channel.MMS, "MEDIA_UNREACHABLE", FailureClass.UNREACHABLE);
        failure(t, Channel.MMS, "MEDIA_CARRIER_UNREACHABLE", FailureClass.UNREACHABLE);
        failure(t, Channel.MMS, "MEDIA_TTL_EXPIRED", FailureClass.EXPIRED);
        failure(t, Channel.MMS, "MEDIA_UNKNOWN", FailureClass.UNKNOWN);
        // Voice
        inFlight(t, Channel.VOICE, "VOICE_INITIATED", Status.SENT);
        inFlight(t, Channel.VOICE, "VOICE_RINGING", Status.SENT);
        inFlight(t, Channel.VOICE, "VOICE_ANSWERED", Status.SENT);
        success(t, Channel.VOICE, "VOICE_COMPLETED", Status.DELIVERED);
        failure(t, Channel.VOICE, "VOICE_BUSY", FailureClass.UNREACHABLE);
        failure(t, Channel.VOICE, "VOICE_NO_ANSWER", FailureClass.UNREACHABLE);
        failure(t, Channel.VOICE, "VOICE_FAILED", FailureClass.UNKNOWN);
        failure(t, Channel.VOICE, "VOICE_TTL_EXPIRED", FailureClass.EXPIRED);
        // RCS
        inFlight(t, Channel.RCS, "RCS_QUEUED", Status.QUEUED);
        inFlight(t, Channel.RCS, "RCS_SENT", Status.SENT);
        inFlight(t, Channel.RCS, "RCS_FALLEN_BACK_TO_SMS", Status.SENT);
        success(t, Channel.RCS, "RCS_DELIVERED", Status.DELIVERED);
        success(t, Channel.RCS, "RCS_READ", Status.READ);
        failure(t, Channel.RCS, "RCS_FAILED", FailureClass.UNKNOWN);
        failure(t, Channel.RCS, "RCS_TTL_EXPIRED", FailureClass.EXPIRED);
        failure(t, Channel.RCS, "RCS_PROTECT_BLOCKED", FailureClass.PROTECT_BLOCKED);
        TYPES = Collections.unmodifiableMap(t);
    }

    private EventTypes() {}

    private static void inFlight(Map<String, Meaning> t, Channel c, String type, Status s) {
        t.put(type, new Meaning(c, s, null, false));
    }

    private static void success(Map<String, Meaning> t, Channel c, String type, Status s) {
        t.put(type, new Meaning(c, s, null, true));
    }

    private static void failure(Map<String, Meaning> t, Channel c, String type, FailureClass fc) {
        t.put(type, new Meaning(c, Status.FAILED, fc, true));
    }

    /** The meaning of a raw type, or null when it is not a known type. */
    public static Meaning lookup(String eventType) {
        return TYPES.get(eventType);
    }

    /** Whether the type starts with one of the known channel prefixes (TEXT_, MEDIA_, VOICE_, RCS_). */
    public static boolean hasKnownPrefix(String eventType) {
        for (String p : PREFIXES.keySet()) {
            if (eventType.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Every known type (for documentation and tests). */
    public static Map<String, Meaning> all() {
        return TYPES;
    }
}
