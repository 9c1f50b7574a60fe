package com.example.eum.analytics.alert.stage;

import com.example.eum.analytics.alert.Alert;
import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.WindowMetrics;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Wires the alerting stage onto the job's own metrics: the rows of metrics_by_country, metrics_by_carrier and
 * metrics_by_origination and the example ids of the (use-case limited) deltas become {@link AlertInput}s, keyed by
 * alert key, observed window by window by {@link AlertsFunction} (uid {@value #ALERTS}). With
 * {@code Alerts.enabled=false} the same operators run and pass nothing, so a snapshot restores either way.
 */
public final class AlertStage {
    /** Name and uid of the alerts operator. */
    public static final String ALERTS = "alerts";

    private AlertStage() {}

    public static SingleOutputStreamOperator<Alert> apply(DataStream<WindowMetrics> byCountry,
            DataStream<WindowMetrics> byCarrier, DataStream<WindowMetrics> byOrigination,
            DataStream<MessageDelta> deltas, JobConfig cfg) {
        boolean on = cfg.alertsEnabled;
        TypeInformation<AlertInput> type = TypeInformation.of(AlertInput.class);
        DataStream<AlertInput> inputs = inputs(byCountry, AlertInputs.Table.COUNTRY, on, type)
                .union(inputs(byCarrier, AlertInputs.Table.CARRIER, on, type),
                        inputs(byOrigination, AlertInputs.Table.ORIGINATION, on, type),
                        deltas.flatMap(new DeltaToAlertExamples(cfg.windowSize.toMillis(), on, cfg.alerts.maxExampleMessageIds), type)
                                .name("alert-examples")
                                .uid("alert-examples"));
        return inputs
                .keyBy(in -> in.keyId, Types.STRING)
                .process(new AlertsFunction(cfg.alerts, cfg.alertKeyIdleTimeout.toMillis()), new AlertTypeInfo())
                .name(ALERTS)
                .uid(ALERTS);
    }

    private static DataStream<AlertInput> inputs(DataStream<WindowMetrics> rows, AlertInputs.Table table, boolean on,
            TypeInformation<AlertInput> type) {
        String name = "alert-inputs-" + table.name().toLowerCase(java.util.Locale.ROOT);
        return rows.flatMap(new MetricsToAlertInputs(table, on), type).name(name).uid(name);
    }
}
