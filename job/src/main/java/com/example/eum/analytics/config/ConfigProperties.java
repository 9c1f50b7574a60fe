package com.example.eum.analytics.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry of every property the loader accepts, grouped as on Amazon Managed Service for Apache Flink. Adding
 * a setting means adding a field to {@link JobConfig} (or {@link KinesisSettings}), one line here and one row in
 * deploy/PROPERTIES.md (a test fails if the row is missing).
 */
public final class ConfigProperties {
    public static final String SOURCE = "Source";
    public static final String PROCESSING = "Processing";
    public static final String FEES = "Fees";
    public static final String PRIVACY = "Privacy";
    public static final String LAKE = "Lake";
    public static final String ALERTS = "Alerts";

    /**
     * Keys in the Source group starting with this prefix are passed verbatim (prefix removed) to the Kinesis
     * connector, e.g. {@code Source.connector.flink.shard.getrecords.intervalmillis=500}.
     */
    public static final String CONNECTOR_PREFIX = "connector.";

    private static final List<String> GROUPS = List.of(SOURCE, PROCESSING, FEES, PRIVACY, LAKE, ALERTS);
    private static final List<ConfigProperty> ALL = build();

    private ConfigProperties() {}

    /** Every property, in documentation order. */
    public static List<ConfigProperty> all() {
        return ALL;
    }

    /** The group names, in documentation order. */
    public static List<String> groups() {
        return GROUPS;
    }

    /** The property {@code group.key}, if accepted (case-sensitive, as Managed Flink group ids are). */
    public static Optional<ConfigProperty> find(String group, String key) {
        return ALL.stream().filter(p -> p.group().equals(group) && p.key().equals(key)).findFirst();
    }

    /** The property with this key in any group (keys are unique across groups). */
    public static Optional<ConfigProperty> findByKey(String key) {
        return ALL.stream().filter(p -> p.key().equals(key)).findFirst();
    }

