-- Query: SMS Protect blocks and block recommendations by channel and destination country over the last 24 hours.
-- Answers: how many messages did Protect block, and how many did it recommend blocking (MONITOR rules, which never
--   block, and FILTER rules), per channel and country, and what share of the messages is that?
-- Reads: metrics_by_country_latest (counted once per message, in the window of the request). Per protect
--   configuration id: the events table (protect_configuration_id, protect_status, protect_recommendation).
-- Parameters: the period [now - 24 h, now); change the -24 (hours) and the dt lower bound (-1 day) together.
-- Output: channel, iso_country_code, messages, protect_blocked, blocked_pct, protect_block_recommended,
--   recommended_monitor, recommended_filter, recommended_pct (percent of messages, 2 decimals); only keys with
--   Protect activity. Windows written before these columns existed count as 0.
SELECT
  channel,
  iso_country_code,
  sum(messages) AS messages,
  coalesce(sum(protect_blocked), 0) AS protect_blocked,
  round(100.0 * coalesce(sum(protect_blocked), 0) / nullif(sum(messages), 0), 2) AS blocked_pct,
  coalesce(sum(protect_block_recommended), 0) AS protect_block_recommended,
  coalesce(sum(protect_recommended_monitor), 0) AS recommended_monitor,
  coalesce(sum(protect_recommended_filter), 0) AS recommended_filter,
  round(100.0 * coalesce(sum(protect_block_recommended), 0) / nullif(sum(messages), 0), 2) AS recommended_pct
FROM metrics_by_country_latest
WHERE dt >= date_format(date_add('day', -1, current_timestamp), '%Y-%m-%d')
  AND dt <= date_format(current_timestamp, '%Y-%m-%d')
  AND window_start >= date_add('hour', -24, current_timestamp)
  AND window_start < current_timestamp
GROUP BY channel, iso_country_code
HAVING coalesce(sum(protect_blocked), 0) + coalesce(sum(protect_block_recommended), 0) > 0
ORDER BY channel, iso_country_code;
