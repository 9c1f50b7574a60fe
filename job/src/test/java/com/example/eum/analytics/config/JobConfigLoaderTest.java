package com.example.eum.analytics.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobConfigLoaderTest {
    private static final String KEY = "k3y-0123456789-abcdefghij-0123456789";

    /** The Managed Flink runtime format, as written by the console / CloudFormation / the CLI's JSON. */
    private static final String FILE = "[\n"
            + " {\"PropertyGroupId\": \"Source\", \"PropertyMap\": {\n"
            + "   \"receiptsStream\": \"sms-events\",\n"
            + "   \"whatsappStream\": \"arn:aws:kinesis:eu-west-1:111122223333:stream/wa-events\",\n"
            + "   \"initialPosition\": \"at_timestamp\",\n"
            + "   \"initialTimestamp\": \"2025-06-02T14:00:00Z\",\n"
            + "   \"consumerType\": \"EFO\", \"efoConsumerName\": \"eum-analytics\",\n"
            + "   \"connector.flink.shard.getrecords.intervalmillis\": \"500\"}},\n"
            + " {\"PropertyGroupId\": \"Processing\", \"PropertyMap\": {\n"
            + "   \"windowSize\": \"10m\", \"allowedLateness\": \"PT48H\", \"maxOutOfOrderness\": \"90s\",\n"
            + "   \"feedbackTrackAll\": \"true\", \"feedbackTimeout\": \"2h\"}},\n"
            + " {\"PropertyGroupId\": \"Fees\", \"PropertyMap\": {\"whatsappAwsFeeUsd\": 0.005}},\n"
            + " {\"PropertyGroupId\": \"Privacy\", \"PropertyMap\": {\"destinationHashKey\": \"" + KEY + "\"}},\n"
            + " {\"PropertyGroupId\": \"Lake\", \"PropertyMap\": {\"output\": \"s3://lake-bucket/eum\", \"parallelism\": 4,"
            + "   \"checkpointInterval\": \"30s\"}},\n"
            + " {\"PropertyGroupId\": \"kinesis.analytics.flink.run.options\", \"PropertyMap\": {\"python\": \"x\"}}\n"
            + "]\n";

    private static Path write(Path dir, String text) throws IOException {
        Path f = dir.resolve("application_properties.json");
        Files.write(f, text.getBytes(StandardCharsets.UTF_8));
        return f;
    }

    @Test
    void loadsEveryGroupFromAPropertyGroupsFile(@TempDir Path dir) throws IOException {
        JobConfig c = new JobConfigLoader().propertyGroupsFile(write(dir, FILE)).load();

        assertThat(c.kinesis.receiptsStream).isEqualTo("sms-events");
        assertThat(c.kinesis.whatsappStream).isEqualTo("arn:aws:kinesis:eu-west-1:111122223333:stream/wa-events");
        assertThat(c.kinesis.feedbackStream).isNull();
        assertThat(c.kinesis.resolvedRegion()).isEqualTo("eu-west-1");
        assertThat(c.kinesis.initialPosition).isEqualTo(KinesisSettings.StartPosition.AT_TIMESTAMP);
        assertThat(c.kinesis.initialTimestamp).isEqualTo(Instant.parse("2025-06-02T14:00:00Z"));
        assertThat(c.kinesis.consumerType).isEqualTo(KinesisSettings.ConsumerType.EFO);
        assertThat(c.kinesis.efoConsumerName).isEqualTo("eum-analytics");
        assertThat(c.kinesis.connectorProperties).containsExactly(Map.entry("flink.shard.getrecords.intervalmillis", "500"));
        assertThat(c.windowSize).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.allowedLateness).isEqualTo(Duration.ofHours(48));
        assertThat(c.maxOutOfOrderness).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.feedbackTimeout).isEqualTo(Duration.ofHours(2));
        assertThat(c.feedbackTrackAll).isTrue();
        assertThat(c.whatsappAwsFeeUsd).isEqualTo(0.005);
        assertThat(c.destinationHashKey).isEqualTo(KEY);
        assertThat(c.output).isEqualTo("s3://lake-bucket/eum");
        assertThat(c.parallelism).isEqualTo(4);
        assertThat(c.checkpointInterval).isEqualTo(Duration.ofSeconds(30));
        // untouched settings keep their defaults
        assertThat(c.stateHorizon).isEqualTo(Duration.ofHours(78));
        assertThat(c.sourceIdleness).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.includeRawNumbers).isFalse();

        // the unrelated group is ignored with a warning; the whole thing is valid for the Kinesis job
        assertThat(c.validate(JobConfig.Mode.KINESIS))
                .containsExactly("kinesis.analytics.flink.run.options: property group not used by this job; ignored");
    }

    @Test
    void overridesWinOverTheFileInGroupOrBareForm(@TempDir Path dir) throws IOException {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("Processing.windowSize", "15m");
        set.put("allowedLateness", "1h");
        set.put("Lake.output", "/tmp/lake");
        set.put("Source.consumerType", "POLLING");
        set.put("connector.flink.shard.getrecords.intervalmillis", "250");
        set.put("Source.connector.flink.shard.getrecords.maxrecordcount", "1000");
        JobConfig c = new JobConfigLoader().propertyGroupsFile(write(dir, FILE)).overrides(set).load();

        assertThat(c.windowSize).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.allowedLateness).isEqualTo(Duration.ofHours(1));
        assertThat(c.output).isEqualTo("/tmp/lake");
        assertThat(c.kinesis.consumerType).isEqualTo(KinesisSettings.ConsumerType.POLLING);
        assertThat(c.kinesis.connectorProperties).containsOnly(
                Map.entry("flink.shard.getrecords.intervalmillis", "250"),
                Map.entry("flink.shard.getrecords.maxrecordcount", "1000"));
        assertThat(c.maxOutOfOrderness).isEqualTo(Duration.ofSeconds(90)); // from the file
    }

    @Test
    void aBadValueInTheFileIsForgivenWhenAnOverrideReplacesIt(@TempDir Path dir) throws IOException {
        Path f = write(dir, "[{\"PropertyGroupId\": \"Processing\", \"PropertyMap\": {\"windowSize\": \"five minutes\"}}]");
        JobConfig c = new JobConfigLoader().propertyGroupsFile(f).overrides(Map.of("windowSize", "5m")).load();
        assertThat(c.validate(JobConfig.Mode.LOCAL)).isEmpty();
    }

    @Test
    void propertyGroupsFromTheRuntimeMap() {
        Properties source = new Properties();
        source.setProperty("feedbackStream", "fb");
        source.setProperty("region", "us-west-2");
        JobConfig c = new JobConfigLoader().propertyGroups(Map.of("Source", source)).load();
        assertThat(c.kinesis.streams()).containsExactly(Map.entry("feedback", "fb"));
        assertThat(c.kinesis.resolvedRegion()).isEqualTo("us-west-2");
    }

    @Test
    void everyBadValueAndUnknownKeyIsReportedAtOnceNamingThePropertyAndTheFix(@TempDir Path dir) throws IOException {
        Path f = write(dir, "[{\"PropertyGroupId\": \"Processing\", \"PropertyMap\": {"
                + "\"windowSize\": \"-3\", \"windowSze\": \"5m\", \"feedbackTrackAll\": \"yes\"}},"
                + "{\"PropertyGroupId\": \"Procesing\", \"PropertyMap\": {\"windowSize\": \"5m\"}},"
                + "{\"PropertyGroupId\": \"Source\", \"PropertyMap\": {\"initialPosition\": \"EARLIEST\","
                + " \"receiptsStream\": \"bad name!\", \"initialTimestamp\": \"yesterday\", \"connector.\": \"x\"}},"
                + "{\"PropertyGroupId\": \"Lake\", \"PropertyMap\": {\"parallelism\": \"four\"}},"
                + "{\"PropertyGroupId\": \"Fees\", \"PropertyMap\": {\"whatsappAwsFeeUsd\": \"cheap\"}}]");
        JobConfig c = new JobConfigLoader().propertyGroupsFile(f).overrides(Map.of("windowsize", "5m", "outptu", "x"))
                .load();

        assertThatThrownBy(() -> c.validate(JobConfig.Mode.LOCAL))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "Procesing: unknown property group; did you mean 'Processing'? Groups: Source, Processing, Fees, Privacy, Lake, Alerts",
                        "Processing.windowSze: unknown property; did you mean 'Processing.windowSize'?",
                        "Source.connector.: must name a connector property, like Source.connector.flink.shard.getrecords.intervalmillis",
                        "windowsize: unknown setting; did you mean 'Processing.windowSize'?",
                        "outptu: unknown setting; did you mean 'Lake.output'?",
                        "Processing.windowSize: must be a duration like 30s, 5m, 72h or PT5M; got '-3'",
                        "Processing.feedbackTrackAll: must be true or false; got 'yes'",
                        "Source.initialPosition: must be one of LATEST, TRIM_HORIZON, AT_TIMESTAMP; got 'EARLIEST'",
                        "Source.receiptsStream: must be a stream name (1-128 of a-z A-Z 0-9 _ . -) or a stream ARN; got 'bad name!'",
                        "Source.initialTimestamp: must be an ISO-8601 UTC timestamp like 2025-06-02T14:00:00Z; got 'yesterday'",
                        "Lake.parallelism: must be a whole number like 4; got 'four'",
                        "Fees.whatsappAwsFeeUsd: must be a decimal number like 0.005; got 'cheap'"));
    }

    @Test
    void hashKeyFromANamedEnvironmentVariable() {
        JobConfig c = new JobConfigLoader().environment(Map.of("EUM_HASH_KEY", KEY)::get)
                .overrides(Map.of("Privacy.destinationHashKeyEnv", "EUM_HASH_KEY")).load();
        assertThat(c.destinationHashKey).isEqualTo(KEY);

        JobConfig missing = new JobConfigLoader().environment(name -> null)
                .overrides(Map.of("Privacy.destinationHashKeyEnv", "EUM_HASH_KEY")).load();
        assertThatThrownBy(() -> missing.validate(JobConfig.Mode.LOCAL)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).containsExactly("Privacy.destinationHashKeyEnv: environment variable"
                        + " 'EUM_HASH_KEY' is not set or empty; set it to a secret of at least 32 characters"));

        JobConfig explicit = new JobConfigLoader().environment(Map.of("EUM_HASH_KEY", "from-env-" + KEY)::get)
                .overrides(Map.of("Privacy.destinationHashKeyEnv", "EUM_HASH_KEY", "Privacy.destinationHashKey", KEY))
                .load();
        assertThat(explicit.destinationHashKey).isEqualTo(KEY);
    }

    @Test
    void missingOrMalformedFileFailsLoudly(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> new JobConfigLoader().propertyGroupsFile(missing))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.problems()).containsExactly(missing + ": property file not found"));
        Path bad = write(dir, "{\"Source\": ");
        assertThatThrownBy(() -> new JobConfigLoader().propertyGroupsFile(bad))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(bad + ": not a property-groups file of the form [{\"PropertyGroupId\"");
    }

    @Test
    void parseSettingSplitsAtTheFirstEquals() {
        assertThat(JobConfigLoader.parseSetting("Source.connector.aws.role.arn=arn:aws:iam::1:role/x=y"))
                .isEqualTo(Map.entry("Source.connector.aws.role.arn", "arn:aws:iam::1:role/x=y"));
        assertThatThrownBy(() -> JobConfigLoader.parseSetting("Processing.windowSize"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--set Processing.windowSize: must be Group.key=value, like Processing.windowSize=10m");
    }

    @Test
    void secretsNeverAppearInToStringOrErrors() {
        JobConfig c = new JobConfigLoader().overrides(Map.of(
                "Privacy.destinationHashKey", KEY,
                "Source.connector.aws.credentials.provider.basic.secretkey", "SUPER-SECRET-VALUE",
                "Source.connector.aws.credentials.provider.basic.accesskeyid", "AKIAEXAMPLE",
                "Source.connector.aws.credentials.provider", "BASIC")).load();
        String s = c.toString();
        assertThat(s).doesNotContain(KEY).doesNotContain("SUPER-SECRET-VALUE").doesNotContain("AKIAEXAMPLE")
                .contains("Privacy.destinationHashKey=<redacted>")
                .contains("Source.connector.aws.credentials.provider.basic.secretkey=<redacted>")
                .contains("Source.connector.aws.credentials.provider=BASIC")
                .contains("Processing.windowSize=5m")
                .contains("Processing.allowedLateness=72h");

        JobConfig shortKey = new JobConfigLoader().overrides(Map.of("Privacy.destinationHashKey", "tooShortSecret")).load();
        assertThatThrownBy(() -> shortKey.validate(JobConfig.Mode.LOCAL))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.getMessage()).doesNotContain("tooShortSecret");
                    assertThat(e.problems()).containsExactly(
                            "Privacy.destinationHashKey: must be at least 32 characters; got 14 characters");
                });
        assertThat(shortKey.toString()).doesNotContain("tooShortSecret");
    }

    @Test
    void defaultsAreValidForLocalRunsAndListEverySetting() {
        JobConfig c = new JobConfig();
        assertThat(c.validate(JobConfig.Mode.LOCAL)).isEmpty();
        assertThat(c.validate(JobConfig.Mode.REPLAY)).isEmpty();
        assertThat(c.toString()).contains("Privacy.destinationHashKey=(none)");
        for (ConfigProperty p : ConfigProperties.all()) {
            assertThat(c.toString()).contains(p.path() + "=");
        }
        assertThat(List.copyOf(ConfigProperties.groups())).containsExactly("Source", "Processing", "Fees", "Privacy", "Lake", "Alerts");
    }

    @Test
    void alertPropertiesReachTheAlertSettingsAndWrongOnesNameTheFix() {
        JobConfig c = new JobConfigLoader().overrides(Map.of("Alerts.deliveryThreshold", "15",
                "Alerts.keyIdleTimeout", "3d", "Alerts.enabled", "false", "maxExampleMessageIds", "20")).load();
        assertThat(c.validate(JobConfig.Mode.LOCAL)).containsExactly(
                "Alerts.keyIdleTimeout is '72h': a key quiet that long loses its hour-of-week baseline (8d or more keeps it)");
        assertThat(c.alerts.deliveryThreshold).isEqualTo(15.0);
        assertThat(c.alerts.maxExampleMessageIds).isEqualTo(20);
        assertThat(c.alertKeyIdleTimeout).isEqualTo(java.time.Duration.ofDays(3));
        assertThat(c.alertsEnabled).isFalse();

        JobConfig bad = new JobConfigLoader().overrides(Map.of("Alerts.conversionThreshold", "0",
                "Alerts.maxExampleMessageIds", "5", "Alerts.keyIdleTimeout", "1m")).load();
        assertThatThrownBy(() -> bad.validate(JobConfig.Mode.LOCAL))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "Alerts.conversionThreshold must be positive: 0.0",
                        "Alerts.maxExampleMessageIds must be between 10 and 50: 5",
                        "Alerts.keyIdleTimeout: must be longer than Processing.windowSize ('5m'), like 15d; got '1m'"));
    }
}