    private static List<ConfigProperty> build() {
        List<ConfigProperty> l = new ArrayList<>();
        // Source
        l.add(stream("receiptsStream", c -> c.kinesis.receiptsStream, (c, v) -> c.kinesis.receiptsStream = v));
        l.add(stream("whatsappStream", c -> c.kinesis.whatsappStream, (c, v) -> c.kinesis.whatsappStream = v));
        l.add(stream("feedbackStream", c -> c.kinesis.feedbackStream, (c, v) -> c.kinesis.feedbackStream = v));
        l.add(string(SOURCE, "region", c -> c.kinesis.region, (c, v) -> c.kinesis.region = v));
        l.add(string(SOURCE, "endpoint", c -> c.kinesis.endpoint, (c, v) -> c.kinesis.endpoint = v));
        l.add(enumeration(SOURCE, "initialPosition", KinesisSettings.StartPosition.class,
                c -> c.kinesis.initialPosition, (c, v) -> c.kinesis.initialPosition = v));
        l.add(new ConfigProperty(SOURCE, "initialTimestamp", "timestamp", false, c -> c.kinesis.initialTimestamp,
                (c, v) -> c.kinesis.initialTimestamp = blank(v) ? null : instant(v)));
        l.add(enumeration(SOURCE, "consumerType", KinesisSettings.ConsumerType.class,
                c -> c.kinesis.consumerType, (c, v) -> c.kinesis.consumerType = v));
        l.add(string(SOURCE, "efoConsumerName", c -> c.kinesis.efoConsumerName, (c, v) -> c.kinesis.efoConsumerName = v));
        // Processing
        l.add(duration(PROCESSING, "windowSize", c -> c.windowSize, (c, v) -> c.windowSize = v));
        l.add(duration(PROCESSING, "maxOutOfOrderness", c -> c.maxOutOfOrderness, (c, v) -> c.maxOutOfOrderness = v));
        l.add(duration(PROCESSING, "maxFutureSkew", c -> c.maxFutureSkew, (c, v) -> c.maxFutureSkew = v));
        l.add(duration(PROCESSING, "eventTimeMaxJump", c -> c.eventTimeMaxJump, (c, v) -> c.eventTimeMaxJump = v));
        l.add(new ConfigProperty(PROCESSING, "eventTimeConfirmations", "integer", false, c -> c.eventTimeConfirmations,
                (c, v) -> c.eventTimeConfirmations = integer(v)));
        l.add(duration(PROCESSING, "sourceIdleness", c -> c.sourceIdleness, (c, v) -> c.sourceIdleness = v));
        l.add(duration(PROCESSING, "allowedLateness", c -> c.allowedLateness, (c, v) -> c.allowedLateness = v));
        l.add(duration(PROCESSING, "stateHorizon", c -> c.stateHorizon, (c, v) -> c.stateHorizon = v));
        l.add(duration(PROCESSING, "feedbackTimeout", c -> c.feedbackTimeout, (c, v) -> c.feedbackTimeout = v));
        l.add(string(PROCESSING, "feedbackContextKey", c -> c.feedbackContextKey, (c, v) -> c.feedbackContextKey = v));
        l.add(bool(PROCESSING, "feedbackTrackAll", c -> c.feedbackTrackAll, (c, v) -> c.feedbackTrackAll = v));
        l.add(list(PROCESSING, "feedbackTrackedUseCases", c -> c.feedbackTrackedUseCases, (c, v) -> c.feedbackTrackedUseCases = v));
        l.add(list(PROCESSING, "feedbackTrackedOriginationIds", c -> c.feedbackTrackedOriginationIds,
                (c, v) -> c.feedbackTrackedOriginationIds = v));
        l.add(string(PROCESSING, "useCaseContextKey", c -> c.useCaseContextKey, (c, v) -> c.useCaseContextKey = v));
        l.add(new ConfigProperty(PROCESSING, "maxUseCasesPerWindow", "integer", false, c -> c.maxUseCasesPerWindow,
                (c, v) -> c.maxUseCasesPerWindow = integer(v)));
        l.add(new ConfigProperty(PROCESSING, "recentMessages", "integer", false, c -> c.recentMessages,
                (c, v) -> c.recentMessages = integer(v)));
        // Fees
        l.add(string(FEES, "whatsappRateCard", c -> c.whatsappRateCard, (c, v) -> c.whatsappRateCard = v));
        l.add(new ConfigProperty(FEES, "whatsappAwsFeeUsd", "decimal", false, c -> c.whatsappAwsFeeUsd,
                (c, v) -> c.whatsappAwsFeeUsd = decimal(v)));
        // Privacy
        l.add(new ConfigProperty(PRIVACY, "destinationHashKey", "secret", true, c -> c.destinationHashKey,
                (c, v) -> c.destinationHashKey = blank(v) ? null : v));
        l.add(string(PRIVACY, "destinationHashKeyEnv", c -> c.destinationHashKeyEnv,
                (c, v) -> c.destinationHashKeyEnv = v));
        l.add(bool(PRIVACY, "includeRawNumbers", c -> c.includeRawNumbers, (c, v) -> c.includeRawNumbers = v));
        // Lake
        l.add(string(LAKE, "output", c -> c.output, (c, v) -> c.output = v));
        l.add(duration(LAKE, "checkpointInterval", c -> c.checkpointInterval, (c, v) -> c.checkpointInterval = v));
        l.add(new ConfigProperty(LAKE, "parallelism", "integer", false, c -> c.parallelism,
                (c, v) -> c.parallelism = integer(v)));
        // Alerts: the switch, the key expiry and the main thresholds of alert.AlertSettings (same names)
        l.add(bool(ALERTS, "enabled", c -> c.alertsEnabled, (c, v) -> c.alertsEnabled = v));
        l.add(duration(ALERTS, "keyIdleTimeout", c -> c.alertKeyIdleTimeout, (c, v) -> c.alertKeyIdleTimeout = v));
        l.add(alertDecimal("priorStrength", c -> c.alerts.priorStrength, (c, v) -> c.alerts.priorStrength = v));
        l.add(duration(ALERTS, "historyHalfLife", c -> c.alerts.historyHalfLife, (c, v) -> c.alerts.historyHalfLife = v));
        l.add(alertDecimal("defaultConversionRate", c -> c.alerts.defaultConversionRate,
                (c, v) -> c.alerts.defaultConversionRate = v));
        l.add(alertDecimal("defaultFailureRate", c -> c.alerts.defaultFailureRate, (c, v) -> c.alerts.defaultFailureRate = v));
        l.add(alertDecimal("warmupOutcomes", c -> c.alerts.warmupOutcomes, (c, v) -> c.alerts.warmupOutcomes = v));
        l.add(alertDecimal("conversionThreshold", c -> c.alerts.conversionThreshold,
                (c, v) -> c.alerts.conversionThreshold = v));
        l.add(alertDecimal("conversionCriticalDrop", c -> c.alerts.conversionCriticalDrop,
                (c, v) -> c.alerts.conversionCriticalDrop = v));
        l.add(alertDecimal("conversionSpillShare", c -> c.alerts.conversionSpillShare,
                (c, v) -> c.alerts.conversionSpillShare = v));
        l.add(alertInteger("conversionMinOutcomes", c -> c.alerts.conversionMinOutcomes,
                (c, v) -> c.alerts.conversionMinOutcomes = v));
        l.add(alertDecimal("deliveryThreshold", c -> c.alerts.deliveryThreshold, (c, v) -> c.alerts.deliveryThreshold = v));
        l.add(alertDecimal("deliveryCriticalIncrease", c -> c.alerts.deliveryCriticalIncrease,
                (c, v) -> c.alerts.deliveryCriticalIncrease = v));
        l.add(alertInteger("deliveryMinOutcomes", c -> c.alerts.deliveryMinOutcomes,
                (c, v) -> c.alerts.deliveryMinOutcomes = v));
        l.add(alertDecimal("pumpingVolumeFactor", c -> c.alerts.pumpingVolumeFactor,
                (c, v) -> c.alerts.pumpingVolumeFactor = v));
        l.add(alertInteger("pumpingMinSignals", c -> c.alerts.pumpingMinSignals, (c, v) -> c.alerts.pumpingMinSignals = v));
        l.add(alertDecimal("pumpingCriticalExcessUsd", c -> c.alerts.pumpingCriticalExcessUsd,
                (c, v) -> c.alerts.pumpingCriticalExcessUsd = v));
        l.add(alertDecimal("spendRobustZ", c -> c.alerts.spendRobustZ, (c, v) -> c.alerts.spendRobustZ = v));
        l.add(alertDecimal("spendMinExcessUsd", c -> c.alerts.spendMinExcessUsd, (c, v) -> c.alerts.spendMinExcessUsd = v));
        l.add(alertDecimal("spendWarningExcessUsd", c -> c.alerts.spendWarningExcessUsd,
                (c, v) -> c.alerts.spendWarningExcessUsd = v));
        l.add(alertDecimal("spendCriticalExcessUsd", c -> c.alerts.spendCriticalExcessUsd,
                (c, v) -> c.alerts.spendCriticalExcessUsd = v));
        l.add(duration(ALERTS, "updateInterval", c -> c.alerts.updateInterval, (c, v) -> c.alerts.updateInterval = v));
        l.add(alertInteger("resolveAfterClearWindows", c -> c.alerts.resolveAfterClearWindows,
                (c, v) -> c.alerts.resolveAfterClearWindows = v));
        l.add(alertInteger("maxExampleMessageIds", c -> c.alerts.maxExampleMessageIds,
                (c, v) -> c.alerts.maxExampleMessageIds = v));
        // Alerts: publishing to SNS
        l.add(string(ALERTS, "snsTopicArn", c -> c.alertsSnsTopicArn, (c, v) -> c.alertsSnsTopicArn = v));
        l.add(string(ALERTS, "snsRegion", c -> c.alertsSnsRegion, (c, v) -> c.alertsSnsRegion = v));
        l.add(string(ALERTS, "snsEndpoint", c -> c.alertsSnsEndpoint, (c, v) -> c.alertsSnsEndpoint = v));
        return Collections.unmodifiableList(l);
    }

