package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.MessageDelta;

import org.apache.flink.api.java.functions.KeySelector;

/**
 * The window key of a metrics table: the String {@code "CHANNEL|value"}, where value is the delta's country
 * ({@code ZZ} when unknown) or origination id ({@code unknown} when absent). A String key is serialized by Flink
 * without Kryo; the channel name never contains '|', so splitting at the first '|' recovers both parts even when an
 * origination id contains one.
 */
public final class MetricsKey implements KeySelector<MessageDelta, String> {
    private static final long serialVersionUID = 1L;

    /** Key value of metrics_by_country when the delta has no country. */
    public static final String UNKNOWN_COUNTRY = "ZZ";
    /** Key value of metrics_by_origination when the delta has no origination id. */
    public static final String UNKNOWN_ORIGINATION = "unknown";

    private final boolean byCountry;

    private MetricsKey(boolean byCountry) {
        this.byCountry = byCountry;
    }

    /** Keys by (channel, iso_country_code). */
    public static MetricsKey byCountry() {
        return new MetricsKey(true);
    }

    /** Keys by (channel, origination_id). */
    public static MetricsKey byOrigination() {
        return new MetricsKey(false);
    }

    @Override
    public String getKey(MessageDelta delta) {
        return compose(delta.channel, value(delta));
    }

    /** The key value of the delta (country or origination id, with its unknown placeholder). */
    public String value(MessageDelta delta) {
        String v = byCountry ? delta.isoCountryCode : delta.originationId;
        if (v == null || v.trim().isEmpty()) {
            return byCountry ? UNKNOWN_COUNTRY : UNKNOWN_ORIGINATION;
        }
        return v;
    }

    static String compose(Channel channel, String value) {
        return channel + "|" + value;
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

    /** The value part (country or origination id) of a composed key. */
    static String valueOf(String key) {
        return key.substring(key.indexOf('|') + 1);
    }
}
