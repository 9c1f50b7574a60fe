package com.example.eum.analytics.alert.stage;

import com.example.eum.analytics.alert.AlertKey;
import com.example.eum.analytics.alert.Scope;

/**
 * What the alerts operator receives for one alert key (a Flink POJO, in flight only, never in state): either one
 * metrics row's counts for one window ({@link #messageId} null), or one example message id of that window.
 */
public class AlertInput {
    /** {@link AlertKey#id()}: the operator's key. */
    public String keyId;
    /** The key's dimensions, to rebuild the {@link AlertKey} ({@link Scope} name; '' for absent dimensions). */
    public String scope;
    public String channel = "";
    public String country = "";
    public String useCase = "";
    public String carrier = "";
    public String originationId = "";
    public long windowStart;
    public long windowEnd;
    /** Which metrics row of the key this is (table and the row's further key columns); rows are summed per window. */
    public String rowId;
    /** The row's revision: of two revisions of one row seen before the window is observed, the higher wins. */
    public int revision;
    public long messages;
    public long delivered;
    public long failedFinal;
    public long converted;
    public long feedbackFailed;
    /** Feedback-tracked messages requested in the window (the rules' conversion denominator, known at once). */
    public long feedbackTracked;
    public long protectRecommended;
    public long spendMicros;
    /**
     * The sub-key this row stands for in the alert's top contributors (e.g. a country of the account), or null; for
     * an example, its carrier or sender ({@code carrier 404-10}, {@code from EXOTPS}) when the key is not keyed by it.
     */
    public String contributor;
    /** For an example: a second such tag (a country key's example names both its carrier and its sender), or null. */
    public String otherContributor;
    /** Set for an example: a message id of the window (never a phone number). */
    public String messageId;

    public AlertInput() {}

    /** The alert key these dimensions name. */
    public AlertKey key() {
        return AlertKey.of(Scope.valueOf(scope), channel, country, useCase, carrier, originationId, "");
    }

    /** True for an example message id, false for a metrics row. */
    public boolean isExample() {
        return messageId != null;
    }

    @Override
    public String toString() {
        return keyId + " [" + windowStart + "," + windowEnd + ") "
                + (isExample() ? "example " + messageId : rowId + " rev " + revision + " msg=" + messages);
    }
}