    private static ConfigProperty stream(String key, Function<JobConfig, Object> get, BiConsumer<JobConfig, String> set) {
        return new ConfigProperty(SOURCE, key, "stream name or ARN", false, get, (c, v) -> {
            if (blank(v)) {
                set.accept(c, null);
                return;
            }
            KinesisStreamRef.parse(v);
            set.accept(c, v.trim());
        });
    }

    private static ConfigProperty string(String group, String key, Function<JobConfig, Object> get,
                                         BiConsumer<JobConfig, String> set) {
        return new ConfigProperty(group, key, "string", false, get, (c, v) -> set.accept(c, blank(v) ? null : v.trim()));
    }

    private static ConfigProperty list(String group, String key, Function<JobConfig, Object> get,
                                       BiConsumer<JobConfig, String> set) {
        return new ConfigProperty(group, key, "comma-separated list", false, get,
                (c, v) -> set.accept(c, JobConfig.listOf(v).isEmpty() ? null : String.join(",", JobConfig.listOf(v))));
    }

    private static ConfigProperty duration(String group, String key, Function<JobConfig, Object> get,
                                           BiConsumer<JobConfig, Duration> set) {
        return new ConfigProperty(group, key, "duration", false, get, (c, v) -> set.accept(c, DurationFormat.parse(v)));
    }

