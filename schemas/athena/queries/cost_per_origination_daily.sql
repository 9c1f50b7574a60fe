-- Query: cost per origination number (sender) per day.
-- Answers: what did each sending number / sender id cost per UTC day over the last 7 days and today: message price,
--   carrier fees and WhatsApp fees (Meta rate card + AWS per-message fee), in total and per message?
-- Reads: metrics_by_origination_latest (fees are counted once per message, in the window of the message).
-- Parameters: days since the start of the UTC day 7 days ago, up to now; change both -7 (days) together.
-- Output: day, channel, origination_id, messages, price_usd, carrier_fee_usd, whatsapp_fee_usd, total_cost_usd,
--   cost_per_message_usd (null when no messages).
SELECT
  CAST(window_start AS date) AS day,
  channel,
  origination_id,
  sum(messages) AS messages,
  sum(price_usd) AS price_usd,
  sum(carrier_fee_usd) AS carrier_fee_usd,
  sum(whatsapp_fee_usd) AS whatsapp_fee_usd,
  sum(price_usd) + sum(carrier_fee_usd) + sum(whatsapp_fee_usd) AS total_cost_usd,
  round(CAST(sum(price_usd) + sum(carrier_fee_usd) + sum(whatsapp_fee_usd) AS double) / nullif(sum(messages), 0), 6) AS cost_per_message_usd
FROM metrics_by_origination_latest
WHERE dt >= date_format(date_add('day', -7, current_timestamp), '%Y-%m-%d')
  AND dt <= date_format(current_timestamp, '%Y-%m-%d')
  AND window_start >= date_trunc('day', date_add('day', -7, current_timestamp))
  AND window_start < current_timestamp
GROUP BY CAST(window_start AS date), channel, origination_id
ORDER BY day, channel, origination_id;
