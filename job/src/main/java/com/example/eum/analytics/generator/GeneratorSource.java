package com.example.eum.analytics.generator;

import com.example.eum.analytics.model.RawRecord;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The traffic generator as a Flink source: a {@link DataGeneratorSource} whose function maps the record index to
 * the index-th record of the {@link RecordSequence} (arrival order), so a restored or re-run job emits exactly the
 * same records. Bounded when the settings have a duration (the record count is computed up front), else unbounded.
 *
 * <p>{@link RawRecord#ingestTime} is the record's simulated arrival time (event time + transport delay), not the
 * wall clock, so runs are reproducible and processing-time effects do not leak into results. The source runs with
 * parallelism 1: the stream is one arrival-ordered sequence, and split index ranges would put parallel subtasks at
 * distant points of simulated time. {@link GeneratorSettings#speed} sets the rate limit (1 = simulated time passes
 * like wall time, 0 = unlimited).
 */
public final class GeneratorSource {
    public static final String SOURCE_NAME = "generator";

    private GeneratorSource() {}

    /** Adds the generator source ({@code .name("generator").uid("generator")}) to {@code env}. */
    public static DataStream<RawRecord> create(StreamExecutionEnvironment env, GeneratorSettings settings) {
        return create(env, settings, settings.isBounded() ? GroundTruth.of(settings).records : Long.MAX_VALUE);
    }

    /**
     * As {@link #create(StreamExecutionEnvironment, GeneratorSettings)}, for a caller that already has the ground
     * truth: {@code count} is its {@code records} (Long.MAX_VALUE when unbounded), so the traffic is not planned twice.
     */
    public static DataStream<RawRecord> create(StreamExecutionEnvironment env, GeneratorSettings settings, long count) {
        RateLimiterStrategy limit = settings.speed > 0
                ? RateLimiterStrategy.perSecond(recordsPerSecond(settings) * settings.speed)
                : RateLimiterStrategy.noOp();
        DataGeneratorSource<RawRecord> source =
                new DataGeneratorSource<>(new RecordFunction(settings), count, limit, TypeInformation.of(RawRecord.class));
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), SOURCE_NAME)
                .setParallelism(1)
                .name(SOURCE_NAME)
                .uid(SOURCE_NAME);
    }

    /** Average records per second of simulated time, estimated from the first minutes of the run. */
    static double recordsPerSecond(GeneratorSettings settings) {
        TrafficModel model = new TrafficModel(settings);
        int sample = (int) Math.min(2000, model.messageCount());
        long records = 0;
        for (int i = 0; i < sample; i++) {
            records += model.plan(i).records.size();
        }
        // messages per second of event time, surges included (a bounded run knows its count)
        double messagesPerSecond = settings.isBounded() && settings.duration.toMillis() > 0
                ? model.messageCount() * 1000.0 / settings.duration.toMillis() : settings.rate;
        return sample == 0 ? 1 : Math.max(1, messagesPerSecond * records / sample);
    }

    /** Index to record; keeps a {@link RecordSequence} positioned at the last index and re-seeks when needed. */
    static final class RecordFunction implements GeneratorFunction<Long, RawRecord> {
        private static final long serialVersionUID = 1L;
        private final GeneratorSettings settings;
        private transient RecordSequence sequence;

        RecordFunction(GeneratorSettings settings) {
            this.settings = settings;
        }

        @Override
        public void open(SourceReaderContext readerContext) {
            sequence = new RecordSequence(new TrafficModel(settings));
        }

        @Override
        public RawRecord map(Long index) {
            if (sequence == null || index < sequence.position()) {
                sequence = new RecordSequence(new TrafficModel(settings));
            }
            sequence.skipTo(index);
            GeneratedRecord r = sequence.next();
            return new RawRecord(r.payload, SOURCE_NAME, r.arrivalTime);
        }
    }
}
