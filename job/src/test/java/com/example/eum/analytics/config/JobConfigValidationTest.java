package com.example.eum.analytics.config;

import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobConfigValidationTest {
    private static final String KEY = "0123456789abcdef0123456789abcdef";

    /** A configuration the Kinesis job accepts without warnings. */
    private static JobConfig kinesis() {
        JobConfig c = new JobConfig();
        c.kinesis.receiptsStream = "sms-events";
        c.kinesis.region = "us-east-1";
        c.destinationHashKey = KEY;
        c.output = "s3://lake/eum";
        c.feedbackTrackedUseCases = "otp";
        return c;
    }

    private static List<String> problems(JobConfig c, JobConfig.Mode mode) {
        try {
            c.validate(mode);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).startsWith("Invalid configuration (" + e.problems().size() + " problem");
            return e.problems();
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void theBaselineIsValid() {
        assertThat(kinesis().validate(JobConfig.Mode.KINESIS)).isEmpty();
    }

    @Test
    void theKinesisJobWarnsWhenOnlyTheContextFlagTracksFeedback() {
        JobConfig c = kinesis();
        c.feedbackTrackedUseCases = null;
        assertThat(c.validate(JobConfig.Mode.KINESIS)).singleElement().asString()
                .contains("only messages whose Context has feedbackEnabled=true are feedback-tracked")
                .contains("Processing.feedbackTrackedUseCases, Processing.feedbackTrackedOriginationIds or Processing.feedbackTrackAll");
        c.feedbackTrackedOriginationIds = "+12065550100";
        assertThat(c.validate(JobConfig.Mode.KINESIS)).isEmpty();
        c.feedbackTrackedOriginationIds = null;
        c.feedbackTrackAll = true;
        assertThat(c.validate(JobConfig.Mode.KINESIS)).isEmpty();
        assertThat(JobConfig.listOf(" otp, ,login-otp ")).containsExactly("otp", "login-otp");
    }

    @Test
    void kinesisModeNeedsAStreamAndAHashKeyLocalModeDoesNot() {
        JobConfig c = new JobConfig();
        c.output = "s3://lake/eum";
        c.kinesis.region = "us-east-1";
        assertThat(problems(c, JobConfig.Mode.KINESIS)).containsExactly(
                "Privacy.destinationHashKey: is required for the Kinesis job (a secret of at least 32 characters, kept"
                        + " stable so hashes stay joinable), or name an environment variable holding it in"
                        + " Privacy.destinationHashKeyEnv",
                "Source.receiptsStream: at least one stream is required for the Kinesis job: set Source.receiptsStream,"
                        + " Source.whatsappStream and/or Source.feedbackStream to a stream name or ARN");
        assertThat(c.validate(JobConfig.Mode.LOCAL)).isEmpty();
    }

    @Test
    void recentMessagesIsZeroOrMore() {
        JobConfig c = kinesis();
        c.recentMessages = 0;
        assertThat(c.validate(JobConfig.Mode.KINESIS)).isEmpty();
        c.recentMessages = -1;
        assertThat(problems(c, JobConfig.Mode.KINESIS))
                .containsExactly("Processing.recentMessages: must be 0 (off) or more (default 50000), got -1");
    }

    @Test
    void processingDurations() {
        JobConfig c = kinesis();
        c.windowSize = Duration.ofHours(25);
        c.maxOutOfOrderness = Duration.ofSeconds(-1);
        c.sourceIdleness = Duration.ZERO;
        c.allowedLateness = Duration.ofMinutes(-5);
        c.feedbackTimeout = null;
        c.feedbackContextKey = " ";
        assertThat(problems(c, JobConfig.Mode.KINESIS)).containsExactly(
                "Processing.windowSize: must be a positive duration of at most 1 day, like 5m; got '25h'",
                "Processing.maxOutOfOrderness: must be zero or a positive duration like 1m; got '-1s'",
                "Processing.sourceIdleness: must be a positive duration like 30s; got '0'",
                "Processing.allowedLateness: must be zero or a positive duration like 72h; got '-5m'",
                "Processing.feedbackTimeout: must be a positive duration like 1h; got nothing",
                "Processing.feedbackContextKey: must not be empty (default feedbackEnabled)");
    }

    @Test
    void stateMustOutliveTheFeedbackTimerAndShouldOutliveTheReceiptHorizon() {
        JobConfig c = kinesis();
        c.feedbackTimeout = Duration.ofHours(2);
        c.stateHorizon = Duration.ofHours(1);
        assertThat(problems(c, JobConfig.Mode.KINESIS)).containsExactly(
                "Processing.stateHorizon: must be at least Processing.feedbackTimeout (2h), or the feedback timer is"
                        + " cleared with the state; got '1h'");

        c.stateHorizon = Duration.ofHours(24);
        assertThat(c.validate(JobConfig.Mode.KINESIS)).containsExactly(
                "Processing.stateHorizon is 24h, below the 72h in which delivery receipts can still arrive: a receipt"
                        + " for a message whose state expired counts it again. Use at least 72h in production.");
        c.stateHorizon = Duration.ofHours(72);
        assertThat(c.validate(JobConfig.Mode.KINESIS)).isEmpty();
    }

    @Test
    void lakeAndFees() {
        JobConfig c = kinesis();
        c.output = "";
        c.checkpointInterval = Duration.ZERO;
        c.parallelism = -2;
        c.whatsappAwsFeeUsd = -0.01;
        assertThat(problems(c, JobConfig.Mode.LOCAL)).containsExactly(
                "Fees.whatsappAwsFeeUsd: must be zero or a positive amount in USD like 0.005; got '-0.01'",
                "Lake.output: is required: a local path or s3://bucket/prefix",
                "Lake.checkpointInterval: must be a positive duration like 1m; got '0'",
                "Lake.parallelism: must be 0 (environment default) or a positive number; got '-2'");
        JobConfig local = kinesis();
        local.output = "/tmp/lake";
        assertThat(local.validate(JobConfig.Mode.KINESIS)).containsExactly(
                "Lake.output is '/tmp/lake', not an s3:// location: on Managed Flink local files are lost");
        assertThat(local.validate(JobConfig.Mode.LOCAL)).isEmpty();
    }

    @Test
    void alertsSnsTopicRegionAndEndpoint() {
        JobConfig ok = kinesis();
        ok.alertsSnsTopicArn = "arn:aws:sns:eu-west-1:111122223333:eum-alerts";
        assertThat(ok.validate(JobConfig.Mode.KINESIS)).isEmpty();
        ok.alertsSnsRegion = "eu-west-1";
        ok.alertsSnsEndpoint = "https://sns.eu-west-1.amazonaws.com";
        assertThat(ok.validate(JobConfig.Mode.KINESIS)).isEmpty();

        JobConfig bad = kinesis();
        bad.alertsSnsTopicArn = "eum-alerts";
        bad.alertsSnsRegion = "Ireland";
        bad.alertsSnsEndpoint = "sns.local:4002";
        assertThat(problems(bad, JobConfig.Mode.KINESIS)).containsExactly(
                "Alerts.snsTopicArn: must be an SNS topic ARN like arn:aws:sns:us-east-1:111122223333:eum-alerts; got 'eum-alerts'",
                "Alerts.snsRegion: must be an AWS region like us-east-1; got 'Ireland'",
                "Alerts.snsEndpoint: must be an http or https URL like http://127.0.0.1:4002; got 'sns.local:4002'");

        JobConfig elsewhere = kinesis();
        elsewhere.alertsSnsTopicArn = "arn:aws:sns:eu-west-1:111122223333:eum-alerts";
        elsewhere.alertsSnsRegion = "us-east-1";
        assertThat(problems(elsewhere, JobConfig.Mode.KINESIS)).containsExactly(
                "Alerts.snsRegion: is us-east-1 but the topic arn:aws:sns:eu-west-1:111122223333:eum-alerts is in eu-west-1;"
                        + " remove Alerts.snsRegion (the ARN's region is used) or make them agree");

        JobConfig noTopic = kinesis();
        noTopic.alertsSnsEndpoint = "http://127.0.0.1:4002";
        assertThat(problems(noTopic, JobConfig.Mode.LOCAL)).containsExactly(
                "Alerts.snsTopicArn: is required when Alerts.snsRegion or Alerts.snsEndpoint is set; give the topic's ARN"
                        + " like arn:aws:sns:us-east-1:111122223333:eum-alerts, or remove the other two");
    }

    @Test
    void startPositionAndConsumerType() {
        JobConfig c = kinesis();
        c.kinesis.initialPosition = KinesisSettings.StartPosition.AT_TIMESTAMP;
        c.kinesis.consumerType = KinesisSettings.ConsumerType.EFO;
        assertThat(problems(c, JobConfig.Mode.KINESIS)).containsExactly(
                "Source.initialTimestamp: is required when Source.initialPosition is AT_TIMESTAMP; give an ISO-8601"
                        + " UTC time like 2025-06-02T14:00:00Z",
                "Source.efoConsumerName: is required when Source.consumerType is EFO; give a name like eum-analytics"
                        + " (registered on each stream)");
        c.kinesis.initialTimestamp = Instant.parse("2025-06-02T14:00:00Z");
        c.kinesis.efoConsumerName = "bad name";
        assertThat(problems(c, JobConfig.Mode.KINESIS)).containsExactly(
                "Source.efoConsumerName: must be 1-128 of a-z A-Z 0-9 _ . -; got 'bad name'");
        c.kinesis.efoConsumerName = "eum-analytics";
        assertThat(c.validate(JobConfig.Mode.KINESIS)).isEmpty();
        c.kinesis.initialPosition = KinesisSettings.StartPosition.LATEST;
        assertThat(c.validate(JobConfig.Mode.KINESIS)).containsExactly(
                "Source.initialTimestamp is ignored because Source.initialPosition is LATEST");
    }

    @Test
    void streamsRegionAndEndpoint() {
        JobConfig c = kinesis();
        c.kinesis.region = null;
        c.kinesis.receiptsStream = "arn:aws:kinesis:eu-west-1:111122223333:stream/sms";
        c.kinesis.whatsappStream = "arn:aws:kinesis:us-east-1:111122223333:stream/wa";
        c.kinesis.feedbackStream = "sms";
        assertThat(problems(c, JobConfig.Mode.KINESIS)).containsExactly(
                "Source.feedbackStream: stream 'sms' is already read by Source.receiptsStream; set it once (any stream"
                        + " may carry every record family)",
                "Source.whatsappStream: the stream ARN is in region us-east-1 but the source reads eu-west-1; all streams"
                        + " must be in one region");

        JobConfig d = kinesis();
        d.kinesis.region = "useast1";
        d.kinesis.endpoint = "localhost:4567";
        d.kinesis.whatsappStream = "arn:aws:kinesis:us-east-1:nope:stream/wa";
        assertThat(problems(d, JobConfig.Mode.KINESIS)).containsExactly(
                "Source.whatsappStream: must be a Kinesis stream ARN like"
                        + " arn:aws:kinesis:us-east-1:111122223333:stream/my-stream;"
                        + " got 'arn:aws:kinesis:us-east-1:nope:stream/wa'",
                "Source.region: must be an AWS region like us-east-1; got 'useast1'",
                "Source.endpoint: must be an http or https URL like http://127.0.0.1:4567; got 'localhost:4567'");

        JobConfig e = kinesis();
        e.kinesis.region = null;
        assertThat(problems(e, JobConfig.Mode.KINESIS)).containsExactly(
                "Source.region: is required (e.g. us-east-1) unless the streams are given as ARNs");
        e.kinesis.receiptsStream = "arn:aws:kinesis:eu-west-1:111122223333:stream/sms";
        assertThat(e.validate(JobConfig.Mode.KINESIS)).isEmpty();
    }

    @Test
    void connectorPassThroughMayNotShadowTypedSettings() {
        JobConfig c = kinesis();
        c.kinesis.connectorProperties.put("aws.region", "eu-west-1");
        c.kinesis.connectorProperties.put("flink.stream.initpos", "TRIM_HORIZON");
        c.kinesis.connectorProperties.put("flink.shard.getrecords.intervalmillis", "500");
        assertThat(problems(c, JobConfig.Mode.KINESIS)).containsExactly(
                "Source.connector.aws.region: use Source.region instead",
                "Source.connector.flink.stream.initpos: use Source.initialPosition instead");
    }

    @Test
    void typedConnectorKeysAreTheConnectorsOwnConstants() {
        assertThat(JobConfigValidator.TYPED_CONNECTOR_KEYS).containsOnlyKeys(
                AWSConfigConstants.AWS_REGION,
                AWSConfigConstants.AWS_ENDPOINT,
                ConsumerConfigConstants.STREAM_INITIAL_POSITION,
                ConsumerConfigConstants.STREAM_INITIAL_TIMESTAMP,
                ConsumerConfigConstants.RECORD_PUBLISHER_TYPE,
                ConsumerConfigConstants.EFO_CONSUMER_NAME);
    }

    @Test
    void problemsFromLoadingAndValidationComeInOneException() {
        JobConfig c = new JobConfigLoader().overrides(Map.of("Processing.windowSize", "soon", "Lake.output", ""))
                .load();
        assertThatThrownBy(() -> c.validate(JobConfig.Mode.LOCAL)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).containsExactly(
                        "Processing.windowSize: must be a duration like 30s, 5m, 72h or PT5M; got 'soon'",
                        "Lake.output: is required: a local path or s3://bucket/prefix"));
    }
}
