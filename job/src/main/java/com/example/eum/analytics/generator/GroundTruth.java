package com.example.eum.analytics.generator;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.WindowMetrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Set;
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
 * inbound WhatsApp messages; WhatsApp fees from the prices the run was given ({@link WhatsAppPriceList}): the AWS fee
 * per counted outbound and per inbound message, Meta's price per billable message whose pricing object was emitted
 * (PMP) or per conversation id, once (CBP). Also transport totals: records, duplicates, late and malformed records.
 */
public final class GroundTruth {

    /**
     * Counters of one key, one per summed column of the metrics tables ({@link SumColumn}: the columns are defined
     * once, the counting here is the generator's own). Public and mutable so a caller can fill one with what the job
     * measured.
     */
    public static final class Counts {
        private final long[] sums = new long[SumColumn.COUNT];

        public long get(SumColumn c) {
            return sums[c.ordinal()];
        }

        public void set(SumColumn c, long value) {
            sums[c.ordinal()] = value;
        }

        public void add(SumColumn c, long n) {
            sums[c.ordinal()] += n;
        }

        public long failed(FailureClass fc) {
            return get(SumColumn.failedColumn(fc));
        }

        /** Delivered / (delivered + failed), as the job's delivery_rate; NaN without outcomes. */
        public double deliveryRate() {
            long delivered = get(SumColumn.DELIVERED);
            long failed = get(SumColumn.FAILED);
            return delivered + failed == 0 ? Double.NaN : (double) delivered / (delivered + failed);
        }

        /** Converted / feedback tracked, or NaN without tracked messages. */
        public double conversionRate() {
            long tracked = get(SumColumn.FEEDBACK_TRACKED);
            return tracked == 0 ? Double.NaN : (double) get(SumColumn.CONVERTED) / tracked;
        }

        void add(Counts o) {
            for (int i = 0; i < sums.length; i++) {
                sums[i] += o.sums[i];
            }
        }

        /**
         * Adds one metrics row the job wrote (use the highest revision of each window), so measured totals can be
         * compared with the injected ones column by column.
         */
        public void add(WindowMetrics w) {
            for (SumColumn c : SumColumn.values()) {
                add(c, w.get(c));
            }
        }

        /**
         * Every compared value in one canonical string (the columns the truth recounts, see {@link #RECOUNTED}), so
         * injected and measured counts compare with one equals.
         */
        public String fingerprint() {
            StringBuilder b = new StringBuilder();
            for (SumColumn c : RECOUNTED) {
                b.append(b.length() == 0 ? "" : " ").append(c.columnName()).append('=').append(get(c));
            }
            return b.toString();
        }

        @Override
        public String toString() {
            return "Counts{" + fingerprint() + "}";
        }
    }

    /**
     * The columns the ground truth recounts: all of them, the WhatsApp fees with the prices the truth was given
     * ({@link #of(GeneratorSettings, WhatsAppPriceList)}; none by default, as a job run without fee configuration).
     */
    public static final Set<SumColumn> RECOUNTED = Collections.unmodifiableSet(EnumSet.allOf(SumColumn.class));

    private final EnumMap<Channel, TreeMap<String, Counts>> byCountry = new EnumMap<>(Channel.class);
    private final EnumMap<Channel, TreeMap<String, Counts>> byOrigination = new EnumMap<>(Channel.class);
    private final EnumMap<Channel, TreeMap<String, Counts>> byCountryTypeUseCase = new EnumMap<>(Channel.class);
    private final EnumMap<Channel, TreeMap<String, Counts>> byCarrier = new EnumMap<>(Channel.class);
    /** Records emitted, including duplicates and malformed ones. */
    public long records;
    public long duplicates;
    public long lateRecords;
    public long malformed;
    /** Emitted records by kind: sms_event, mms_event, whatsapp_status, whatsapp_inbound, feedback, malformed. */
    public final TreeMap<String, Long> recordsByKind = new TreeMap<>();
    /** Billable CBP messages whose conversation fee another message of the conversation pays. */
    public long conversationFeesNotCharged;
    private final WhatsAppPriceList prices;
    /** CBP conversations already charged: Meta bills one conversation fee per conversation id. */
    private final Set<String> chargedConversations = new java.util.HashSet<>();

