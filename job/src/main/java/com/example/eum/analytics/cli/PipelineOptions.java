package com.example.eum.analytics.cli;

import com.example.eum.analytics.config.JobConfig;

import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/** Options shared by the local commands (local, replay): how the pipeline computes. Applied onto a JobConfig. */
public class PipelineOptions {
    @Option(names = "--window", description = "Metrics window size (e.g. 5m, 1m). Default: ${DEFAULT-VALUE}.", defaultValue = "5m",
            converter = DurationConverter.class)
    Duration window;

    @Option(names = "--allowed-lateness", description = "How late an update may revise its window. Default: ${DEFAULT-VALUE}.",
            defaultValue = "72h", converter = DurationConverter.class)
    Duration allowedLateness;

    @Option(names = "--out-of-orderness", description = "Watermark's bounded out-of-orderness. Default: ${DEFAULT-VALUE}.",
            defaultValue = "1m", converter = DurationConverter.class)
    Duration outOfOrderness;

    @Option(names = "--feedback-timeout", description = "No RECEIVED feedback this long after the request = feedback failed. Default: ${DEFAULT-VALUE}.",
            defaultValue = "1h", converter = DurationConverter.class)
    Duration feedbackTimeout;

    @Option(names = "--feedback-context-key", description = "Context entry (value \"true\") that marks a message as feedback-tracked. Default: ${DEFAULT-VALUE}.",
            defaultValue = "feedbackEnabled")
    String feedbackContextKey;

    @Option(names = "--feedback-track-all", description = "Track every SMS/MMS message for feedback.")
    boolean feedbackTrackAll;

    @Option(names = "--whatsapp-rate-card", paramLabel = "FILE",
            description = "WhatsApp rate card CSV (billing_region,pricing_model,pricing_category,price_usd). Without it, Meta fees are 0.")
    String whatsappRateCard;

    @Option(names = "--whatsapp-aws-fee-usd", description = "AWS per-message fee for WhatsApp messages, USD. Default: ${DEFAULT-VALUE}.",
            defaultValue = "0")
    double whatsappAwsFeeUsd;

    @Option(names = "--hash-key-env", paramLabel = "VAR",
            description = "Environment variable holding the secret for destination_hash (HMAC-SHA256). Default: ${DEFAULT-VALUE}. "
                    + "When unset, a random key is used for this run only.", defaultValue = "ENGAGEMENT_HASH_KEY")
    String hashKeyEnv;

    @Option(names = "--include-raw-numbers", description = "Write raw destination phone numbers (personal data) to the events table. Off by default.")
    boolean includeRawNumbers;

    @Option(names = "--checkpoint-interval", description = "Checkpoint interval; Parquet files become visible at each checkpoint. Default: ${DEFAULT-VALUE}.",
            defaultValue = "10s", converter = DurationConverter.class)
    Duration checkpointInterval;

    @Option(names = "--parallelism", description = "Operator parallelism (0 = up to 2, the local cores). Default: ${DEFAULT-VALUE}.", defaultValue = "0")
    int parallelism;

    /** Copies these options onto {@code cfg}; reports on {@code err} when a per-run random hash key is used. */
    JobConfig applyTo(JobConfig cfg, PrintStream err) {
        cfg.windowSize = window;
        cfg.allowedLateness = allowedLateness;
        cfg.maxOutOfOrderness = outOfOrderness;
        cfg.feedbackTimeout = feedbackTimeout;
        cfg.feedbackContextKey = feedbackContextKey;
        cfg.feedbackTrackAll = feedbackTrackAll;
        cfg.whatsappRateCard = whatsappRateCard;
        cfg.whatsappAwsFeeUsd = whatsappAwsFeeUsd;
        cfg.includeRawNumbers = includeRawNumbers;
        cfg.checkpointInterval = checkpointInterval;
        cfg.parallelism = parallelism;
        String key = hashKeyEnv == null ? null : System.getenv(hashKeyEnv);
        if (key == null || key.isEmpty()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            key = Base64.getEncoder().encodeToString(random);
            err.println("note: $" + hashKeyEnv + " is not set: destination_hash uses a random key for this run only "
                    + "(hashes are not comparable across runs).");
        }
        cfg.destinationHashKey = key;
        return cfg;
    }
}
