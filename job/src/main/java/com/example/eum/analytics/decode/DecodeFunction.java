package com.example.eum.analytics.decode;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.metrics.ExportedMetrics;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.DeadLetterReason;
import com.example.eum.analytics.model.RawRecord;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The decode operator: runs {@link RecordDecoder} on every raw record, emits the canonical events, and sends dead
 * letters to {@link #DEAD_LETTERS}. Counts {@code eventsDecoded}, {@code deadLetters} and one
 * {@code deadLetters_<reason>} counter per reason in the operator's exported metric group ({@link ExportedMetrics}).
 */
public class DecodeFunction extends ProcessFunction<RawRecord, CanonicalEvent> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<DeadLetter>("dead-letters") {};

    private final boolean includeRawNumbers;
    private final String hashKey;

    private transient RecordDecoder decoder;
    private transient Counter eventsDecoded;
    private transient Counter deadLetters;
    private transient Map<String, Counter> byReason;
    private transient MetricGroup metrics;

    public DecodeFunction(JobConfig config) {
        this.hashKey = config.destinationHashKey;
        this.includeRawNumbers = config.includeRawNumbers;
    }

    @Override
    public void open(OpenContext openContext) {
        if (hashKey == null || hashKey.isEmpty()) {
            throw new IllegalStateException("JobConfig.destinationHashKey is not set: the decoder needs the secret for "
                    + "destination_hash (entry points must fill it in before building the pipeline)");
        }
        decoder = new RecordDecoder(new DecoderSettings(hashKey.getBytes(StandardCharsets.UTF_8), includeRawNumbers));
        metrics = ExportedMetrics.of(getRuntimeContext());
        eventsDecoded = metrics.counter("eventsDecoded");
        deadLetters = metrics.counter("deadLetters");
        byReason = new HashMap<>();
        for (DeadLetterReason r : DeadLetterReason.values()) {
            reasonCounter(r.code());
        }
    }

    private Counter reasonCounter(String reason) {
        Counter c = byReason.get(reason);
        if (c == null) {
            c = metrics.counter("deadLetters_" + reason);
            byReason.put(reason, c);
        }
        return c;
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<CanonicalEvent> out) {
        DecodeResult result = decoder.decode(record);
        for (CanonicalEvent e : result.events()) {
            out.collect(e);
        }
        eventsDecoded.inc(result.events().size());
        for (DeadLetter d : result.deadLetters()) {
            ctx.output(DEAD_LETTERS, d);
            deadLetters.inc();
            reasonCounter(d.reason).inc();
        }
    }
}
