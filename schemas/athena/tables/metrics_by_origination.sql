-- Table metrics_by_origination: generated from schema.Tables by schema.GenerateSchemaFiles; do not edit.
-- Placeholders: ${database} (Glue database), ${lake_root} (s3://bucket/prefix, no trailing slash); schemas/athena/render.sh replaces them.
CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`metrics_by_origination` (
  `window_start` timestamp COMMENT 'Window start (inclusive), UTC.',
  `window_end` timestamp COMMENT 'Window end (exclusive), UTC.',
  `channel` string COMMENT 'SMS, MMS, VOICE, RCS or WHATSAPP.',
  `origination_id` string COMMENT 'Sending phone number or sender id; \'unknown\' when the events carry none.',
  `message_type` string COMMENT 'SMS/MMS/voice messageType (TRANSACTIONAL, PROMOTIONAL); outbound WhatsApp: pricing category (marketing, utility, authentication); \'\' otherwise. Null in rows written before the column existed (_latest views: \'\').',
  `use_case` string COMMENT 'Context entry named by Processing.useCaseContextKey (default useCase); \'\' when absent; \'other\' beyond Processing.maxUseCasesPerWindow distinct values per window. Null in rows written before the column (_latest views: \'\').',
  `revision` int COMMENT '0 for the on-time firing; +1 for each re-emission caused by late data.',
  `messages` bigint COMMENT 'Outbound messages, each counted once, in the window of its request time (first event when unknown).',
  `delivered` bigint COMMENT 'Messages whose earliest success by event time (DELIVERED/READ; SMS TEXT_SUCCESSFUL or TEXT_DELIVERED) happened in this window; an earlier success arriving later moves it (a revision), so it never depends on arrival order.',
  `failed` bigint COMMENT 'Messages whose earliest final non-success (blocked and protect-blocked included) happened in this window, with no success.',
  `failed_blocked` bigint COMMENT 'failed with failure_class BLOCKED.',
  `failed_protect_blocked` bigint COMMENT 'failed with failure_class PROTECT_BLOCKED.',
  `failed_invalid` bigint COMMENT 'failed with failure_class INVALID.',
  `failed_unreachable` bigint COMMENT 'failed with failure_class UNREACHABLE.',
  `failed_expired` bigint COMMENT 'failed with failure_class EXPIRED.',
  `failed_policy` bigint COMMENT 'failed with failure_class POLICY.',
  `failed_unknown` bigint COMMENT 'failed with failure_class UNKNOWN.',
  `pending` bigint COMMENT 'Net change of messages without an outcome: +1 in the window of the message\'s request, -1 in the window of its outcome (or of its request when it becomes outcome_unknown). Summed over all windows: messages still pending.',
  `outcome_unknown` bigint COMMENT 'Messages with no final outcome when the window of their request closed (request time + allowed lateness, 72 h: AWS itself reports UNKNOWN after 72 h), in the window of the request. A final outcome arriving later takes it back.',
  `read` bigint COMMENT 'Messages first read in this window (WhatsApp, RCS).',
  `inbound` bigint COMMENT 'Inbound messages received in this window.',
  `feedback_tracked` bigint COMMENT 'Messages that are feedback-tracked (their Context flag, a use case or origination id listed in the configuration, or track-all; a feedback record alone does not track a message), in the window of their request time.',
  `converted` bigint COMMENT 'Tracked messages whose RECEIVED feedback arrived within the timeout, in the window of the feedback.',
  `feedback_failed` bigint COMMENT 'Tracked messages with FAILED feedback, or no RECEIVED within the timeout (counted at request time + timeout), or RECEIVED too late.',
  `late_feedback` bigint COMMENT 'RECEIVED feedback that came after the timeout (also counted in feedback_failed).',
  `feedback_untracked_received` bigint COMMENT 'Messages that were not feedback-tracked (no context flag, use case or origination listed, no track-all) but got feedback records, in the window of their request: they count in no conversion; a non-zero value means the tracking rules miss a sender.',
  `protect_blocked` bigint COMMENT 'Messages blocked by SMS Protect (a TEXT/MEDIA/VOICE_PROTECT_BLOCKED final event: a BLOCK or FILTER rule or a number override), in the window of the request; also counted in failed_protect_blocked at the failure\'s time.',
  `protect_block_recommended` bigint COMMENT 'Messages whose events carried protectRecommendation=BLOCK (Protect MONITOR or FILTER rules), in the window of the request.',
  `protect_recommended_monitor` bigint COMMENT 'protect_block_recommended under a MONITOR rule (protectStatus MONITOR: never blocked, pays the price plus the Monitor fee).',
  `protect_recommended_filter` bigint COMMENT 'protect_block_recommended under a FILTER rule (protectStatus FILTER: blocked, pays only the Filter fee).',
  `price_usd` decimal(18,6) COMMENT 'Sum of totalMessagePrice, once per message, in the window of the message.',
  `carrier_fee_usd` decimal(18,6) COMMENT 'Sum of totalCarrierFee, once per message.',
  `message_parts` bigint COMMENT 'Sum of totalMessageParts, once per message.',
  `billable_marketing` bigint COMMENT 'Billable WhatsApp messages in category marketing.',
  `billable_utility` bigint COMMENT 'Billable WhatsApp messages in category utility.',
  `billable_authentication` bigint COMMENT 'Billable WhatsApp messages in category authentication or authentication_international.',
  `billable_service` bigint COMMENT 'Billable WhatsApp messages in category service.',
  `whatsapp_fee_usd` decimal(18,6) COMMENT 'WhatsApp cost: whatsapp_meta_fee_usd + whatsapp_aws_fee_usd (for windows restored from a release before the split, the parts cover only what came after the upgrade; this total is complete).',
  `whatsapp_meta_fee_usd` decimal(18,6) COMMENT 'WhatsApp Meta fee from the rate card, in the window of the message: once per billable message under PMP (MetaTemplateMessageFee); once per conversation_id under CBP, on its earliest message.',
  `whatsapp_aws_fee_usd` decimal(18,6) COMMENT 'AWS End User Messaging Social per-message fee (MessageFee), once per outbound and per inbound WhatsApp message.',
  `spend_usd` decimal(18,6) COMMENT 'Everything these messages cost: price_usd + carrier_fee_usd + whatsapp_fee_usd (Meta and AWS WhatsApp fees).',
  `delivery_rate` double COMMENT 'delivered / (delivered + failed - failed_protect_blocked) in this window: over messages handed to carriers, Protect blocks excluded; null when no such outcome.',
  `protect_blocked_rate` double COMMENT 'protect_blocked / messages in this window; null without messages.',
  `protect_recommended_rate` double COMMENT 'protect_block_recommended / messages in this window; null without messages.',
  `read_rate` double COMMENT 'read / delivered in this window; null when nothing delivered.',
  `conversion_rate` double COMMENT 'converted / (converted + feedback_failed) in this window; null when no feedback outcome.',
  `latency_count` bigint COMMENT 'Number of delivery-latency samples in this window.',
  `latency_p50_ms` bigint COMMENT 'Median delivery latency (first success minus request time), ms; within 1% relative error.',
  `latency_histogram` map<int,bigint> COMMENT 'Latency sketch, bucket -> samples: bucket i >= 0 holds (g^(i-1), g^i] ms, g = 1.005/0.995, value 2g^i/(g+1); -1 holds 0 ms. Sum over windows, take the bucket at rank ceil(q*total): a percentile within 1%.',
  `latency_p95_ms` bigint COMMENT '95th percentile delivery latency, ms; within 1% relative error.'
)
COMMENT 'Event-time tumbling-window metrics per channel, origination_id and the key columns after it. Late updates re-emit a window with complete values and revision+1: read the latest revision (views in schemas/athena).'
PARTITIONED BY (
  `dt` string COMMENT 'UTC day (yyyy-MM-dd) of window_start. Filter on it (as a string) so Athena reads only the days needed.',
  `hour` string COMMENT 'UTC hour (00-23) of window_start.'
)
STORED AS PARQUET
LOCATION '${lake_root}/metrics_by_origination/'
TBLPROPERTIES (
  'projection.enabled'='true',
  'projection.dt.type'='date',
  'projection.dt.format'='yyyy-MM-dd',
  'projection.dt.range'='2024-01-01,NOW',
  'projection.dt.interval'='1',
  'projection.dt.interval.unit'='DAYS',
  'projection.hour.type'='integer',
  'projection.hour.range'='0,23',
  'projection.hour.digits'='2',
  'storage.location.template'='${lake_root}/metrics_by_origination/dt=${dt}/hour=${hour}/',
  'parquet.compression'='ZSTD'
);
