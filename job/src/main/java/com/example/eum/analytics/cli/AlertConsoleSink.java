package com.example.eum.analytics.cli;

import com.example.eum.analytics.alert.Alert;
import com.example.eum.analytics.alert.AlertJson;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Local runs only (operator {@value #NAME}): prints each alert as the job raises it, one line
 * ({@link AlertJson#summary}: severity, rule, status, key, figures, since when; no phone numbers) on the standard
 * output of the command, which is the MiniCluster's own process.
 */
final class AlertConsoleSink implements Sink<Alert> {
    private static final long serialVersionUID = 1L;
    static final String NAME = "alerts-to-console";

    static void attach(DataStream<Alert> alerts) {
        alerts.sinkTo(new AlertConsoleSink()).name(NAME).uid(NAME);
    }

    @Override
    @SuppressWarnings("deprecation") // Flink 1.19's abstract method; WriterInitContext's default delegates to it
    public SinkWriter<Alert> createWriter(InitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(Alert alert, Context ctx) {
                System.out.println("  alert: " + AlertJson.summary(alert));
            }

            @Override
            public void flush(boolean endOfInput) {
                System.out.flush();
            }

            @Override
            public void close() {}
        };
    }
}
