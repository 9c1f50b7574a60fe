package com.example.eum.analytics.pipeline;

import com.example.eum.analytics.alert.Alert;
import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.fees.RateCardFees;
import com.example.eum.analytics.fees.WhatsAppFees;
import com.example.eum.analytics.model.RawRecord;
import com.example.eum.analytics.schema.TableSchema;
import com.example.eum.analytics.schema.Tables;
import com.example.eum.analytics.sink.LakeSink;
import com.example.eum.analytics.sink.SnsAlertSink;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place that assembles the job: a stream of raw records in (Kinesis on Managed Flink, replay files, the
 * local generator, a test's source), the {@link EngagementPipeline}, and every sink plugged onto its outputs. The
 * entry points call {@link #assemble} and nothing else; adding a sink is one line in {@link #attachSinks}.
 *
 * <p>What it returns: the pipeline's {@link #outputs} (for optional extra sinks, e.g. a test's collector or the
 * local command's console) and the typed {@link JobProgress} of this assembly, through which live progress and
 * summaries read the job's counters without knowing operator names.
 */
public final class EngagementJob {
    /** The pipeline's streams, for optional extra sinks. */
    public final PipelineOutputs outputs;
    /** Typed handles on this job's counters (records read, rows written, windows emitted, watermark). */
    public final JobProgress progress;

    private EngagementJob(PipelineOutputs outputs, JobProgress progress) {
        this.outputs = outputs;
        this.progress = progress;
    }

    /** The job on {@code raw}: pipeline, lake tables under {@code cfg.output}, and the configured alert sinks. */
    public static EngagementJob assemble(DataStream<RawRecord> raw, JobConfig cfg) {
        return assemble(raw, cfg, RateCardFees.fromConfig(cfg));
    }

    /** The same with the WhatsApp fees given (local runs build them once to report a bad rate card early). */
    public static EngagementJob assemble(DataStream<RawRecord> raw, JobConfig cfg, WhatsAppFees fees) {
        RocksDbSettings.applyTo(raw.getExecutionEnvironment());
        // chained operators hand records on without a copy: no operator of the job mutates or keeps a record it
        // passed on (each emits new objects; AttributionTimestamps emits a new StreamRecord), and Flink's default,
        // a reflective copy of every canonical event between decode and the event-time guard, cost 7% of the CPU
        raw.getExecutionEnvironment().getConfig().enableObjectReuse();
        PipelineOutputs outputs = EngagementPipeline.build(raw, cfg, fees);
        Sinks sinks = attachSinks(outputs, cfg);
        return new EngagementJob(outputs, new JobProgress(EngagementPipeline.DECODE, outputs, sinks));
    }

    /** The sinks attached: the lake writers by table and the SNS publisher (null without a topic). */
    public static final class Sinks {
        final Map<TableSchema<?>, DataStreamSink<?>> lake = new LinkedHashMap<>();
        DataStreamSink<Alert> sns;

        private <T> void lake(DataStream<T> rows, TableSchema<T> table, String root) {
            lake.put(table, LakeSink.attach(rows, table, root));
        }
    }

    /**
     * Every sink of the job, one line each: the lake's tables under {@code cfg.output}, and the alerts to SNS when
     * {@code Alerts.snsTopicArn} is set (otherwise start-up logs once that alerts go to the lake only). Public for tests that
     * build {@link PipelineOutputs} from their own streams and want exactly the job's sinks on them.
     */
    public static Sinks attachSinks(PipelineOutputs o, JobConfig cfg) {
        Sinks sinks = new Sinks();
        sinks.lake(o.events, Tables.EVENTS, cfg.output);
        sinks.lake(o.deadLetters, Tables.DEAD_LETTERS, cfg.output);
        sinks.lake(o.metricsByCountry, Tables.METRICS_BY_COUNTRY, cfg.output);
        sinks.lake(o.metricsByOrigination, Tables.METRICS_BY_ORIGINATION, cfg.output);
        sinks.lake(o.metricsByCarrier, Tables.METRICS_BY_CARRIER, cfg.output);
        sinks.lake(o.alerts, Tables.ALERTS, cfg.output);
        sinks.sns = SnsAlertSink.attach(o.alerts, cfg).orElse(null);
        return sinks;
    }
}
