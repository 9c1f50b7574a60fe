package com.example.eum.analytics.generator;

import com.example.eum.analytics.config.DurationFormat;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the traffic generator produces: message rate and run length (both in simulated event time), seed, start
 * time, country mix, channel and feedback shares, transport noise (duplicates, late and malformed records) and an
 * injected {@link InjectedIncident}s. Plain Java, serializable so the Flink source can carry it; the same settings and seed
 * always give the same records.
 */
public class GeneratorSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Fixed default start (event time), so default runs are reproducible: 2025-06-02T14:00:00Z, as in the samples. */
    public static final long DEFAULT_START = Instant.parse("2025-06-02T14:00:00Z").toEpochMilli();

    /** Messages per second of event time. */
    public double rate = 50;
    /** Span of message requests in event time; {@code null} = unbounded. */
    public Duration duration = Duration.ofMinutes(10);
    /** After the last request, records keep arriving for this long (receipts and feedback of the last messages). */
    public Duration drain = Duration.ofMinutes(10);
    public long seed = 42;
    /** Event time of the first request, epoch ms. */
    public long startTime = DEFAULT_START;
    /** ISO country code to relative weight, in order. */
    public LinkedHashMap<String, Integer> countryMix = parseCountryMix("US:40,IN:20,BR:10,GB:10,DE:10,ID:10");
    /** Share of messages that are outbound WhatsApp messages. */
    public double whatsappShare = 0.20;
    /**
     * Share of outbound WhatsApp messages priced under conversation-based pricing (CBP, Meta's model before 1 July
     * 2025, as in archived traffic): their pricing carries no type and their statuses a conversation id shared by the
     * messages to one user in one category on one UTC day. Default 0: today's traffic is per-message priced (PMP).
     */
    public double cbpShare = 0;
    /** Share of events that are inbound WhatsApp messages from users (not counted as messages). */
    public double inboundShare = 0.03;
    /** Share of SMS/MMS messages to countries with MMS support that are MMS. */
    public double mmsShare = 0.10;
    /** Share of SMS/MMS messages that are OTPs sent with message feedback enabled. */
    public double feedbackShare = 0.30;
    /** Probability that a record is delivered twice (identical payload, seconds to minutes later). */
    public double duplicateShare = 0.015;
    /** Probability that a record's transport is delayed by 1-6 hours. */
    public double lateShare = 0.005;
    /** Probability, per message, of one extra malformed record (truncated, garbage, no id, bad feedback status). */
    public double malformedShare = 0.005;
    /** Injected incidents and decoys, in the order given; each keeps its label so alerts can be matched to it. */
    public List<InjectedIncident> incidents = new ArrayList<>();
    /** Replay speed for the Flink source: 1 = event time advances like wall time, 0 = as fast as possible. */
    public double speed = 0;

    public GeneratorSettings() {}

    /** Whether the run has an end. */
    public boolean isBounded() {
        return duration != null;
    }

    /** End (exclusive) of message requests, or Long.MAX_VALUE when unbounded. */
    public long requestEnd() {
        return isBounded() ? startTime + duration.toMillis() : Long.MAX_VALUE;
    }

    /** End (exclusive) of record arrivals: records that would arrive later are not emitted. */
    public long horizonEnd() {
        return isBounded() ? requestEnd() + drain.toMillis() : Long.MAX_VALUE;
    }

    /** Parses {@code US:40,IN:20}: ISO codes with positive integer weights. */
    public static LinkedHashMap<String, Integer> parseCountryMix(String spec) {
        LinkedHashMap<String, Integer> mix = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            String[] kv = p.split(":");
            if (kv.length != 2 || !kv[0].trim().matches("[A-Za-z]{2}")) {
                throw new IllegalArgumentException("country mix entry must be ISO:weight, got '" + p + "'");
            }
            int w = Integer.parseInt(kv[1].trim());
            if (w <= 0) {
                throw new IllegalArgumentException("country weight must be positive: '" + p + "'");
            }
            mix.put(kv[0].trim().toUpperCase(Locale.ROOT), w);
        }
        if (mix.isEmpty()) {
            throw new IllegalArgumentException("empty country mix");
        }
        return mix;
    }

    /** Settings from option names (without leading dashes) to values; unknown names are rejected. */
    public static GeneratorSettings fromOptions(Map<String, String> options) {
        GeneratorSettings s = new GeneratorSettings();
        for (Map.Entry<String, String> e : options.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "rate": s.rate = Double.parseDouble(v); break;
                case "duration": s.duration = "unbounded".equals(v) ? null : DurationFormat.parse(v); break;
                case "drain": s.drain = DurationFormat.parse(v); break;
                case "seed": s.seed = Long.parseLong(v); break;
                case "start": s.startTime = "now".equals(v) ? System.currentTimeMillis() : Instant.parse(v).toEpochMilli(); break;
                case "countries": s.countryMix = GeneratorSettings.parseCountryMix(v); break;
                case "whatsapp-share": s.whatsappShare = share(v); break;
                case "cbp-share": s.cbpShare = share(v); break;
                case "feedback-share": s.feedbackShare = share(v); break;
                case "mms-share": s.mmsShare = share(v); break;
                case "inbound-share": s.inboundShare = share(v); break;
                case "duplicate-share": s.duplicateShare = share(v); break;
                case "late-share": s.lateShare = share(v); break;
                case "malformed-share": s.malformedShare = share(v); break;
                case "incident": s.incidents.addAll(InjectedIncident.parseAll(v)); break;
                case "speed": s.speed = Double.parseDouble(v); break;
                default: throw new IllegalArgumentException("unknown generator option --" + e.getKey());
            }
        }
        if (s.whatsappShare + s.inboundShare > 1) {
            throw new IllegalArgumentException("whatsapp-share + inbound-share must not exceed 1");
        }
        s.validateIncidents();
        return s;
    }

    /** Checks every incident against the run (country mix, run length); messages name the fix. */
    public void validateIncidents() {
        for (InjectedIncident i : incidents) {
            i.validate(this);
        }
    }

    private static double share(String v) {
        double d = Double.parseDouble(v);
        if (d < 0 || d > 1) {
            throw new IllegalArgumentException("a share must be within 0..1, got " + v);
        }
        return d;
    }
}
