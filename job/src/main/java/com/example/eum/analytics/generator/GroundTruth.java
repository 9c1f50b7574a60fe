package com.example.eum.analytics.generator;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.WindowMetrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the generator injected, counted per message from the records it actually emits (arrival before the run's
 * horizon) with the job's documented rules, per (channel, country) and per (channel, origination):
 * a message counts once when any of its status records is emitted; delivered if any final success was emitted
 * (TEXT/MEDIA_SUCCESSFUL or _DELIVERED, WhatsApp delivered or read), else failed (by {@link FailureClass}) if a
 * final failure was emitted, else pending; price, carrier fee and parts once per message; OTPs with
 * {@code context.feedbackEnabled=true} are tracked, converted when a RECEIVED feedback with a timestamp within 1 h
 * of the request was emitted, otherwise feedback-failed (FAILED record or timeout), late when RECEIVED came after
 * the timeout; messages with a protect configuration recommending BLOCK; WhatsApp billable messages by pricing category (a status with billable pricing was emitted);
 * inbound WhatsApp messages. Also transport totals: records, duplicates, late and malformed records.
 */
public final class GroundTruth {

    /** Counters of one key. Public and mutable so a caller can fill one with what the job measured. */
    public static final class Counts {
        public long messages;
        public long delivered;
        public long failed;
        public final EnumMap<FailureClass, Long> failedByClass = new EnumMap<>(FailureClass.class);
        public long pending;
        public long read;
        public long inbound;
        public long feedbackTracked;
        public long converted;
        public long feedbackFailed;
        public long lateFeedback;
        /** Messages whose events carry a protect configuration recommending BLOCK (FILTER-blocked or MONITOR). */
        public long protectBlockRecommended;
        public long priceMicros;
        public long carrierFeeMicros;
        public long parts;
        /** WhatsApp billable messages by pricing category (marketing, utility, authentication, service). */
        public final TreeMap<String, Long> billableByCategory = new TreeMap<>();

        public long failed(FailureClass fc) {
            return failedByClass.getOrDefault(fc, 0L);
        }

        /** Delivered / (delivered + failed), as the job's delivery_rate; NaN without outcomes. */
        public double deliveryRate() {
            return delivered + failed == 0 ? Double.NaN : (double) delivered / (delivered + failed);
        }

        /** Converted / feedback tracked, or NaN without tracked messages. */
        public double conversionRate() {
            return feedbackTracked == 0 ? Double.NaN : (double) converted / feedbackTracked;
        }

        void add(Counts o) {
            messages += o.messages;
            delivered += o.delivered;
            failed += o.failed;
            o.failedByClass.forEach((k, v) -> failedByClass.merge(k, v, Long::sum));
            pending += o.pending;
            read += o.read;
            inbound += o.inbound;
            feedbackTracked += o.feedbackTracked;
            converted += o.converted;
            feedbackFailed += o.feedbackFailed;
            lateFeedback += o.lateFeedback;
            protectBlockRecommended += o.protectBlockRecommended;
            priceMicros += o.priceMicros;
            carrierFeeMicros += o.carrierFeeMicros;
            parts += o.parts;
            o.billableByCategory.forEach((k, v) -> billableByCategory.merge(k, v, Long::sum));
        }

        /**
         * Adds one metrics row the job wrote (use the highest revision of each window), so measured totals can be
         * compared with the injected ones field by field.
         */
        public void add(WindowMetrics w) {
            messages += w.messages;
            delivered += w.delivered;
            failed += w.failed;
            addClass(FailureClass.BLOCKED, w.failedBlocked);
            addClass(FailureClass.PROTECT_BLOCKED, w.failedProtectBlocked);
            addClass(FailureClass.INVALID, w.failedInvalid);
            addClass(FailureClass.UNREACHABLE, w.failedUnreachable);
            addClass(FailureClass.EXPIRED, w.failedExpired);
            addClass(FailureClass.POLICY, w.failedPolicy);
            addClass(FailureClass.UNKNOWN, w.failedUnknown);
            pending += w.pending;
            read += w.read;
            inbound += w.inbound;
            feedbackTracked += w.feedbackTracked;
            converted += w.converted;
            feedbackFailed += w.feedbackFailed;
            lateFeedback += w.lateFeedback;
            protectBlockRecommended += w.protectBlockRecommended;
            priceMicros += w.priceMicros;
            carrierFeeMicros += w.carrierFeeMicros;
            parts += w.messageParts;
            addBillable("marketing", w.billableMarketing);
            addBillable("utility", w.billableUtility);
            addBillable("authentication", w.billableAuthentication);
            addBillable("service", w.billableService);
        }

        private void addClass(FailureClass fc, long n) {
            if (n != 0) {
                failedByClass.merge(fc, n, Long::sum);
            }
        }

        private void addBillable(String category, long n) {
            if (n != 0) {
                billableByCategory.merge(category, n, Long::sum);
            }
        }

