package com.example.eum.analytics.cli;

import com.example.eum.analytics.config.ConfigException;
import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.config.JobConfigLoader;

import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options shared by the local commands (local, replay): how the pipeline computes. Every flag is a shorthand for
 * one property of deploy/PROPERTIES.md, so a run is configured in layers, later winning: the command's own
 * defaults, a property-groups file ({@code --config}, the Managed Flink format), the named flags, then
 * {@code --set Group.key=value}. Defaults live in {@link JobConfig} alone; everything is validated once.
 */
public class PipelineOptions {
    /** The environment variable read for the hash key when neither --hash-key-env nor the config names one. */
    static final String DEFAULT_HASH_KEY_ENV = "ENGAGEMENT_HASH_KEY";

    @Option(names = "--config", paramLabel = "FILE",
            description = "Property groups JSON ([{\"PropertyGroupId\": ..., \"PropertyMap\": {...}}]), as on Managed Flink; see deploy/PROPERTIES.md.")
    Path configFile;

    @Option(names = "--set", paramLabel = "Group.key=VALUE", description = "Set any property of deploy/PROPERTIES.md, e.g. --set Processing.stateHorizon=96h.")
    List<String> settings = new ArrayList<>();

    @Option(names = "--window", paramLabel = "DURATION", description = "Metrics window size (Processing.windowSize), e.g. 5m.")
    String window;

    @Option(names = "--allowed-lateness", paramLabel = "DURATION", description = "How late an update may revise its window (Processing.allowedLateness; default 72h).")
    String allowedLateness;

    @Option(names = "--out-of-orderness", paramLabel = "DURATION", description = "Watermark's bounded out-of-orderness (Processing.maxOutOfOrderness; default 1m).")
    String outOfOrderness;

    @Option(names = "--feedback-timeout", paramLabel = "DURATION", description = "No RECEIVED feedback this long after the request = feedback failed (Processing.feedbackTimeout; default 1h).")
    String feedbackTimeout;

    @Option(names = "--feedback-context-key", paramLabel = "KEY", description = "Context entry (value \"true\") marking a message as feedback-tracked (Processing.feedbackContextKey; default feedbackEnabled).")
    String feedbackContextKey;

    @Option(names = "--feedback-track-all", description = "Track every SMS/MMS message for feedback (Processing.feedbackTrackAll).")
    Boolean feedbackTrackAll;

    @Option(names = "--whatsapp-rate-card", paramLabel = "FILE", description = "WhatsApp rate card CSV (Fees.whatsappRateCard): billing_region,pricing_model,pricing_category,price_usd.")
    String whatsappRateCard;

    @Option(names = "--whatsapp-aws-fee-usd", paramLabel = "USD", description = "AWS per-message fee for WhatsApp messages (Fees.whatsappAwsFeeUsd).")
    String whatsappAwsFeeUsd;

    @Option(names = "--hash-key-env", paramLabel = "VAR",
            description = "Environment variable holding the secret for destination_hash (Privacy.destinationHashKeyEnv; default "
                    + DEFAULT_HASH_KEY_ENV + " when set). Without a key, a random one is used for this run only.")
    String hashKeyEnv;

    @Option(names = "--include-raw-numbers", description = "Write raw destination phone numbers (personal data) to the events table (Privacy.includeRawNumbers).")
    Boolean includeRawNumbers;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", description = "Checkpoint interval; Parquet files become visible at each checkpoint (Lake.checkpointInterval).")
    String checkpointInterval;

    @Option(names = "--parallelism", paramLabel = "N", description = "Operator parallelism (Lake.parallelism; 0 = up to 2, the local cores).")
    String parallelism;

    /**
     * The validated configuration for {@code mode}: {@code commandDefaults} (lowest), the config file, the flags,
     * then --set. A configuration error is a {@link Main.UserError} listing every problem; warnings go to {@code err}.
     */
    JobConfig load(JobConfig.Mode mode, Map<String, String> commandDefaults, PrintStream err) {
        try {
            JobConfigLoader loader = new JobConfigLoader().overrides(commandDefaults);
            if (configFile != null) {
                loader.propertyGroupsFile(configFile);
            }
            loader.overrides(flags());
            Map<String, String> sets = new LinkedHashMap<>();
            for (String s : settings) {
                Map.Entry<String, String> e = JobConfigLoader.parseSetting(s);
                sets.put(e.getKey(), e.getValue());
            }
            loader.overrides(sets);
            JobConfig cfg = loader.load();
            if (cfg.destinationHashKey == null) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                cfg.destinationHashKey = Base64.getEncoder().encodeToString(random);
                err.println("note: no destination hash key (set $" + DEFAULT_HASH_KEY_ENV + " or --hash-key-env): destination_hash "
                        + "uses a random key for this run only, so hashes are not comparable across runs.");
            }
            for (String warning : cfg.validate(mode)) {
                err.println("warning: " + warning);
            }
            return cfg;
        } catch (ConfigException e) {
            throw new Main.UserError("invalid configuration:\n  " + String.join("\n  ", e.problems()));
        }
    }

    private Map<String, String> flags() {
        Map<String, String> o = new LinkedHashMap<>();
        put(o, "Processing.windowSize", window);
        put(o, "Processing.allowedLateness", allowedLateness);
        put(o, "Processing.maxOutOfOrderness", outOfOrderness);
        put(o, "Processing.feedbackTimeout", feedbackTimeout);
        put(o, "Processing.feedbackContextKey", feedbackContextKey);
        put(o, "Processing.feedbackTrackAll", feedbackTrackAll);
        put(o, "Fees.whatsappRateCard", whatsappRateCard);
        put(o, "Fees.whatsappAwsFeeUsd", whatsappAwsFeeUsd);
        put(o, "Privacy.destinationHashKeyEnv", hashKeyEnv != null ? hashKeyEnv
                : System.getenv(DEFAULT_HASH_KEY_ENV) != null ? DEFAULT_HASH_KEY_ENV : null);
        put(o, "Privacy.includeRawNumbers", includeRawNumbers);
        put(o, "Lake.checkpointInterval", checkpointInterval);
        put(o, "Lake.parallelism", parallelism);
        return o;
    }

    private static void put(Map<String, String> o, String key, Object value) {
        if (value != null) {
            o.put(key, value.toString());
        }
    }
}
