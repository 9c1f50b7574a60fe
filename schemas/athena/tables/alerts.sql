-- Table alerts: generated from schema.Tables by schema.GenerateSchemaFiles; do not edit.
-- Placeholders: ${database} (Glue database), ${lake_root} (s3://bucket/prefix, no trailing slash); schemas/athena/render.sh replaces them.
CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`alerts` (
  `alert_id` string COMMENT 'This message: a name-based UUID of incident, status and detection time (a replay gives the same ids).',
  `incident_id` string COMMENT 'The incident: dedup_key@start of the window that triggered it.',
  `dedup_key` string COMMENT 'Rule and key, stable across incidents, e.g. DELIVERY_DROP:CARRIER/SMS/IN/-/404-45/-/-.',
  `rule` string COMMENT 'CONVERSION_DROP, DELIVERY_DROP, SMS_PUMPING or SPEND_SURGE.',
  `status` string COMMENT 'TRIGGERED (once per incident), UPDATED (at most hourly, or at once on escalation), RESOLVED.',
  `severity` string COMMENT 'CRITICAL (pages), WARNING or INFO: the incident\'s severity so far.',
  `scope` string COMMENT 'What the key stands for: COUNTRY (channel x country x use case), CARRIER, ORIGINATION, ACCOUNT.',
  `channel` string COMMENT 'SMS, MMS, VOICE, RCS or WHATSAPP; null for the account.',
  `iso_country_code` string COMMENT 'The key\'s country (\'ZZ\' unknown); null when not part of the key (origination, account).',
  `carrier` string COMMENT 'The key\'s network as mcc-mnc (CARRIER keys), else null.',
  `origination_id` string COMMENT 'The key\'s sending number or sender id (ORIGINATION keys), else null.',
  `use_case` string COMMENT 'The key\'s use case (COUNTRY keys; null when the messages carry none).',
  `window_start` timestamp COMMENT 'Start of the window that produced this message, UTC.',
  `window_end` timestamp COMMENT 'End (exclusive) of that window, UTC.',
  `estimated_start` timestamp COMMENT 'When the evidence began (the CUSUM run\'s first window, the first window with a pumping signal), UTC.',
  `detected_at` timestamp COMMENT 'Event time of detection: the end of the window that produced this message, UTC.',
  `observed_rate` double COMMENT 'Rate rules: the observed rate over the evidence (conversion, or failed share of decided outcomes); null for SPEND_SURGE and pumping.',
  `baseline_rate` double COMMENT 'Rate rules: the key\'s baseline of that rate.',
  `observed_usd` double COMMENT 'SPEND_SURGE: the window\'s spend, USD.',
  `baseline_usd` double COMMENT 'SPEND_SURGE: the spend expected for the window, USD.',
  `messages` bigint COMMENT 'Trials behind the observed value: outcomes of the CUSUM run, or messages of the window.',
  `affected_messages` bigint COMMENT 'Lost conversions, excess failures or excess messages over the incident so far.',
  `excess_cost_usd` decimal(18,6) COMMENT 'Money beyond baseline over the incident so far, USD; null for rules without a cost notion (CONVERSION_DROP).',
  `example_message_ids` string COMMENT 'Up to 50 message ids (comma-separated) of failed, unconverted or Protect-flagged messages of the incident\'s firing windows, for AWS Support; never phone numbers. \'\' when none.',
  `summary` string COMMENT 'One line for people: severity, rule, status, key, figures, since when.',
  `payload` string COMMENT 'The alert as JSON, as published to SNS (fields in schemas/alerts.md).'
)
COMMENT 'One row per alert message (TRIGGERED, UPDATED, RESOLVED) of the rules over the metrics tables (schemas/alerts.md). Rows are facts, not revisions: an incident is the rows of one incident_id.'
PARTITIONED BY (
  `dt` string COMMENT 'UTC day (yyyy-MM-dd) of detected_at. Filter on it (as a string) so Athena reads only the days needed.',
  `hour` string COMMENT 'UTC hour (00-23) of detected_at.'
)
STORED AS PARQUET
LOCATION '${lake_root}/alerts/'
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
  'storage.location.template'='${lake_root}/alerts/dt=${dt}/hour=${hour}/',
  'parquet.compression'='ZSTD'
);
