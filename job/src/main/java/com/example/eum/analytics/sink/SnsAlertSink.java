package com.example.eum.analytics.sink;

import com.example.eum.analytics.alert.Alert;
import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.metrics.ExportedMetrics;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * The operator {@value #NAME} (name and uid): publishes each alert of the alerts stream to the configured SNS topic
 * through {@link SnsAlertPublisher}: asynchronous, bounded retries with backoff, never blocking the stream or failing
 * the job. Exported counters (group {@value ExportedMetrics#GROUP}): {@value #PUBLISHED} and {@value #FAILED} (every
 * attempt failed, or too many publishes pending; each also logged with rule and dedup key, no payload). The alert
 * is in the lake's alerts table either way.
 *
 * <p>Stateless: a restart does not republish what was published before it (alerts are at most once on SNS; the
 * lake table is the exactly-once record). At the end of a bounded input (replay, tests) the writer waits, bounded by
 * the retry budget, for the publishes still pending, so a finished run has published everything it could.
 */
public final class SnsAlertSink implements Sink<Alert> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SnsAlertSink.class);
    /** Operator name and uid. */
    public static final String NAME = "alerts-to-sns";
    /** Alerts SNS accepted. */
    public static final String PUBLISHED = "snsAlertsPublished";
    /** Alerts that could not be published (every attempt failed, or dropped beyond the in-flight limit). */
    public static final String FAILED = "snsAlertsFailed";

    private final SnsAlertPublisher.Settings settings;

    public SnsAlertSink(SnsAlertPublisher.Settings settings) {
        this.settings = settings;
    }

    /** The publisher settings of the configuration; empty when no topic is configured. */
    public static Optional<SnsAlertPublisher.Settings> settings(JobConfig cfg) {
        if (cfg.alertsSnsTopicArn == null || cfg.alertsSnsTopicArn.isBlank()) {
            return Optional.empty();
        }
        SnsAlertPublisher.Settings s = new SnsAlertPublisher.Settings();
        s.topicArn = cfg.alertsSnsTopicArn.trim();
        s.region = cfg.alertsSnsRegion != null ? cfg.alertsSnsRegion.trim() : cfg.alertsSnsTopicArn.split(":")[3];
        s.endpoint = cfg.alertsSnsEndpoint;
        return Optional.of(s);
    }

    /**
     * Plugs the SNS publisher onto the alerts when the configuration names a topic; otherwise says once (in the log)
     * that alerts go only to the lake. Returns the sink when attached.
     */
    public static Optional<DataStreamSink<Alert>> attach(DataStream<Alert> alerts, JobConfig cfg) {
        Optional<SnsAlertPublisher.Settings> settings = settings(cfg);
        if (settings.isEmpty()) {
            LOG.info("alerts: Alerts.snsTopicArn is not set, alerts go to the lake's alerts table only");
            return Optional.empty();
        }
        LOG.info("alerts: published to SNS topic {} ({}) and written to the lake's alerts table", settings.get().topicArn,
                settings.get().endpoint != null ? "endpoint " + settings.get().endpoint : "region " + settings.get().region);
        return Optional.of(alerts.sinkTo(new SnsAlertSink(settings.get())).name(NAME).uid(NAME));
    }

    @Override
    @SuppressWarnings("deprecation") // Flink 1.19's abstract method; WriterInitContext's default delegates to it
    public SinkWriter<Alert> createWriter(InitContext context) {
        return new Writer(SnsAlertPublisher.create(settings), settings, context.metricGroup());
    }

    /** One subtask's publisher; {@link #write} hands the alert over and returns. */
    static final class Writer implements SinkWriter<Alert> {
        private final SnsAlertPublisher publisher;
        private final Duration drainLimit;
        private final Counter published;
        private final Counter failed;

        Writer(SnsAlertPublisher publisher, SnsAlertPublisher.Settings settings, MetricGroup metrics) {
            this.publisher = publisher;
            // every attempt of the last alert, each with its timeout and the longest backoff before it
            this.drainLimit = settings.attemptTimeout.plus(settings.maxBackoff).multipliedBy(settings.maxAttempts);
            MetricGroup exported = metrics.addGroup(ExportedMetrics.GROUP);
            this.published = exported.counter(PUBLISHED, new ThreadSafeSimpleCounter());
            this.failed = exported.counter(FAILED, new ThreadSafeSimpleCounter());
        }

        @Override
        public void write(Alert alert, Context context) {
            publisher.publish(alert).thenAccept(ok -> (ok ? published : failed).inc());
        }

        /** Checkpoints do not wait for SNS; the end of a bounded input waits, at most the retry budget. */
        @Override
        public void flush(boolean endOfInput) throws InterruptedException {
            if (!endOfInput) {
                return;
            }
            long deadline = System.nanoTime() + drainLimit.toNanos();
            while (publisher.inFlight() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (publisher.inFlight() > 0) {
                LOG.warn("end of input: {} SNS publishes still pending after {}; they are abandoned and counted as failed",
                        publisher.inFlight(), drainLimit);
            }
        }

        @Override
        public void close() {
            publisher.close();
        }
    }
}