    private GroundTruth(WhatsAppPriceList prices) {
        this.prices = prices;
    }

    /**
     * What the job measured, shaped like the truth: the latest revision of every window of a metrics table (see
     * {@code cli.LakeSummary#latestWindows}) summed per channel and key.
     */
    public static Map<Channel, Map<String, Counts>> measured(Iterable<WindowMetrics> latestWindows) {
        return measured(latestWindows, w -> w.key);
    }

    /** The same, summed per channel and the given key of each row (e.g. {@link #key} of several key columns). */
    public static Map<Channel, Map<String, Counts>> measured(Iterable<WindowMetrics> latestWindows,
                                                             java.util.function.Function<WindowMetrics, String> key) {
        Map<Channel, Map<String, Counts>> out = new EnumMap<>(Channel.class);
        for (WindowMetrics w : latestWindows) {
            out.computeIfAbsent(w.channel, c -> new TreeMap<>()).computeIfAbsent(key.apply(w), k -> new Counts()).add(w);
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

    /**
     * Per {@code country/message_type/use_case} of the given channel ({@link #key}): message type and use case as the
     * emitted records show them (SMS/MMS: messageType, and the context's useCase unless the message's records
     * travel through EventBridge, which drops the context; WhatsApp: the pricing category when a status with pricing
     * was emitted; inbound: none).
     */
    public Map<String, Counts> byCountryTypeUseCase(Channel channel) {
        return byCountryTypeUseCase.getOrDefault(channel, new TreeMap<>());
    }

    /**
     * Per {@code country/mcc/mnc/carrier_name} of the given channel ({@link #key}): the network on the message's
     * receipts, empty for messages whose receipts carry none (WhatsApp, Protect-blocked SMS).
     */
    public Map<String, Counts> byCarrier(Channel channel) {
        return byCarrier.getOrDefault(channel, new TreeMap<>());
    }

    /** The map key of several key columns: their values joined by '/' (null as ''). */
    public static String key(String... values) {
        String[] parts = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            parts[i] = values[i] == null ? "" : values[i];
        }
        return String.join("/", parts);
    }

    /** Sum over countries of one channel. */
    public Counts total(Channel channel) {
        Counts t = new Counts();
        byCountry(channel).values().forEach(t::add);
        return t;
    }

    /** Computes the ground truth of a bounded run without WhatsApp fees (a full planning pass; nothing is rendered). */
    public static GroundTruth of(GeneratorSettings settings) {
        return of(settings, WhatsAppPriceList.NONE);
    }

    /** Computes the ground truth of a bounded run whose job charges WhatsApp messages with {@code prices}. */
    public static GroundTruth of(GeneratorSettings settings, WhatsAppPriceList prices) {
        if (!settings.isBounded()) {
            throw new IllegalArgumentException("ground truth needs a bounded run (a duration)");
        }
        TrafficModel model = new TrafficModel(settings);
        GroundTruth t = new GroundTruth(prices);
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

    /** The billable_* column of a WhatsApp pricing category the generator uses. */
    static SumColumn billableColumn(String category) {
        switch (category) {
            case "marketing": return SumColumn.BILLABLE_MARKETING;
            case "utility": return SumColumn.BILLABLE_UTILITY;
            case "authentication": return SumColumn.BILLABLE_AUTHENTICATION;
            case "service": return SumColumn.BILLABLE_SERVICE;
            default: throw new IllegalArgumentException("no billable column for category " + category);
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
            c.set(SumColumn.INBOUND, 1);
            chargeWhatsApp(c, 0);
        } else {
            c.set(SumColumn.MESSAGES, 1);
            countOutcome(p, seen, c);
        }
        Channel ch = channel(p);
        byCountry.computeIfAbsent(ch, k -> new TreeMap<>()).computeIfAbsent(p.country, k -> new Counts()).add(c);
        byOrigination.computeIfAbsent(ch, k -> new TreeMap<>()).computeIfAbsent(p.origination, k -> new Counts()).add(c);
        byCountryTypeUseCase.computeIfAbsent(ch, k -> new TreeMap<>())
                .computeIfAbsent(key(p.country, messageType(p, seen), useCase(p)), k -> new Counts()).add(c);
        CountryProfile.Carrier network = p.kind == MessagePlan.Kind.SMS || p.kind == MessagePlan.Kind.MMS ? p.carrier : null;
        byCarrier.computeIfAbsent(ch, k -> new TreeMap<>()).computeIfAbsent(network == null ? key(p.country, "", "", "")
                : key(p.country, network.mcc, network.mnc, network.name), k -> new Counts()).add(c);
    }

    /** The message type the emitted records show: see {@link #byCountryTypeUseCase}. */
    private static String messageType(MessagePlan p, boolean[] seen) {
        switch (p.kind) {
            case SMS:
            case MMS:
                return p.messageType;
            case WHATSAPP:
                for (int e = 0; e < seen.length; e++) {
                    if (seen[e] && p.events.get(e).pricing) {
                        return p.category;
                    }
                }
                return "";
            default:
                return "";
        }
    }

    /** The use case the emitted receipts show: the context's, which EventBridge drops; WhatsApp has none. */
    private static String useCase(MessagePlan p) {
        boolean sms = p.kind == MessagePlan.Kind.SMS || p.kind == MessagePlan.Kind.MMS;
        return sms && p.envelope != MessagePlan.Envelope.EVENTBRIDGE && p.useCase != null ? p.useCase : "";
    }

    /** The AWS fee of one WhatsApp message plus Meta's fee, into the parts and the WhatsApp total. */
    private void chargeWhatsApp(Counts c, long metaMicros) {
        c.set(SumColumn.WHATSAPP_AWS_FEE_MICROS, prices.awsFeeMicros());
        c.set(SumColumn.WHATSAPP_META_FEE_MICROS, metaMicros);
        c.set(SumColumn.WHATSAPP_FEE_MICROS, prices.awsFeeMicros() + metaMicros);
    }

    private void countOutcome(MessagePlan p, boolean[] seen, Counts c) {
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
                    c.set(SumColumn.READ, 1);
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
            c.set(SumColumn.DELIVERED, 1);
        } else if (failure != null) {
            c.set(SumColumn.FAILED, 1);
            c.set(SumColumn.failedColumn(failure), 1);
        } else {
            // no final outcome among the emitted records: the run ends with the final watermark, so the job moves the
            // message from pending to outcome_unknown in the window of its request
            c.set(SumColumn.OUTCOME_UNKNOWN, 1);
        }
        if (p.kind != MessagePlan.Kind.WHATSAPP) {
            boolean recommended = "BLOCK".equals(p.protectRecommendation);
            c.set(SumColumn.PROTECT_BLOCK_RECOMMENDED, recommended ? 1 : 0);
            c.set(SumColumn.PROTECT_RECOMMENDED_MONITOR, recommended && "MONITOR".equals(p.protectStatus) ? 1 : 0);
            c.set(SumColumn.PROTECT_RECOMMENDED_FILTER, recommended && "FILTER".equals(p.protectStatus) ? 1 : 0);
            c.set(SumColumn.PROTECT_BLOCKED, failure == FailureClass.PROTECT_BLOCKED ? 1 : 0);
            c.set(SumColumn.PRICE_MICROS, p.priceMicros);
            c.set(SumColumn.CARRIER_FEE_MICROS, p.carrierFeeMicros);
            c.set(SumColumn.MESSAGE_PARTS, p.parts);
        } else {
            if (billable) {
                c.set(billableColumn(p.category), 1);
            }
            long meta = billable ? prices.metaPriceMicros(p.country, p.pricingModel, p.category) : 0;
            if (meta != 0 && p.conversationId != null && !chargedConversations.add(p.conversationId)) {
                meta = 0;
                conversationFeesNotCharged++;
            }
            chargeWhatsApp(c, meta);
        }
        if (p.feedbackEnabled) {
            c.set(SumColumn.FEEDBACK_TRACKED, 1);
            c.set(SumColumn.CONVERTED, converted ? 1 : 0);
            c.set(SumColumn.FEEDBACK_FAILED, converted ? 0 : 1);
            c.set(SumColumn.LATE_FEEDBACK, late ? 1 : 0);
        }
    }
}
