package com.example.eum.analytics.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON payload of an alert (SNS message body and the alerts table's {@code payload} column), documented field
 * by field in schemas/alerts.md. Flat field names equal the alerts table's columns; times are ISO-8601 UTC; money
 * is USD with 6 decimals; empty key dimensions are null.
 */
public final class AlertJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {}

    public static String render(Alert a) {
        return tree(a).toString();
    }

    public static ObjectNode tree(Alert a) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("alert_id", a.alertId);
        o.put("incident_id", a.incidentId);
        o.put("dedup_key", a.dedupKey);
        o.put("rule", a.rule.name());
        o.put("status", a.status.name());
        o.put("severity", a.severity.name());
        o.put("scope", a.key.scope().name());
        o.put("scope_label", a.key.scope().label());
        putDimension(o, "channel", a.key.channel());
        putDimension(o, "iso_country_code", a.key.country());
        putDimension(o, "use_case", a.key.useCase());
        putDimension(o, "carrier", a.key.carrier());
        putDimension(o, "origination_id", a.key.originationId());
        putDimension(o, "destination_prefix", a.key.prefix());
        o.put("window_start", iso(a.windowStart));
        o.put("window_end", iso(a.windowEnd));
        o.put("estimated_start", iso(a.estimatedStart));
        o.put("detected_at", iso(a.detectedAt));
        Verdict v = a.verdict;
        o.put("unit", v.unit.name());
        putNumber(o, "observed_rate", v.unit == Verdict.Unit.RATE ? v.observed : null);
        putNumber(o, "baseline_rate", v.unit == Verdict.Unit.RATE ? v.baseline : null);
        putNumber(o, "observed_usd", v.unit == Verdict.Unit.USD ? v.observed : null);
        putNumber(o, "baseline_usd", v.unit == Verdict.Unit.USD ? v.baseline : null);
        ObjectNode interval = o.putObject("interval");
        putNumber(interval, "low", v.intervalLow);
        putNumber(interval, "high", v.intervalHigh);
        o.put("messages", v.n);
        o.put("statistic", round(v.statistic));
        o.put("affected_messages", a.affectedMessages);
        if (a.excessCostMicros == null) {
            o.putNull("excess_cost_usd");
        } else {
            o.put("excess_cost_usd", BigDecimal.valueOf(a.excessCostMicros, 6));
        }
        ArrayNode top = o.putArray("top_contributors");
        for (Map.Entry<String, Long> e : a.topContributors.entrySet()) {
            top.addObject().put("name", e.getKey()).put("messages", e.getValue());
        }
        ArrayNode ids = o.putArray("example_message_ids");
        a.exampleMessageIds.forEach(ids::add);
        ArrayNode signals = o.putArray("signals");
        v.signals.forEach(signals::add);
        o.put("summary", summary(a));
        return o;
    }

    /** One line for people: what, where, how bad, since when. */
    public static String summary(Alert a) {
        StringBuilder where = new StringBuilder();
        appendIf(where, a.key.channel());
        appendIf(where, a.key.country());
        appendIf(where, a.key.useCase().isEmpty() ? "" : "use case " + a.key.useCase());
        appendIf(where, a.key.carrier().isEmpty() ? "" : "carrier " + a.key.carrier());
        appendIf(where, a.key.originationId().isEmpty() ? "" : "from " + a.key.originationId());
        appendIf(where, a.key.prefix().isEmpty() ? "" : "prefix " + a.key.prefix());
        Verdict v = a.verdict;
        String figures = v.observed == null ? String.join("; ", v.signals)
                : v.unit == Verdict.Unit.USD
                        ? String.format(Locale.ROOT, "%.2f USD vs %.2f USD expected", v.observed, v.baseline)
                        : String.format(Locale.ROOT, "%.1f%% vs baseline %.1f%% over %d", 100 * v.observed,
                                100 * v.baseline, v.n);
        return a.severity + " " + a.rule + " " + a.status + ": " + where.toString().trim() + " ("
                + a.key.scope().label() + "): " + figures + ", since " + iso(a.estimatedStart);
    }

    private static void appendIf(StringBuilder sb, String s) {
        if (!s.isEmpty()) {
            sb.append(' ').append(s);
        }
    }

    private static void putDimension(ObjectNode o, String name, String value) {
        if (value.isEmpty()) {
            o.putNull(name);
        } else {
            o.put(name, value);
        }
    }

    private static void putNumber(ObjectNode o, String name, Double value) {
        if (value == null || value.isNaN()) {
            o.putNull(name);
        } else {
            o.put(name, round(value));
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