    private static ConfigProperty alertDecimal(String key, Function<JobConfig, Object> get,
                                               BiConsumer<JobConfig, Double> set) {
        return new ConfigProperty(ALERTS, key, "decimal", false, get, (c, v) -> set.accept(c, decimal(v)));
    }

    private static ConfigProperty alertInteger(String key, Function<JobConfig, Object> get,
                                               BiConsumer<JobConfig, Integer> set) {
        return new ConfigProperty(ALERTS, key, "integer", false, get, (c, v) -> set.accept(c, integer(v)));
    }

    private static ConfigProperty bool(String group, String key, Function<JobConfig, Object> get,
                                       BiConsumer<JobConfig, Boolean> set) {
        return new ConfigProperty(group, key, "boolean", false, get, (c, v) -> {
            String t = v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
            if (!t.equals("true") && !t.equals("false")) {
                throw new IllegalArgumentException("must be true or false");
            }
            set.accept(c, Boolean.parseBoolean(t));
        });
    }

    private static <E extends Enum<E>> ConfigProperty enumeration(String group, String key, Class<E> type,
                                                                 Function<JobConfig, Object> get,
                                                                 BiConsumer<JobConfig, E> set) {
        String values = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(" / "));
        return new ConfigProperty(group, key, values, false, get, (c, v) -> {
            String t = v == null ? "" : v.trim().toUpperCase(Locale.ROOT);
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(t)) {
                    set.accept(c, e);
                    return;
                }
            }
            throw new IllegalArgumentException("must be one of " + values.replace(" / ", ", "));
        });
    }

    private static Instant instant(String v) {
        try {
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO-8601 UTC timestamp like 2025-06-02T14:00:00Z");
        }
    }

    private static double decimal(String v) {
        try {
            double d = Double.parseDouble(v == null ? "" : v.trim());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a decimal number like 0.005");
        }
    }

    private static int integer(String v) {
        try {
            return Integer.parseInt(v == null ? "" : v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number like 4");
        }
    }

    static boolean blank(String v) {
        return v == null || v.trim().isEmpty();
    }
}
