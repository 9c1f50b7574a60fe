-- View metrics_by_country_latest: metrics_by_country with only the highest revision of each (window_start, channel, iso_country_code, message_type, use_case).
-- Generated from schema.Tables by schema.GenerateSchemaFiles; do not edit.
-- Late data re-emits a window with revision + 1; dt and hour in PARTITION BY change no result (all revisions
-- of a window share its partition) but let Athena push dt filters through to partition pruning.
CREATE OR REPLACE VIEW ${database}.metrics_by_country_latest AS
SELECT
  window_start,
  window_end,
  channel,
  iso_country_code,
  coalesce(message_type, '') AS message_type,
  coalesce(use_case, '') AS use_case,
  revision,
  messages,
  delivered,
  failed,
  failed_blocked,
  failed_protect_blocked,
  failed_invalid,
  failed_unreachable,
  failed_expired,
  failed_policy,
  failed_unknown,
  pending,
  outcome_unknown,
  read,
  inbound,
  feedback_tracked,
  converted,
  feedback_failed,
  late_feedback,
  feedback_untracked_received,
  protect_blocked,
  protect_block_recommended,
  protect_recommended_monitor,
  protect_recommended_filter,
  price_usd,
  carrier_fee_usd,
  message_parts,
  billable_marketing,
  billable_utility,
  billable_authentication,
  billable_service,
  whatsapp_fee_usd,
  whatsapp_meta_fee_usd,
  whatsapp_aws_fee_usd,
  spend_usd,
  delivery_rate,
  protect_blocked_rate,
  protect_recommended_rate,
  read_rate,
  conversion_rate,
  latency_count,
  latency_p50_ms,
  latency_histogram,
  latency_p95_ms,
  dt,
  hour
FROM (
  SELECT
    m.*,
    row_number() OVER (
      PARTITION BY window_start, channel, iso_country_code, coalesce(message_type, ''), coalesce(use_case, ''), dt, hour
      ORDER BY revision DESC
    ) AS revision_rank
  FROM ${database}.metrics_by_country m
) ranked
WHERE revision_rank = 1;
