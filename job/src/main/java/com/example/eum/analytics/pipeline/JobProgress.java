package com.example.eum.analytics.pipeline;

import com.example.eum.analytics.schema.TableSchema;
import com.example.eum.analytics.schema.Tables;
import com.example.eum.analytics.sink.SnsAlertSink;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;

import java.util.List;

/**
 * Typed handles on an assembled job's counters, built by {@link EngagementJob} from the operators it created: the
 * operator names come from the streams and sinks themselves, so no caller spells one. Read through a
 * {@link MetricReader} (locally, cli.LiveMetricsReporter's; Flink's built-in metrics {@code numRecordsIn}
 * and {@code currentOutputWatermark}).
 */
public final class JobProgress {
    /** Flink's name suffix of a sink's writer operator (FLIP-143 sinks: {@code "<sink name>: Writer"}). */
    private static final String WRITER = ": Writer";

    /** Reads the metrics of the running (or just finished) job by operator name, summed or minimised over subtasks. */
    public interface MetricReader {
        /** Sum over subtasks of a counter of the operator named exactly {@code operator}; 0 when absent. */
        long sum(String operator, String metric);

        /** Minimum over subtasks of a gauge of the operator named exactly {@code operator}; null when absent. */
        Long min(String operator, String metric);
    }

    private final String decode;
    private final String watermarks;
    private final String eventsWriter;
    private final String deadLettersWriter;
    private final List<String> windowWriters;
    private final String alertsWriter;
    /** The SNS publisher's operator; null when alerts are not published. */
    private final String snsPublisher;

    JobProgress(String decode, PipelineOutputs outputs, EngagementJob.Sinks sinks) {
        this.decode = decode;
        this.watermarks = name(outputs.events);
        this.eventsWriter = writer(sinks, Tables.EVENTS);
        this.deadLettersWriter = writer(sinks, Tables.DEAD_LETTERS);
        // counted where the rows enter the lake: a window operator's own numRecordsOut misses what it emits to a
        // chained sink while it also has a side output (0 for metrics-by-country in a MiniCluster run)
        this.windowWriters = List.of(writer(sinks, Tables.METRICS_BY_COUNTRY), writer(sinks, Tables.METRICS_BY_ORIGINATION));
        this.alertsWriter = writer(sinks, Tables.ALERTS);
        this.snsPublisher = sinks.sns == null ? null : sinks.sns.getTransformation().getName() + WRITER;
    }

    private static String writer(EngagementJob.Sinks sinks, TableSchema<?> table) {
        DataStreamSink<?> sink = sinks.lake.get(table);
        if (sink == null) {
            throw new IllegalStateException("no lake sink for table " + table.name());
        }
        return sink.getTransformation().getName() + WRITER;
    }

    private static String name(DataStream<?> stream) {
        return stream.getTransformation().getName();
    }

    /** Raw records the decoder has read (every source). */
    public long recordsRead(MetricReader m) {
        return m.sum(decode, "numRecordsIn");
    }

    /** Events handed to the events table's writer. */
    public long eventsWritten(MetricReader m) {
        return m.sum(eventsWriter, "numRecordsIn");
    }

    /** Dead letters handed to the dead_letters table's writer. */
    public long deadLettersWritten(MetricReader m) {
        return m.sum(deadLettersWriter, "numRecordsIn");
    }

    /** Window revisions handed to the metrics_by_country and metrics_by_origination writers. */
    public long windowsEmitted(MetricReader m) {
        return windowWriters.stream().mapToLong(op -> m.sum(op, "numRecordsIn")).sum();
    }

    /** Alert messages (TRIGGERED, UPDATED, RESOLVED) handed to the alerts table's writer. */
    public long alertsRaised(MetricReader m) {
        return m.sum(alertsWriter, "numRecordsIn");
    }

    /** Whether alerts are also published to SNS (Alerts.snsTopicArn set). */
    public boolean publishesToSns() {
        return snsPublisher != null;
    }

    /** Alerts SNS accepted; 0 when not publishing. */
    public long alertsPublished(MetricReader m) {
        return snsPublisher == null ? 0 : m.sum(snsPublisher, SnsAlertSink.PUBLISHED);
    }

    /** Alerts that could not be published to SNS (every attempt failed, or dropped); 0 when not publishing. */
    public long alertsNotPublished(MetricReader m) {
        return snsPublisher == null ? 0 : m.sum(snsPublisher, SnsAlertSink.FAILED);
    }

    /** The event-time watermark (epoch ms, minimum over subtasks); null before the first one. */
    public Long watermark(MetricReader m) {
        Long wm = m.min(watermarks, "currentOutputWatermark");
        return wm == null || wm <= 0 || wm == Long.MAX_VALUE ? null : wm;
    }
}
