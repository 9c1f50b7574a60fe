package com.example.eum.analytics.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Every setting of the job, typed, with its default. One instance is built at start-up (from Managed Flink
 * runtime property groups, a local JSON file of the same groups, and command-line flags), validated, and then
 * handed to the pipeline. Plain Java: no Flink types, so rules and tests can use it directly.
 */
public class JobConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    // --- event time and windows -------------------------------------------------------------------
    /** Tumbling window size of the metrics tables. */
    public Duration windowSize = Duration.ofMinutes(5);
    /** Bounded out-of-orderness of the watermark. */
    public Duration maxOutOfOrderness = Duration.ofMinutes(1);
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

    // --- fees -------------------------------------------------------------------------------------
    /** WhatsApp rate card CSV (billing_region,pricing_model,pricing_category,price_usd); null = Meta fees 0. */
    public String whatsappRateCard;
    /** AWS End User Messaging per-message fee for WhatsApp, USD. */
    public double whatsappAwsFeeUsd = 0.0;

    // --- privacy ----------------------------------------------------------------------------------
    /** Secret for destination_hash (HMAC-SHA256). Required for the Kinesis job; local runs generate one per run. */
    public String destinationHashKey;
    /** Write raw destination numbers to the events table. Off unless explicitly enabled. */
    public boolean includeRawNumbers = false;

    // --- output -----------------------------------------------------------------------------------
    /** Lake root: a local path or s3://bucket/prefix. Tables go to {@code <output>/<table>/dt=.../hour=...}. */
    public String output = "out";
    /** Checkpoint interval (files become visible on checkpoint). Managed Flink sets its own when deployed. */
    public Duration checkpointInterval = Duration.ofMinutes(1);
    /** Operator parallelism; 0 = environment default. Managed Flink sets its own when deployed. */
    public int parallelism = 0;

    public JobConfig() {}
}
