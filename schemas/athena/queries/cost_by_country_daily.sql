-- Query: what messages cost per destination country per day, every channel, in one currency column.
-- Answers: per UTC day over the last 7 days and today, channel and country: SMS/MMS/voice price and carrier fees,
--   WhatsApp Meta and AWS fees, total spend and spend per message?
-- Reads: metrics_by_country_latest (every cost is counted once per message, in the window of the message).
-- Parameters: days since the start of the UTC day 7 days ago, up to now; change both -7 (days) together.
-- Output: day, channel, iso_country_code, messages, price_usd, carrier_fee_usd, whatsapp_meta_fee_usd,
--   whatsapp_aws_fee_usd, spend_usd, spend_per_message_usd (null when no messages). spend_usd is summed from
--   price, carrier fee and the WhatsApp total, so windows written before the spend and fee-split columns existed
--   still count in full (their Meta/AWS parts show as 0).
SELECT
  CAST(window_start AS date) AS day,
  channel,
  iso_country_code,
  sum(messages) AS messages,
  coalesce(sum(price_usd), 0) AS price_usd,
  coalesce(sum(carrier_fee_usd), 0) AS carrier_fee_usd,
  coalesce(sum(whatsapp_meta_fee_usd), 0) AS whatsapp_meta_fee_usd,
  coalesce(sum(whatsapp_aws_fee_usd), 0) AS whatsapp_aws_fee_usd,
  coalesce(sum(price_usd), 0) + coalesce(sum(carrier_fee_usd), 0) + coalesce(sum(whatsapp_fee_usd), 0) AS spend_usd,
  round(CAST(coalesce(sum(price_usd), 0) + coalesce(sum(carrier_fee_usd), 0) + coalesce(sum(whatsapp_fee_usd), 0) AS double)
    / nullif(sum(messages), 0), 6) AS spend_per_message_usd
FROM metrics_by_country_latest
WHERE dt >= date_format(date_add('day', -7, current_timestamp), '%Y-%m-%d')
  AND dt <= date_format(current_timestamp, '%Y-%m-%d')
  AND window_start >= date_trunc('day', date_add('day', -7, current_timestamp))
  AND window_start < current_timestamp
GROUP BY CAST(window_start AS date), channel, iso_country_code
ORDER BY day, channel, iso_country_code;
