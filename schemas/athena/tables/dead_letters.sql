-- Table dead_letters: generated from schema.Tables by schema.GenerateSchemaFiles; do not edit.
-- Placeholders: ${database} (Glue database), ${lake_root} (s3://bucket/prefix, no trailing slash); schemas/athena/render.sh replaces them.
CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`dead_letters` (
  `reason` string COMMENT 'Machine-readable reason: empty, too_large, not_utf8, bad_base64, bad_gzip, malformed_json, too_deep, unknown_family, missing_field, wrong_type, invalid_value, unsupported_event, future_timestamp, late, feedback_without_message.',
  `detail` string COMMENT 'Human-readable detail (field name, parser message). Never contains the payload.',
  `source` string COMMENT 'Kinesis stream or replay file the record came from.',
  `ingest_time` timestamp COMMENT 'When the job read the record, UTC. For a metrics delta later than the allowed lateness (source metrics_by_*): the delta\'s attribution time, so a replay reproduces the dead letter.',
  `payload` string COMMENT 'The raw payload, truncated to 16 KiB; base64 when payload_base64.',
  `payload_base64` boolean COMMENT 'True when payload is base64 (binary or not UTF-8).',
  `payload_bytes` int COMMENT 'Size of the original payload in bytes.',
  `payload_truncated` boolean COMMENT 'True when payload was cut to the limit.'
)
COMMENT 'Records the job could not use, one row each, with the reason. Nothing is dropped silently.'
PARTITIONED BY (
  `dt` string COMMENT 'UTC day (yyyy-MM-dd) of ingest_time. Filter on it (as a string) so Athena reads only the days needed.',
  `hour` string COMMENT 'UTC hour (00-23) of ingest_time.'
)
STORED AS PARQUET
LOCATION '${lake_root}/dead_letters/'
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
  'storage.location.template'='${lake_root}/dead_letters/dt=${dt}/hour=${hour}/',
  'parquet.compression'='ZSTD'
);
