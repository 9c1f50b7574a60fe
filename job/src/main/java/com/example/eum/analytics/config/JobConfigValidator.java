package com.example.eum.analytics.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The start-up rules of {@link JobConfig#validate}. Every message starts with the property as the user writes it
 * and says what a valid value looks like; secrets are never echoed.
 */
final class JobConfigValidator {
    /** Minimum length of the destination hash key (HMAC-SHA256 wants at least 256 bits of key). */
    static final int MIN_HASH_KEY_CHARS = 32;
    /** Delivery receipts can arrive up to 72 h after the request; state that expires sooner recounts them. */
    static final Duration RECEIPT_HORIZON = Duration.ofHours(72);

    /**
     * Connector keys that have a typed Source property: passing them through {@code Source.connector.*} would let
     * two settings disagree, so it is refused. Values equal the connector's ConsumerConfigConstants /
     * AWSConfigConstants (a test checks).
     */
    static final Map<String, String> TYPED_CONNECTOR_KEYS = typedConnectorKeys();

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    /** {@code arn:<partition>:sns:<region>:<account>:<topic>}; group 1 is the region. */
    private static final Pattern SNS_TOPIC_ARN =
            Pattern.compile("arn:aws[a-z-]*:sns:([a-z]{2}(?:-[a-z]+)+-\\d+):\\d{12}:[A-Za-z0-9_-]{1,256}(?:\\.fifo)?");
    private static final Pattern CONSUMER_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    private JobConfigValidator() {}

    static List<String> validate(JobConfig c, JobConfig.Mode mode) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (c.loadProblems != null) {
            errors.addAll(c.loadProblems);
        }
        if (c.loadWarnings != null) {
            warnings.addAll(c.loadWarnings);
        }
        processing(c, errors, warnings);
        fees(c, errors);
        privacy(c, mode, errors);
        lake(c, mode, errors, warnings);
        alerts(c, errors, warnings);
        alertsSns(c, errors);
        if (mode == JobConfig.Mode.KINESIS) {
            source(c.kinesis, errors, warnings);
            feedbackTracking(c, warnings);
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return warnings;
    }

    /**
     * Without a tracking rule beyond the per-message context flag, a team that enables feedback per configuration set
     * and never sets the flag gets every feedback record counted in feedback_untracked_received, and no conversion.
     */
    private static void feedbackTracking(JobConfig c, List<String> warnings) {
        String p = ConfigProperties.PROCESSING + ".";
        if (!c.feedbackTrackAll && JobConfig.listOf(c.feedbackTrackedUseCases).isEmpty()
                && JobConfig.listOf(c.feedbackTrackedOriginationIds).isEmpty()) {
            warnings.add(p + "feedback tracking: only messages whose Context has " + c.feedbackContextKey
                    + "=true are feedback-tracked; feedback for any other message counts in feedback_untracked_received,"
                    + " not in conversion. Set " + p + "feedbackTrackedUseCases, " + p + "feedbackTrackedOriginationIds or "
                    + p + "feedbackTrackAll to track messages whose sender does not set the flag.");
        }
    }

    private static void processing(JobConfig c, List<String> errors, List<String> warnings) {
        String p = ConfigProperties.PROCESSING + ".";
        if (c.windowSize == null || c.windowSize.isZero() || c.windowSize.isNegative()
                || c.windowSize.compareTo(Duration.ofDays(1)) > 0) {
            errors.add(p + "windowSize: must be a positive duration of at most 1 day, like 5m; got " + show(c.windowSize));
        }
        nonNegative(errors, p + "maxOutOfOrderness", c.maxOutOfOrderness, "1m");
        positive(errors, p + "maxFutureSkew", c.maxFutureSkew, "15m");
        positive(errors, p + "eventTimeMaxJump", c.eventTimeMaxJump, "1h");
        if (c.eventTimeConfirmations < 1) {
            errors.add(p + "eventTimeConfirmations: must be a positive number of events, like 10; got '"
                    + c.eventTimeConfirmations + "'");
        }
        positive(errors, p + "sourceIdleness", c.sourceIdleness, "30s");
        nonNegative(errors, p + "allowedLateness", c.allowedLateness, "72h");
        boolean timeoutOk = positive(errors, p + "feedbackTimeout", c.feedbackTimeout, "1h");
        if (positive(errors, p + "stateHorizon", c.stateHorizon, "78h")) {
            if (timeoutOk && c.stateHorizon.compareTo(c.feedbackTimeout) < 0) {
                errors.add(p + "stateHorizon: must be at least " + p + "feedbackTimeout ("
                        + DurationFormat.format(c.feedbackTimeout)
                        + "), or the feedback timer is cleared with the state; got " + show(c.stateHorizon));
            } else if (c.stateHorizon.compareTo(RECEIPT_HORIZON) < 0) {
                warnings.add(p + "stateHorizon is " + DurationFormat.format(c.stateHorizon)
                        + ", below the 72h in which delivery receipts can still arrive: a receipt for a message whose"
                        + " state expired counts it again. Use at least 72h in production.");
            }
        }
        if (c.recentMessages < 0) {
            errors.add(p + "recentMessages: must be 0 (off) or more (default 50000), got " + c.recentMessages);
        }
        if (c.maxUseCasesPerWindow < 1) {
            errors.add(p + "maxUseCasesPerWindow: must be at least 1 (default 50), got " + c.maxUseCasesPerWindow);
        }
        if (ConfigProperties.blank(c.useCaseContextKey)) {
            errors.add(p + "useCaseContextKey: must not be empty (default useCase)");
        }
        if (ConfigProperties.blank(c.feedbackContextKey)) {
            errors.add(p + "feedbackContextKey: must not be empty (default feedbackEnabled)");
        }
    }

    /**
     * The alert thresholds ({@code AlertSettings.validate}, each message naming the setting, which is the property's
     * key) and the key expiry: it must outlast a window, and below 8 days a weekly baseline is forgotten (a warning).
     */
    private static void alerts(JobConfig c, List<String> errors, List<String> warnings) {
        String p = ConfigProperties.ALERTS + ".";
        for (String problem : c.alerts.validate()) {
            errors.add(p + problem);
        }
        if (positive(errors, p + "keyIdleTimeout", c.alertKeyIdleTimeout, "15d")) {
            if (c.windowSize != null && c.alertKeyIdleTimeout.compareTo(c.windowSize) <= 0) {
                errors.add(p + "keyIdleTimeout: must be longer than " + ConfigProperties.PROCESSING
                        + ".windowSize (" + show(c.windowSize) + "), like 15d; got " + show(c.alertKeyIdleTimeout));
            } else if (c.alertKeyIdleTimeout.compareTo(java.time.Duration.ofDays(8)) < 0) {
                warnings.add(p + "keyIdleTimeout is " + show(c.alertKeyIdleTimeout) + ": a key quiet that long loses"
                        + " its hour-of-week baseline (8d or more keeps it)");
            }
        }
    }

    private static void fees(JobConfig c, List<String> errors) {
        if (!(c.whatsappAwsFeeUsd >= 0) || Double.isInfinite(c.whatsappAwsFeeUsd)) {
            errors.add(ConfigProperties.FEES + ".whatsappAwsFeeUsd: must be zero or a positive amount in USD like 0.005; got '"
                    + c.whatsappAwsFeeUsd + "'");
        }
    }

    private static void privacy(JobConfig c, JobConfig.Mode mode, List<String> errors) {
        String p = ConfigProperties.PRIVACY + ".";
        if (c.destinationHashKey == null) {
            if (mode == JobConfig.Mode.KINESIS) {
                errors.add(p + "destinationHashKey: is required for the Kinesis job (a secret of at least "
                        + MIN_HASH_KEY_CHARS + " characters, kept stable so hashes stay joinable), or name an"
                        + " environment variable holding it in " + p + "destinationHashKeyEnv");
            }
        } else if (c.destinationHashKey.length() < MIN_HASH_KEY_CHARS) {
            errors.add(p + "destinationHashKey: must be at least " + MIN_HASH_KEY_CHARS + " characters; got "
                    + c.destinationHashKey.length() + " characters");
        }
    }

    private static void lake(JobConfig c, JobConfig.Mode mode, List<String> errors, List<String> warnings) {
        String p = ConfigProperties.LAKE + ".";
        if (ConfigProperties.blank(c.output)) {
            errors.add(p + "output: is required: a local path or s3://bucket/prefix");
        } else if (mode == JobConfig.Mode.KINESIS && !c.output.startsWith("s3://")) {
            warnings.add(p + "output is '" + c.output + "', not an s3:// location: on Managed Flink local files are lost");
        }
        positive(errors, p + "checkpointInterval", c.checkpointInterval, "1m");
        if (c.parallelism < 0) {
            errors.add(p + "parallelism: must be 0 (environment default) or a positive number; got '" + c.parallelism + "'");
        }
    }

    /**
     * The SNS topic of the alerts: a topic ARN (its region must agree with {@code snsRegion} when both are given);
     * an endpoint or region only make sense with a topic.
     */
    private static void alertsSns(JobConfig c, List<String> errors) {
        String p = ConfigProperties.ALERTS + ".";
        String arn = ConfigProperties.blank(c.alertsSnsTopicArn) ? null : c.alertsSnsTopicArn.trim();
        String region = ConfigProperties.blank(c.alertsSnsRegion) ? null : c.alertsSnsRegion.trim();
        if (arn == null) {
            if (region != null || !ConfigProperties.blank(c.alertsSnsEndpoint)) {
                errors.add(p + "snsTopicArn: is required when " + p + "snsRegion or " + p + "snsEndpoint is set; give the"
                        + " topic's ARN like arn:aws:sns:us-east-1:111122223333:eum-alerts, or remove the other two");
            }
            return;
        }
        java.util.regex.Matcher m = SNS_TOPIC_ARN.matcher(arn);
        if (!m.matches()) {
            errors.add(p + "snsTopicArn: must be an SNS topic ARN like arn:aws:sns:us-east-1:111122223333:eum-alerts; got '"
                    + arn + "'");
        } else if (region != null && !region.equals(m.group(1))) {
            errors.add(p + "snsRegion: is " + region + " but the topic " + arn + " is in " + m.group(1)
                    + "; remove " + p + "snsRegion (the ARN's region is used) or make them agree");
        }
        if (region != null && !REGION.matcher(region).matches()) {
            errors.add(p + "snsRegion: must be an AWS region like us-east-1; got '" + region + "'");
        }
        if (!ConfigProperties.blank(c.alertsSnsEndpoint)) {
            endpoint(p + "snsEndpoint", c.alertsSnsEndpoint, "http://127.0.0.1:4002", errors);
        }
    }

    private static void source(KinesisSettings k, List<String> errors, List<String> warnings) {
        String p = ConfigProperties.SOURCE + ".";
        Map<String, String> streams = k.streams();
        if (streams.isEmpty()) {
            errors.add(p + "receiptsStream: at least one stream is required for the Kinesis job: set "
                    + p + "receiptsStream, " + p + "whatsappStream and/or " + p + "feedbackStream to a stream name or ARN");
        }
        Map<String, String> seenNames = new HashMap<>();
        Map<String, String> arnRegions = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : streams.entrySet()) {
            String prop = p + e.getKey() + "Stream";
            KinesisStreamRef ref;
            try {
                ref = KinesisStreamRef.parse(e.getValue());
            } catch (IllegalArgumentException ex) {
                errors.add(prop + ": " + ex.getMessage() + "; got '" + e.getValue() + "'");
                continue;
            }
            String other = seenNames.putIfAbsent(ref.name, prop);
            if (other != null) {
                errors.add(prop + ": stream '" + ref.name + "' is already read by " + other
                        + "; set it once (any stream may carry every record family)");
            }
            if (ref.region != null) {
                arnRegions.put(prop, ref.region);
            }
        }
        String region = ConfigProperties.blank(k.region) ? null : k.region.trim();
        if (region != null && !REGION.matcher(region).matches()) {
            errors.add(p + "region: must be an AWS region like us-east-1; got '" + region + "'");
        }
        String reference = region;
        for (Map.Entry<String, String> e : arnRegions.entrySet()) {
            if (reference == null) {
                reference = e.getValue();
            } else if (!reference.equals(e.getValue())) {
                errors.add(e.getKey() + ": the stream ARN is in region " + e.getValue() + " but the source reads "
                        + reference + (region != null ? " (" + p + "region)" : "")
                        + "; all streams must be in one region");
            }
        }
        if (reference == null && ConfigProperties.blank(k.endpoint)) {
            errors.add(p + "region: is required (e.g. us-east-1) unless the streams are given as ARNs");
        }
        if (!ConfigProperties.blank(k.endpoint)) {
            endpoint(p + "endpoint", k.endpoint, "http://127.0.0.1:4567", errors);
        }
        if (k.initialPosition == KinesisSettings.StartPosition.AT_TIMESTAMP && k.initialTimestamp == null) {
            errors.add(p + "initialTimestamp: is required when " + p + "initialPosition is AT_TIMESTAMP;"
                    + " give an ISO-8601 UTC time like 2025-06-02T14:00:00Z");
        }
        if (k.initialPosition != KinesisSettings.StartPosition.AT_TIMESTAMP && k.initialTimestamp != null) {
            warnings.add(p + "initialTimestamp is ignored because " + p + "initialPosition is " + k.initialPosition);
        }
        if (k.consumerType == KinesisSettings.ConsumerType.EFO) {
            if (ConfigProperties.blank(k.efoConsumerName)) {
                errors.add(p + "efoConsumerName: is required when " + p + "consumerType is EFO;"
                        + " give a name like eum-analytics (registered on each stream)");
            } else if (!CONSUMER_NAME.matcher(k.efoConsumerName).matches()) {
                errors.add(p + "efoConsumerName: must be 1-128 of a-z A-Z 0-9 _ . -; got '" + k.efoConsumerName + "'");
            }
        }
        for (String key : k.connectorProperties.keySet()) {
            String typed = TYPED_CONNECTOR_KEYS.get(key);
            if (typed != null) {
                errors.add(p + ConfigProperties.CONNECTOR_PREFIX + key + ": use " + typed + " instead");
            }
        }
    }

    private static void endpoint(String property, String endpoint, String example, List<String> errors) {
        String message = property + ": must be an http or https URL like " + example + "; got '" + endpoint + "'";
        try {
            URI uri = new URI(endpoint.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                errors.add(message);
            }
        } catch (URISyntaxException e) {
            errors.add(message);
        }
    }

    private static boolean positive(List<String> errors, String prop, Duration d, String example) {
        if (d == null || d.isZero() || d.isNegative()) {
            errors.add(prop + ": must be a positive duration like " + example + "; got " + show(d));
            return false;
        }
        return true;
    }

    private static void nonNegative(List<String> errors, String prop, Duration d, String example) {
        if (d == null || d.isNegative()) {
            errors.add(prop + ": must be zero or a positive duration like " + example + "; got " + show(d));
        }
    }

    private static String show(Duration d) {
        return d == null ? "nothing" : "'" + DurationFormat.format(d) + "'";
    }

    /** Connector keys whose values must not be printed (credentials). */
    static boolean looksSecret(String connectorKey) {
        String k = connectorKey.toLowerCase(Locale.ROOT);
        return k.contains("secret") || k.contains("password") || k.contains("token") || k.contains("accesskey");
    }

    private static Map<String, String> typedConnectorKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        String s = ConfigProperties.SOURCE + ".";
        m.put("aws.region", s + "region");
        m.put("aws.endpoint", s + "endpoint");
        m.put("flink.stream.initpos", s + "initialPosition");
        m.put("flink.stream.initpos.timestamp", s + "initialTimestamp");
        m.put("flink.stream.recordpublisher", s + "consumerType");
        m.put("flink.stream.efo.consumername", s + "efoConsumerName");
        return m;
    }
}
