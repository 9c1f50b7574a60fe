package com.example.eum.analytics.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every setting of the job, typed, with its default. One instance is built at start-up (from Managed Flink
 * runtime property groups, a local JSON file of the same groups, and command-line flags), validated, and then
 * handed to the pipeline. Plain Java: no Flink types, so rules and tests can use it directly.
 */
public class JobConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What the job runs on; validation rules differ (the Kinesis job needs streams and a stable hash key). */
    public enum Mode { KINESIS, LOCAL, REPLAY }

    // --- source -----------------------------------------------------------------------------------
    /** The Kinesis streams and how to read them (property group {@code Source}). */
    public KinesisSettings kinesis = new KinesisSettings();

    // --- event time and windows -------------------------------------------------------------------
    /** Tumbling window size of the metrics tables. */
    public Duration windowSize = Duration.ofMinutes(5);
    /** Bounded out-of-orderness of the watermark. */
    public Duration maxOutOfOrderness = Duration.ofMinutes(1);
    /**
     * An event more than this far ahead of its ingest time (the Kinesis approximate arrival time) cannot be true: it
     * becomes a {@code future_timestamp} dead letter instead of moving event time for everyone.
     */
    public Duration maxFutureSkew = Duration.ofMinutes(15);
    /**
     * Event time may advance by at most this much on the word of fewer than {@link #eventTimeConfirmations} events:
     * an event further ahead of the event-time frontier (and not vouched for by its arrival or request time) is held
     * until that many events within this span agree (schemas/lifecycle-rules.md, "Event time").
     */
    public Duration eventTimeMaxJump = Duration.ofHours(1);
    /** How many events within {@link #eventTimeMaxJump} of each other it takes to move event time past a gap. */
    public int eventTimeConfirmations = 10;
    /** A source split with no records for this long stops holding the watermark back. */
    public Duration sourceIdleness = Duration.ofSeconds(30);
    /** How late (behind the watermark) an update may be and still revise its window. Receipts lag up to 72 h. */
    public Duration allowedLateness = Duration.ofHours(72);
    /** Per-message state lives this long after the message's last event (72 h receipt limit plus slack). */
    public Duration stateHorizon = Duration.ofHours(78);

    // --- message feedback -------------------------------------------------------------------------
    /** A tracked message with no RECEIVED feedback this long after its request counts as feedback-failed. */
    public Duration feedbackTimeout = Duration.ofHours(1);
    /** Context entry that marks a message as feedback-tracked (value must be "true"). */
    public String feedbackContextKey = "feedbackEnabled";
    /** Track every SMS/MMS message for feedback. */
    public boolean feedbackTrackAll = false;
    /** Comma-separated use cases (value of {@link #useCaseContextKey}) whose messages are feedback-tracked; null = none. */
    public String feedbackTrackedUseCases;
    /** Comma-separated origination ids (numbers, sender ids) whose messages are feedback-tracked; null = none. */
    public String feedbackTrackedOriginationIds;
    /** Context entry whose value names the message's use case (e.g. otp, marketing, alerts). */
    public String useCaseContextKey = "useCase";
    /** Distinct use cases per window in the metrics tables; further ones are rolled up to "other". */
    public int maxUseCasesPerWindow = 50;
    /**
     * Messages per lifecycle subtask kept on the heap on RocksDB, their changes written back once (about 0.7 KB each);
     * 0 turns the heap copy off.
     */
    public int recentMessages = 50_000;

    /** The entries of a comma-separated property value (trimmed, empty ones dropped); empty for null. */
    public static java.util.Set<String> listOf(String commaSeparated) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        if (commaSeparated != null) {
            for (String v : commaSeparated.split(",")) {
                if (!v.trim().isEmpty()) {
                    out.add(v.trim());
                }
            }
        }
        return out;
    }

    // --- fees -------------------------------------------------------------------------------------
    /** WhatsApp rate card CSV (billing_region,pricing_model,pricing_category,price_usd); null = Meta fees 0. */
    public String whatsappRateCard;
    /** AWS End User Messaging per-message fee for WhatsApp, USD. */
    public double whatsappAwsFeeUsd = 0.0;

    // --- privacy ----------------------------------------------------------------------------------
    /** Secret for destination_hash (HMAC-SHA256). Required for the Kinesis job; local runs generate one per run. */
    public String destinationHashKey;
    /** Name of an environment variable holding the hash key; used when {@link #destinationHashKey} is unset. */
    public String destinationHashKeyEnv;
    /** Write raw destination numbers to the events table. Off unless explicitly enabled. */
    public boolean includeRawNumbers = false;

    // --- output -----------------------------------------------------------------------------------
    /** Lake root: a local path or s3://bucket/prefix. Tables go to {@code <output>/<table>/dt=.../hour=...}. */
    public String output = "out";
    /**
     * Checkpoint interval: Parquet files become visible at each checkpoint, one file per writer and partition, so
     * this sets freshness against file count. 10 minutes = 6 files per partition-hour per writer (about 30 MiB each
     * at 1,000 events/s; schemas/lake.md). Local commands default to seconds; Managed Flink uses its own setting.
     */
    public Duration checkpointInterval = Duration.ofMinutes(10);
    /** Operator parallelism; 0 = environment default. Managed Flink sets its own when deployed. */
    public int parallelism = 0;

    // --- alerts -------------------------------------------------------------------------------------
    /** Run the alert rules over the metrics (the alerts operator runs either way, so snapshots restore either way). */
    public boolean alertsEnabled = true;
    /**
     * An alert key with no window for this long (event time) is forgotten: its baselines, statistics and open
     * incidents. Long enough to keep hour-of-week baselines through a quiet week.
     */
    public Duration alertKeyIdleTimeout = Duration.ofDays(15);
    /** The thresholds of the alert rules (group {@code Alerts}; schemas/alerts.md). */
    public com.example.eum.analytics.alert.AlertSettings alerts = new com.example.eum.analytics.alert.AlertSettings();

    // --- alerts to SNS (group Alerts; the alert rules' own settings are a separate block) -------------
    /** ARN of the SNS topic alerts are published to (operator {@code alerts-to-sns}); null = the lake's alerts table only. */
    public String alertsSnsTopicArn;
    /** AWS region of the topic; null = the region in {@link #alertsSnsTopicArn}. */
    public String alertsSnsRegion;
    /** SNS endpoint override, {@code http(s)://host:port} (a local SNS server, a VPC endpoint); null = AWS's. */
    public String alertsSnsEndpoint;

    /** Problems and warnings found while loading (bad values, unknown keys); reported by {@link #validate}. */
    transient List<String> loadProblems = new ArrayList<>();
    transient List<String> loadWarnings = new ArrayList<>();

    public JobConfig() {}

    /**
     * Checks every rule for the given mode and throws one {@link ConfigException} listing every problem (including
     * those found while loading), each naming the property and the fix.
     *
     * @return warnings: accepted settings that are probably not what a production run wants (log them)
     */
    public List<String> validate(Mode mode) {
        return JobConfigValidator.validate(this, mode);
    }

    /** All settings, one {@code Group.key=value} per entry; the destination hash key and connector secrets redacted. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("JobConfig{");
        String sep = "";
        for (ConfigProperty p : ConfigProperties.all()) {
            sb.append(sep).append(p.path()).append('=').append(p.display(this));
            sep = ", ";
        }
        for (Map.Entry<String, String> e : kinesis.connectorProperties.entrySet()) {
            sb.append(sep).append(ConfigProperties.SOURCE).append('.').append(ConfigProperties.CONNECTOR_PREFIX)
                    .append(e.getKey()).append('=')
                    .append(JobConfigValidator.looksSecret(e.getKey()) ? "<redacted>" : e.getValue());
        }
        return sb.append('}').toString();
    }
}
