package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.WindowMetrics;

import org.apache.flink.api.java.functions.KeySelector;

/**
 * The window key of a metrics table, a String (serialized by Flink without Kryo): {@code "CHANNEL|value"} followed,
 * when any of them is non-empty, by {@code "\u001Fd1\u001Fd2"}, the table's further dimensions:
 * <ul>
 *   <li>metrics_by_country: value = country ({@code ZZ} when unknown), dimensions message_type, use_case;</li>
 *   <li>metrics_by_origination: value = origination id ({@code unknown} when absent), dimensions message_type, use_case;</li>
 *   <li>metrics_by_carrier: value = country, dimensions mcc, mnc.</li>
 * </ul>
 * Release 1 keyed by {@code "CHANNEL|value"} alone, and a key without dimensions is still exactly that string, so
 * windows restored from release-1 state and new deltas without message type and use case share one key (one row per
 * window, no duplicate output key). Dimensions never contain the separator U+001F (replaced by '_'); the channel
 * name never contains '|', so splitting at the first '|' and at the first U+001F recovers every part.
 */
public final class MetricsKey implements KeySelector<MessageDelta, String> {
    private static final long serialVersionUID = 1L;

    /** Key value of metrics_by_country and metrics_by_carrier when the delta has no country. */
    public static final String UNKNOWN_COUNTRY = "ZZ";
    /** Key value of metrics_by_origination when the delta has no origination id. */
    public static final String UNKNOWN_ORIGINATION = "unknown";
    /** Separates the dimensions after the key value. */
    static final char SEPARATOR = '\u001F';

    private enum Kind { COUNTRY, ORIGINATION, CARRIER }

    private final Kind kind;

    private MetricsKey(Kind kind) {
        this.kind = kind;
    }

    /** Keys by (channel, iso_country_code, message_type, use_case). */
    public static MetricsKey byCountry() {
        return new MetricsKey(Kind.COUNTRY);
    }

    /** Keys by (channel, origination_id, message_type, use_case). */
    public static MetricsKey byOrigination() {
        return new MetricsKey(Kind.ORIGINATION);
    }

    /** Keys by (channel, iso_country_code, mcc, mnc). */
    public static MetricsKey byCarrier() {
        return new MetricsKey(Kind.CARRIER);
    }

    @Override
    public String getKey(MessageDelta delta) {
        return kind == Kind.CARRIER
                ? compose(delta.channel, value(delta), delta.mcc, delta.mnc)
                : compose(delta.channel, value(delta), delta.messageType, delta.useCase);
    }

    /** The key value of the delta (country or origination id, with its unknown placeholder). */
    public String value(MessageDelta delta) {
        String v = kind == Kind.ORIGINATION ? delta.originationId : delta.isoCountryCode;
        if (v == null || v.trim().isEmpty()) {
            return kind == Kind.ORIGINATION ? UNKNOWN_ORIGINATION : UNKNOWN_COUNTRY;
        }
        return v;
    }

    static String compose(Channel channel, String value, String first, String second) {
        String a = dimension(first);
        String b = dimension(second);
        String base = channel + "|" + value;
        return a.isEmpty() && b.isEmpty() ? base : base + SEPARATOR + a + SEPARATOR + b;
    }

    private static String dimension(String v) {
        return v == null ? "" : v.trim().replace(SEPARATOR, '_');
    }

    /** Sets a row's channel, key value and dimensions from a composed key. */
    void fill(WindowMetrics row, String key) {
        row.channel = channelOf(key);
        int bar = key.indexOf('|');
        int sep = key.indexOf(SEPARATOR, bar + 1);
        row.key = sep < 0 ? key.substring(bar + 1) : key.substring(bar + 1, sep);
        String first = "";
        String second = "";
        if (sep >= 0) {
            int next = key.indexOf(SEPARATOR, sep + 1);
            first = key.substring(sep + 1, next);
            second = key.substring(next + 1);
        }
        if (kind == Kind.CARRIER) {
            row.mcc = first;
            row.mnc = second;
        } else {
            row.messageType = first;
            row.useCase = second;
        }
    }

    /** The channel part of a composed key; null if it names no channel. */
    static Channel channelOf(String key) {
        String name = key.substring(0, key.indexOf('|'));
        for (Channel c : Channel.values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