        /**
         * Every compared value in one canonical string (zero and absent failure classes or billable categories are the
         * same), so injected and measured counts compare with one equals.
         */
        public String fingerprint() {
            StringBuilder b = new StringBuilder();
            b.append("messages=").append(messages).append(" delivered=").append(delivered).append(" failed=").append(failed)
                    .append(" pending=").append(pending).append(" read=").append(read).append(" inbound=").append(inbound)
                    .append(" tracked=").append(feedbackTracked).append(" converted=").append(converted)
                    .append(" feedbackFailed=").append(feedbackFailed).append(" lateFeedback=").append(lateFeedback)
                    .append(" protectBlockRecommended=").append(protectBlockRecommended)
                    .append(" price=").append(priceMicros).append(" carrierFee=").append(carrierFeeMicros).append(" parts=").append(parts);
            for (FailureClass fc : FailureClass.values()) {
                b.append(' ').append(fc).append('=').append(failed(fc));
            }
            billableByCategory.forEach((k, v) -> {
                if (v != 0) {
                    b.append(" billable_").append(k).append('=').append(v);
                }
            });
            return b.toString();
        }

        @Override
        public String toString() {
            return "Counts{messages=" + messages + ", delivered=" + delivered + ", failed=" + failed + failedByClass + ", pending=" + pending
                    + ", read=" + read + ", inbound=" + inbound + ", tracked=" + feedbackTracked + ", converted=" + converted
                    + ", feedbackFailed=" + feedbackFailed + ", lateFeedback=" + lateFeedback + ", protectBlockRecommended=" + protectBlockRecommended + ", priceMicros=" + priceMicros
                    + ", carrierFeeMicros=" + carrierFeeMicros + ", parts=" + parts + ", billable=" + billableByCategory + "}";
        }
    }

    private final EnumMap<Channel, TreeMap<String, Counts>> byCountry = new EnumMap<>(Channel.class);
    private final EnumMap<Channel, TreeMap<String, Counts>> byOrigination = new EnumMap<>(Channel.class);
    /** Records emitted, including duplicates and malformed ones. */
    public long records;
    public long duplicates;
    public long lateRecords;
    public long malformed;
    /** Emitted records by kind: sms_event, mms_event, whatsapp_status, whatsapp_inbound, feedback, malformed. */
    public final TreeMap<String, Long> recordsByKind = new TreeMap<>();

    /**
     * What the job measured, shaped like the truth: the latest revision of every window of a metrics table (see
     * {@code cli.LakeSummary#latestWindows}) summed per channel and key.
     */
    public static Map<Channel, Map<String, Counts>> measured(Iterable<WindowMetrics> latestWindows) {
        Map<Channel, Map<String, Counts>> out = new EnumMap<>(Channel.class);
        for (WindowMetrics w : latestWindows) {
            out.computeIfAbsent(w.channel, c -> new TreeMap<>()).computeIfAbsent(w.key, k -> new Counts()).add(w);
        }
        return out;
    }

    /** Per country of the given channel (empty map if none). */
    public Map<String, Counts> byCountry(Channel channel) {
        return byCountry.getOrDefault(channel, new TreeMap<>());
    }

    /** Per origination id of the given channel (SMS/MMS sender as sent; WhatsApp "+" display number). */
    public Map<String, Counts> byOrigination(Channel channel) {
        return byOrigination.getOrDefault(channel, new TreeMap<>());
    }

    /** Sum over countries of one channel. */
    public Counts total(Channel channel) {
        Counts t = new Counts();
        byCountry(channel).values().forEach(t::add);
        return t;
    }

    /** Computes the ground truth of a bounded run (a full planning pass; nothing is rendered). */
    public static GroundTruth of(GeneratorSettings settings) {
        if (!settings.isBounded()) {
            throw new IllegalArgumentException("ground truth needs a bounded run (a duration)");
        }
        TrafficModel model = new TrafficModel(settings);
        GroundTruth t = new GroundTruth();
        long n = model.messageCount();
        for (long i = 0; i < n; i++) {
            t.add(model.plan(i), settings.horizonEnd());
        }
        return t;
    }

    /** The failure class the job assigns to a WhatsApp error code the generator uses. */
    static FailureClass whatsappFailureClass(int code) {
        switch (code) {
            case 131047: // re-engagement window
            case 131049: // Meta chose not to deliver (healthy ecosystem / per-user marketing limit)
                return FailureClass.POLICY;
            case 131026: // undeliverable, e.g. not a WhatsApp user
                return FailureClass.INVALID;
            case 131048: // spam rate limit
                return FailureClass.BLOCKED;
            default:
                return FailureClass.UNKNOWN;
        }
    }

