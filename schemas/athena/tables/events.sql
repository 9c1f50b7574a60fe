-- Table events: generated from schema.Tables by schema.GenerateSchemaFiles; do not edit.
-- Placeholders: ${database} (Glue database), ${lake_root} (s3://bucket/prefix, no trailing slash); schemas/athena/render.sh replaces them.
CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`events` (
  `event_id` string COMMENT 'Deterministic id (hash of the source event\'s identity); equal for redeliveries of the same event through any envelope.',
  `channel` string COMMENT 'SMS, MMS, VOICE, RCS or WHATSAPP. Null on feedback records (they carry only the message id).',
  `direction` string COMMENT 'OUTBOUND (sent by the business) or INBOUND (sent by the end user).',
  `event_type` string COMMENT 'Raw event type or status as received: TEXT_DELIVERED, VOICE_COMPLETED, delivered, inbound_text, FEEDBACK_RECEIVED.',
  `status` string COMMENT 'Canonical status: QUEUED, PENDING, SENT, DELIVERED, READ, FAILED, DELETED, WARNING, RECEIVED (inbound), FEEDBACK.',
  `failure_class` string COMMENT 'When status is FAILED: BLOCKED, PROTECT_BLOCKED, INVALID, UNREACHABLE, EXPIRED, POLICY, UNKNOWN.',
  `is_final` boolean COMMENT 'True if this event is the final word on the message (SMS/MMS/voice: the event\'s isFinal).',
  `message_id` string COMMENT 'SMS/MMS/voice messageId; WhatsApp wamid. Join key for all events of a message and for feedback.',
  `origination_id` string COMMENT 'Sender: originationPhoneNumber as sent (may be an alphanumeric sender id); WhatsApp \'+\' and the business display number.',
  `destination_hash` string COMMENT 'HMAC-SHA256 (hex) of the E.164 end-user number (recipient for outbound, sender for inbound), keyed by the configured secret.',
  `destination_number` string COMMENT 'Raw E.164 end-user number. Always null unless raw numbers were explicitly enabled (--include-raw-numbers).',
  `iso_country_code` string COMMENT 'End user\'s country, ISO 3166-1 alpha-2: the event\'s isoCountryCode, else derived from the number.',
  `country_source` string COMMENT 'EVENT (isoCountryCode field), PHONE_NUMBER (valid number), CALLING_CODE (main region of the calling code of a number that is not valid).',
  `carrier_name` string COMMENT 'Recipient carrier (carrierName).',
  `mcc` string COMMENT 'Mobile country code, string with leading zeros kept.',
  `mnc` string COMMENT 'Mobile network code, string with leading zeros kept.',
  `message_type` string COMMENT 'SMS/MMS/voice messageType (TRANSACTIONAL, PROMOTIONAL); WhatsApp inbound message type (text, image, ...).',
  `message_encoding` string COMMENT 'GSM or Unicode (SMS).',
  `event_time` timestamp COMMENT 'When the status change happened (eventTimestamp; WhatsApp status/message timestamp; feedback timestamp), UTC.',
  `request_time` timestamp COMMENT 'When the send request was received (messageRequestTimestamp), UTC.',
  `price_usd` decimal(18,6) COMMENT 'totalMessagePrice of this event, USD. Repeated on several events of one message: count it once per message (the metrics tables do).',
  `carrier_fee_usd` decimal(18,6) COMMENT 'totalCarrierFee of this event, USD. Same caveat as price_usd.',
  `message_parts` int COMMENT 'totalMessageParts (SMS is billed per part).',
  `pricing_model` string COMMENT 'WhatsApp pricing.pricing_model: CBP or PMP.',
  `pricing_category` string COMMENT 'WhatsApp pricing.category: marketing, utility, authentication, authentication_international, service.',
  `pricing_type` string COMMENT 'WhatsApp pricing.type (PMP): regular, free_customer_service, free_entry_point.',
  `billable` boolean COMMENT 'WhatsApp pricing.billable.',
  `conversation_id` string COMMENT 'WhatsApp conversation.id.',
  `conversation_origin` string COMMENT 'WhatsApp conversation.origin.type.',
  `error_code` int COMMENT 'WhatsApp errors[0].code.',
  `error_title` string COMMENT 'WhatsApp errors[0].title.',
  `feedback_status` string COMMENT 'Message feedback: RECEIVED or FAILED.',
  `protect_configuration_id` string COMMENT 'protectConfiguration.protectConfigurationId.',
  `protect_status` string COMMENT 'protectConfiguration.protectStatus: ALLOW, BLOCK, MONITOR, FILTER.',
  `protect_recommendation` string COMMENT 'protectConfiguration.protectRecommendation (e.g. BLOCK under MONITOR).',
  `context` map<string,string> COMMENT 'The send request\'s Context map, as sent (at most 5 entries).',
  `account_id` string COMMENT 'AWS account id when the envelope carries it (EventBridge, CloudWatch Logs, WhatsApp).',
  `waba_id` string COMMENT 'WhatsApp Business Account id (Meta).',
  `phone_number_id` string COMMENT 'WhatsApp business phone number id (Meta).',
  `source_envelope` string COMMENT 'Envelope chain, outermost first: RAW, SNS>RAW, EVENTBRIDGE>RAW, CLOUDWATCH_LOGS>RAW, SOCIAL, SNS>SOCIAL, FEEDBACK.',
  `source` string COMMENT 'Kinesis stream or replay file the record came from.',
  `ingest_time` timestamp COMMENT 'When the job read the record, UTC.'
)
COMMENT 'One row per status change of a message, across channels (the canonical event).'
PARTITIONED BY (
  `dt` string COMMENT 'UTC day (yyyy-MM-dd) of event_time. Filter on it (as a string) so Athena reads only the days needed.',
  `hour` string COMMENT 'UTC hour (00-23) of event_time.'
)
STORED AS PARQUET
LOCATION '${lake_root}/events/'
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
  'storage.location.template'='${lake_root}/events/dt=${dt}/hour=${hour}/',
  'parquet.compression'='ZSTD'
);
