package com.example.eum.analytics.metrics;

import com.example.eum.analytics.lifecycle.MessageDeltaTypeInfo;
import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.WindowMetrics;
import com.example.eum.analytics.schema.Tables;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * Wires the three metrics tables onto the lifecycle's delta stream: deltas are re-stamped with their attribution
 * time, combined per key and window between watermarks ({@link WindowPreAggregator}, chained: fewer records on the
 * network and one window-state access per key, window and watermark instead of one per delta), keyed by (channel, country, message type, use case), (channel, origination id, message type, use case) or
 * (channel, country, mcc, mnc) ({@link MetricsKey}), summed in event-time tumbling windows with the
 * configured size and allowed lateness, and fired on time plus once per watermark advance that brings late deltas.
 * Deltas past the allowed lateness go to {@link #LATE_DELTAS}; {@link #lateDeadLetters} turns them into dead letters.
 * The windows' state (window contents) is each window's {@link MetricsAccumulator}, written by
 * {@link MetricsAccumulatorSerializer}.
 */
public final class MetricsWindows {
    private MetricsWindows() {}

    /** Side output of each metrics window operator: deltas later than the allowed lateness. */
    public static final OutputTag<PartialTotals> LATE_DELTAS =
            new OutputTag<>("late-deltas", PartialTotalsTypeInfo.INSTANCE);

    /** Operator name and uid of the metrics_by_country windows. */
    public static final String BY_COUNTRY = "metrics-by-country";
    /** Operator name and uid of the metrics_by_origination windows. */
    public static final String BY_ORIGINATION = "metrics-by-origination";

    /** Operator name and uid of the metrics_by_carrier windows. */
    public static final String BY_CARRIER = "metrics-by-carrier";
    /** Operator name and uid of the use-case limit ahead of metrics_by_country and metrics_by_origination. */
    public static final String USE_CASE_LIMIT = "use-case-limit";

    /**
     * Rolls use cases beyond {@code Processing.maxUseCasesPerWindow} per window up to {@code other}
     * ({@link UseCaseLimit}): the input of {@link #byCountry} and {@link #byOrigination}.
     */
    public static SingleOutputStreamOperator<MessageDelta> limitUseCases(DataStream<MessageDelta> deltas, JobConfig config) {
        long size = config.windowSize.toMillis();
        return deltas
                .keyBy(d -> UseCaseLimit.windowStart(d, size), Types.LONG)
                .process(new UseCaseLimit(config.maxUseCasesPerWindow, size, config.allowedLateness.toMillis()),
                        MessageDeltaTypeInfo.INSTANCE)
                .name(USE_CASE_LIMIT)
                .uid(USE_CASE_LIMIT);
    }

    /** metrics_by_carrier: windows keyed by (channel, iso_country_code or 'ZZ', mcc, mnc). */
    public static SingleOutputStreamOperator<WindowMetrics> byCarrier(DataStream<MessageDelta> deltas, JobConfig config) {
        return windows(deltas, config, MetricsKey.byCarrier(), BY_CARRIER);
    }

    /** metrics_by_country: windows keyed by (channel, iso_country_code or 'ZZ', message_type, use_case). */
    public static SingleOutputStreamOperator<WindowMetrics> byCountry(DataStream<MessageDelta> deltas, JobConfig config) {
        return windows(deltas, config, MetricsKey.byCountry(), BY_COUNTRY);
    }

    /** metrics_by_origination: windows keyed by (channel, origination_id or 'unknown', message_type, use_case). */
    public static SingleOutputStreamOperator<WindowMetrics> byOrigination(DataStream<MessageDelta> deltas, JobConfig config) {
        return windows(deltas, config, MetricsKey.byOrigination(), BY_ORIGINATION);
    }

    /**
     * Dead letters (reason {@code late}) for the deltas that missed the windows of {@code metrics}, a stream returned
     * by {@link #byCountry}, {@link #byOrigination} or {@link #byCarrier}. Name and uid: the window operator's plus {@code -late}.
     */
    public static DataStream<DeadLetter> lateDeadLetters(SingleOutputStreamOperator<WindowMetrics> metrics) {
        String operator = metrics.getName();
        LateDeltaToDeadLetter toDeadLetter;
        if (BY_COUNTRY.equals(operator)) {
            toDeadLetter = new LateDeltaToDeadLetter(Tables.METRICS_BY_COUNTRY.name(), MetricsKey.byCountry());
        } else if (BY_ORIGINATION.equals(operator)) {
            toDeadLetter = new LateDeltaToDeadLetter(Tables.METRICS_BY_ORIGINATION.name(), MetricsKey.byOrigination());
        } else if (BY_CARRIER.equals(operator)) {
            toDeadLetter = new LateDeltaToDeadLetter(Tables.METRICS_BY_CARRIER.name(), MetricsKey.byCarrier());
        } else {
            throw new IllegalArgumentException("not a stream built by MetricsWindows: " + operator);
        }
        return metrics.getSideOutput(LATE_DELTAS)
                .map(toDeadLetter)
                .returns(TypeInformation.of(DeadLetter.class))
                .name(operator + "-late")
                .uid(operator + "-late");
    }

    private static SingleOutputStreamOperator<WindowMetrics> windows(DataStream<MessageDelta> deltas, JobConfig config,
                                                                     MetricsKey key, String operator) {
        return deltas
                .transform(operator + "-timestamps", MessageDeltaTypeInfo.INSTANCE, new AttributionTimestamps())
                .uid(operator + "-timestamps")
                .transform(operator + "-pre-aggregate", PartialTotalsTypeInfo.INSTANCE, new WindowPreAggregator(key,
                        config.windowSize.toMillis(), config.allowedLateness.toMillis()))
                .uid(operator + "-pre-aggregate")
                .keyBy(p -> p.key, Types.STRING)
                .window(AttributionTimeWindows.of(config.windowSize))
                .allowedLateness(config.allowedLateness)
                .sideOutputLateData(LATE_DELTAS)
                .aggregate(new DeltaAggregate(), new WindowMetricsFunction(key),
                        MetricsAccumulatorTypeInfo.INSTANCE, MetricsAccumulatorTypeInfo.INSTANCE,
                        TypeInformation.of(WindowMetrics.class))
                .name(operator)
                .uid(operator);
    }
}
