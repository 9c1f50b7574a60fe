package com.example.eum.analytics.pipeline;

import com.example.eum.analytics.alert.Alert;
import com.example.eum.analytics.alert.stage.AlertStage;
import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.decode.DecodeFunction;
import com.example.eum.analytics.eventtime.EventTimeGuardOperator;
import com.example.eum.analytics.fees.ConversationFeeFunction;
import com.example.eum.analytics.fees.RateCardFees;
import com.example.eum.analytics.fees.WhatsAppFees;
import com.example.eum.analytics.lifecycle.MessageLifecycleFunction;
import com.example.eum.analytics.metrics.MetricsWindows;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.RawRecord;
import com.example.eum.analytics.model.WindowMetrics;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The job as a function over streams: raw records in, the lake's tables out. Sources and sinks are plugged in by
 * the entry points (Kinesis on Managed Flink, replay files, the local generator) and by tests.
 *
 * <pre>
 * raw ─ decode ─┬─ events ─ event-time guard ─ event-time watermarks ─ keyBy(messageId) ─ message-lifecycle ─ deltas ─ conversation-fees (CBP) ─┐
 *               │                                                                                                                          ├─ use-case-limit ─┬─ metrics-by-country
 *               │                                                                                                                          │                  └─ metrics-by-origination
 *               └─ dead letters ◄── future timestamps, late records, orphaned feedback, deltas later than the lateness ────────────────────────┴─ metrics-by-carrier
 *
 * metrics-by-country, metrics-by-carrier, metrics-by-origination (rows) + use-case-limit (example ids) ─ keyBy(alert key) ─ alerts
 * </pre>
 */
public final class EngagementPipeline {
    private EngagementPipeline() {}

    public static PipelineOutputs build(DataStream<RawRecord> raw, JobConfig cfg) {
        return build(raw, cfg, RateCardFees.fromConfig(cfg));
    }

    public static PipelineOutputs build(DataStream<RawRecord> raw, JobConfig cfg, WhatsAppFees fees) {
        SingleOutputStreamOperator<CanonicalEvent> decoded = raw
                .process(new DecodeFunction(cfg), TypeInformation.of(CanonicalEvent.class))
                .name("decode")
                .uid("decode");

        // no single record may move event time for everyone: impossible or unconfirmed timestamps become dead letters
        SingleOutputStreamOperator<CanonicalEvent> guarded = decoded
                .transform("event-time-guard", TypeInformation.of(CanonicalEvent.class), new EventTimeGuardOperator(cfg))
                .uid("event-time-guard");

        SingleOutputStreamOperator<CanonicalEvent> events = guarded
                .assignTimestampsAndWatermarks(EventTimeWatermarks.strategy(cfg))
                .name("event-time-watermarks")
                .uid("event-time-watermarks");

        SingleOutputStreamOperator<MessageDelta> deltas = MessageLifecycleFunction.apply(events, cfg, fees);
        // under conversation-based pricing the fee is per conversation_id, not per message
        DataStream<MessageDelta> charged = ConversationFeeFunction.apply(deltas, cfg);

        // use cases beyond the per-window limit become 'other' in the two tables keyed by use case
        SingleOutputStreamOperator<MessageDelta> limited = MetricsWindows.limitUseCases(charged, cfg);
        SingleOutputStreamOperator<WindowMetrics> byCountry = MetricsWindows.byCountry(limited, cfg);
        SingleOutputStreamOperator<WindowMetrics> byOrigination = MetricsWindows.byOrigination(limited, cfg);
        SingleOutputStreamOperator<WindowMetrics> byCarrier = MetricsWindows.byCarrier(charged, cfg);

        // the rules watch the job's own metrics; examples are the ids of failed, unconverted or Protect-flagged messages
        DataStream<Alert> alerts = AlertStage.apply(byCountry, byCarrier, byOrigination, limited, cfg);

        // All window operators see the same deltas (same attribution times), so a delta too late for one is too late for the others:
        // take the country side's late deltas only, so each late delta is one dead letter, not two.
        DataStream<DeadLetter> lateWindowDeltas = MetricsWindows.lateDeadLetters(byCountry);

        DataStream<DeadLetter> deadLetters = decoded.getSideOutput(DecodeFunction.DEAD_LETTERS)
                .union(guarded.getSideOutput(EventTimeGuardOperator.DEAD_LETTERS), deltas.getSideOutput(MessageLifecycleFunction.DEAD_LETTERS), lateWindowDeltas);

        return new PipelineOutputs(events, deadLetters, byCountry, byOrigination, byCarrier, alerts);
    }
}
