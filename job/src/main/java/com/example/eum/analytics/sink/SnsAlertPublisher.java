package com.example.eum.analytics.sink;

import com.example.eum.analytics.alert.Alert;
import com.example.eum.analytics.alert.AlertJson;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.SnsAsyncClientBuilder;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes alerts to an SNS topic without ever blocking or failing the caller: {@link #publish} hands the alert
 * to the asynchronous SDK client and returns at once. A failed publish is retried a bounded number of times with
 * exponential backoff and jitter (on a timer thread, not the caller's); one that finally fails, or that finds
 * {@link Settings#maxInFlight} publishes already pending, is counted and logged (rule, dedup key, error: no
 * payload), and the caller goes on (the alert is still in the lake).
 *
 * <p>Message: the alert's JSON ({@link AlertJson}); subject: its one-line summary (cut to SNS's 100 characters);
 * message attributes {@code rule}, {@code severity}, {@code status}, {@code country} (ISO code, {@code ALL} for
 * account-wide alerts) and {@code dedup_key}, for subscription filter policies and deduplicating receivers.
 */
public final class SnsAlertPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnsAlertPublisher.class);
    private static final int MAX_SUBJECT = 100;

    /** Where and how to publish. */
    public static final class Settings implements Serializable {
        private static final long serialVersionUID = 1L;
        /** The topic's ARN. */
        public String topicArn;
        /** AWS region of the topic; null = the SDK's default region chain. */
        public String region;
        /** Endpoint override (tests, VPC endpoints); null = AWS. */
        public String endpoint;
        /** Attempts per alert, the first included. */
        public int maxAttempts = 4;
        /** Backoff before the second attempt; doubles per attempt, with jitter, up to {@link #maxBackoff}. */
        public Duration initialBackoff = Duration.ofMillis(200);
        public Duration maxBackoff = Duration.ofSeconds(5);
        /** Time limit of one attempt. */
        public Duration attemptTimeout = Duration.ofSeconds(10);
        /** Publishes pending at once (attempts and backoffs); beyond this an alert is dropped and counted. */
        public int maxInFlight = 200;
    }

    private final SnsAsyncClient client;
    private final Settings settings;
    private final ScheduledExecutorService timer;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /** A publisher with its own client and the default AWS credentials chain. */
    public static SnsAlertPublisher create(Settings settings) {
        return create(settings, null);
    }

    /**
     * A publisher with its own client (SDK retries off: this class's bounded retries are the only ones);
     * {@code credentials} null = the default AWS credentials chain.
     */
    public static SnsAlertPublisher create(Settings settings, AwsCredentialsProvider credentials) {
        SnsAsyncClientBuilder builder = SnsAsyncClient.builder().overrideConfiguration(o -> o
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallAttemptTimeout(settings.attemptTimeout)
                .apiCallTimeout(settings.attemptTimeout));
        if (settings.region != null) {
            builder.region(Region.of(settings.region));
        }
        if (settings.endpoint != null) {
            builder.endpointOverride(URI.create(settings.endpoint));
        }
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        return new SnsAlertPublisher(builder.build(), settings);
    }

    /** A publisher over a given client (its retry configuration is the caller's); closing closes the client. */
    public SnsAlertPublisher(SnsAsyncClient client, Settings settings) {
        if (settings.topicArn == null || settings.topicArn.isBlank()) {
            throw new IllegalArgumentException("SNS topic ARN is not set: give the topic the alerts go to");
        }
        if (settings.maxAttempts < 1 || settings.maxInFlight < 1) {
            throw new IllegalArgumentException("maxAttempts and maxInFlight must be at least 1");
        }
        this.client = client;
        this.settings = settings;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sns-alert-publisher-retry");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts publishing one alert and returns at once. The future completes with true once SNS accepted it, with
     * false once it finally failed or was dropped; it never completes exceptionally.
     */
    public CompletableFuture<Boolean> publish(Alert alert) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        if (closed) {
            return drop(alert, "the publisher is closed", result);
        }
        if (inFlight.incrementAndGet() > settings.maxInFlight) {
            inFlight.decrementAndGet();
            return drop(alert, settings.maxInFlight + " publishes already pending", result);
        }
        PublishRequest request = request(alert);
        attempt(alert, request, 1, result);
        return result;
    }

    private CompletableFuture<Boolean> drop(Alert alert, String why, CompletableFuture<Boolean> result) {
        dropped.incrementAndGet();
        LOG.warn("SNS alert dropped: {} (rule {}, dedup key {})", why, alert.rule, alert.dedupKey);
        result.complete(false);
        return result;
    }

    private void attempt(Alert alert, PublishRequest request, int attempt, CompletableFuture<Boolean> result) {
        if (closed) {
            giveUp(alert, attempt - 1, new IllegalStateException("publisher closed before the retry"), result);
            return;
        }
        CompletableFuture<?> call;
        try {
            call = client.publish(request);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((response, error) -> {
            if (error == null) {
                published.incrementAndGet();
                inFlight.decrementAndGet();
                result.complete(true);
            } else if (attempt < settings.maxAttempts && !timer.isShutdown()) {
                retried.incrementAndGet();
                try {
                    timer.schedule(() -> attempt(alert, request, attempt + 1, result), backoffMillis(attempt),
                            TimeUnit.MILLISECONDS);
                } catch (RuntimeException rejected) {
                    giveUp(alert, attempt, rejected, result);
                }
            } else {
                giveUp(alert, attempt, error, result);
            }
        });
    }

    private void giveUp(Alert alert, int attempts, Throwable error, CompletableFuture<Boolean> result) {
        failed.incrementAndGet();
        inFlight.decrementAndGet();
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        LOG.error("SNS alert publish failed after {} attempt(s): rule {}, dedup key {}, status {}: {}", attempts,
                alert.rule, alert.dedupKey, alert.status, cause.toString());
        result.complete(false);
    }

    private long backoffMillis(int attempt) {
        long base = settings.initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, settings.maxBackoff.toMillis());
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    /** The SNS request for an alert: JSON body, summary subject, filterable attributes. */
    PublishRequest request(Alert alert) {
        return PublishRequest.builder().topicArn(settings.topicArn).message(AlertJson.render(alert))
                .subject(subject(AlertJson.summary(alert))).messageAttributes(attributes(alert)).build();
    }

    /** The message attributes of an alert (names and values documented in schemas/alerts.md). */
    public static Map<String, MessageAttributeValue> attributes(Alert alert) {
        Map<String, MessageAttributeValue> a = new LinkedHashMap<>();
        a.put("rule", text(alert.rule.name()));
        a.put("severity", text(alert.severity.name()));
        a.put("status", text(alert.status.name()));
        a.put("country", text(alert.key.country().isEmpty() ? "ALL" : alert.key.country()));
        a.put("dedup_key", text(alert.dedupKey));
        return a;
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /** SNS subjects: at most 100 printable ASCII characters, no line breaks. */
    static String subject(String summary) {
        StringBuilder sb = new StringBuilder();
        for (char c : summary.toCharArray()) {
            if (sb.length() == MAX_SUBJECT) {
                break;
            }
            sb.append(c >= 0x20 && c < 0x7f ? c : ' ');
        }
        return sb.toString();
    }

    public long published() {
        return published.get();
    }

    /** Attempts that failed and were tried again. */
    public long retried() {
        return retried.get();
    }

    /** Alerts that failed every attempt. */
    public long failed() {
        return failed.get();
    }

    /** Alerts dropped because too many publishes were pending. */
    public long dropped() {
        return dropped.get();
    }

    /** Publishes still pending. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Stops retrying (pending retries are abandoned, counted as failed) and closes the client. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow().forEach(Runnable::run); // each abandoned retry completes false and is counted
        client.close();
    }
}