    /** The failure class of an SMS/MMS event type suffix (after TEXT_ / MEDIA_). */
    static FailureClass smsFailureClass(String status) {
        switch (status) {
            case "BLOCKED":
            case "CARRIER_BLOCKED":
            case "SPAM":
                return FailureClass.BLOCKED;
            case "PROTECT_BLOCKED":
                return FailureClass.PROTECT_BLOCKED;
            case "INVALID":
            case "INVALID_MESSAGE":
            case "FILE_TYPE_UNSUPPORTED":
            case "FILE_SIZE_EXCEEDED":
            case "FILE_INACCESSIBLE":
                return FailureClass.INVALID;
            case "UNREACHABLE":
            case "CARRIER_UNREACHABLE":
                return FailureClass.UNREACHABLE;
            case "TTL_EXPIRED":
                return FailureClass.EXPIRED;
            default:
                return FailureClass.UNKNOWN;
        }
    }

    private static Channel channel(MessagePlan p) {
        switch (p.kind) {
            case SMS: return Channel.SMS;
            case MMS: return Channel.MMS;
            default: return Channel.WHATSAPP;
        }
    }

    private static String kindName(MessagePlan p, MessagePlan.Record r) {
        if (r.malformed != null) {
            return "malformed";
        }
        if (p.events.get(r.events[0]).type.startsWith("FEEDBACK_")) {
            return "feedback";
        }
        switch (p.kind) {
            case SMS: return "sms_event";
            case MMS: return "mms_event";
            case WHATSAPP: return "whatsapp_status";
            default: return "whatsapp_inbound";
        }
    }

    void add(MessagePlan p, long horizonEnd) {
        boolean[] seen = new boolean[p.events.size()];
        boolean any = false;
        for (MessagePlan.Record r : p.records) {
            if (r.arrival >= horizonEnd) {
                continue;
            }
            records++;
            recordsByKind.merge(kindName(p, r), 1L, Long::sum);
            if (r.malformed != null) {
                malformed++;
                continue;
            }
            if (r.duplicate) {
                duplicates++;
            }
            if (r.late) {
                lateRecords++;
            }
            for (int e : r.events) {
                seen[e] = true;
                any |= !p.events.get(e).type.startsWith("FEEDBACK_");
            }
        }
        if (!any) {
            return;
        }
        Counts c = new Counts();
        if (p.kind == MessagePlan.Kind.WHATSAPP_INBOUND) {
            c.inbound = 1;
        } else {
            c.messages = 1;
            countOutcome(p, seen, c);
        }
        Channel ch = channel(p);
        byCountry.computeIfAbsent(ch, k -> new TreeMap<>()).computeIfAbsent(p.country, k -> new Counts()).add(c);
        byOrigination.computeIfAbsent(ch, k -> new TreeMap<>()).computeIfAbsent(p.origination, k -> new Counts()).add(c);
    }

    private static void countOutcome(MessagePlan p, boolean[] seen, Counts c) {
        boolean success = false;
        FailureClass failure = null;
        boolean billable = false;
        long deadline = p.requestTime + TrafficModel.FEEDBACK_TIMEOUT;
        boolean converted = false;
        boolean late = false;
        for (int e = 0; e < seen.length; e++) {
            if (!seen[e]) {
                continue;
            }
            MessagePlan.Event ev = p.events.get(e);
            if ("FEEDBACK_RECEIVED".equals(ev.type)) {
                converted |= ev.time <= deadline;
                late |= ev.time > deadline;
            } else if (p.kind == MessagePlan.Kind.WHATSAPP) {
                success |= "delivered".equals(ev.type) || "read".equals(ev.type);
                if ("read".equals(ev.type)) {
                    c.read = 1;
                }
                if ("failed".equals(ev.type)) {
                    failure = whatsappFailureClass(p.errorCode);
                }
                billable |= ev.pricing && p.billable;
            } else if (ev.isFinal && !ev.type.startsWith("FEEDBACK_")) {
                String status = ev.type.substring(p.kind == MessagePlan.Kind.MMS ? "MEDIA_".length() : "TEXT_".length());
                if ("SUCCESSFUL".equals(status) || "DELIVERED".equals(status)) {
                    success = true;
                } else {
                    failure = smsFailureClass(status);
                }
            }
        }
        if (success) {
            c.delivered = 1;
        } else if (failure != null) {
            c.failed = 1;
            c.failedByClass.put(failure, 1L);
        } else {
            c.pending = 1;
        }
        if (p.kind != MessagePlan.Kind.WHATSAPP) {
            c.protectBlockRecommended = "BLOCK".equals(p.protectRecommendation) ? 1 : 0;
            c.priceMicros = p.priceMicros;
            c.carrierFeeMicros = p.carrierFeeMicros;
            c.parts = p.parts;
        } else if (billable) {
            c.billableByCategory.put(p.category, 1L);
        }
        if (p.feedbackEnabled) {
            c.feedbackTracked = 1;
            c.converted = converted ? 1 : 0;
            c.feedbackFailed = converted ? 0 : 1;
            c.lateFeedback = late ? 1 : 0;
        }
    }
}
