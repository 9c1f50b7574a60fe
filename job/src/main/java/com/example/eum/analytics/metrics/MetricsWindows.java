package com.example.eum.analytics.metrics;

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
 * Wires the two metrics tables onto the lifecycle's delta stream: deltas are re-stamped with their attribution
 * time, keyed by (channel, country) or (channel, origination id), summed in event-time tumbling windows with the
 * configured size and allowed lateness, and fired on time plus once per watermark advance that brings late deltas.
 * Deltas past the allowed lateness go to {@link #LATE_DELTAS}; {@link #lateDeadLetters} turns them into dead letters.
 */
public final class MetricsWindows {
    private MetricsWindows() {}

    /** Side output of each metrics window operator: deltas later than the allowed lateness. */
    public static final OutputTag<MessageDelta> LATE_DELTAS =
            new OutputTag<>("late-deltas", TypeInformation.of(MessageDelta.class));

    /** Operator name and uid of the metrics_by_country windows. */
    public static final String BY_COUNTRY = "metrics-by-country";
    /** Operator name and uid of the metrics_by_origination windows. */
    public static final String BY_ORIGINATION = "metrics-by-origination";

    /** metrics_by_country: windows keyed by (channel, iso_country_code or 'ZZ'). */
    public static SingleOutputStreamOperator<WindowMetrics> byCountry(DataStream<MessageDelta> deltas, JobConfig config) {
        return windows(deltas, config, MetricsKey.byCountry(), BY_COUNTRY);
    }

    /** metrics_by_origination: windows keyed by (channel, origination_id or 'unknown'). */
    public static SingleOutputStreamOperator<WindowMetrics> byOrigination(DataStream<MessageDelta> deltas, JobConfig config) {
        return windows(deltas, config, MetricsKey.byOrigination(), BY_ORIGINATION);
    }

    /**
     * Dead letters (reason {@code late}) for the deltas that missed the windows of {@code metrics}, a stream returned
     * by {@link #byCountry} or {@link #byOrigination}. Name and uid: the window operator's plus {@code -late}.
     */
    public static DataStream<DeadLetter> lateDeadLetters(SingleOutputStreamOperator<WindowMetrics> metrics) {
        String operator = metrics.getName();
        LateDeltaToDeadLetter toDeadLetter;
        if (BY_COUNTRY.equals(operator)) {
            toDeadLetter = new LateDeltaToDeadLetter(Tables.METRICS_BY_COUNTRY.name(), MetricsKey.byCountry());
        } else if (BY_ORIGINATION.equals(operator)) {
            toDeadLetter = new LateDeltaToDeadLetter(Tables.METRICS_BY_ORIGINATION.name(), MetricsKey.byOrigination());
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
                .transform(operator + "-timestamps", TypeInformation.of(MessageDelta.class), new AttributionTimestamps())
                .uid(operator + "-timestamps")
                .keyBy(key, Types.STRING)
                .window(AttributionTimeWindows.of(config.windowSize))
                .allowedLateness(config.allowedLateness)
                .sideOutputLateData(LATE_DELTAS)
                .aggregate(new DeltaAggregate(), new WindowMetricsFunction(),
                        TypeInformation.of(MetricsAccumulator.class), TypeInformation.of(MetricsAccumulator.class),
                        TypeInformation.of(WindowMetrics.class))
                .name(operator)
                .uid(operator);
    }
}
