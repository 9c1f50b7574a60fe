-- Query: delivery rate by channel and destination country over the last 24 hours.
-- Answers: of the messages whose outcome (delivered or failed) arrived in the last 24 h, what share was delivered,
--   per channel and country?
-- Reads: metrics_by_country_latest (the latest revision of every window).
-- Parameters: the period [now - 24 h, now); change the -24 (hours) and the dt lower bound (-1 day) together.
-- Output: channel, iso_country_code, messages (requested in the period), delivered, failed,
--   delivery_rate = delivered / (delivered + failed - failed_protect_blocked): over messages handed to carriers
--   (a Protect block is not a carrier outcome), null when no such outcome.
SELECT
  channel,
  iso_country_code,
  sum(messages) AS messages,
  sum(delivered) AS delivered,
  sum(failed) AS failed,
  round(CAST(sum(delivered) AS double) / nullif(sum(delivered) + sum(failed) - coalesce(sum(failed_protect_blocked), 0), 0), 4) AS delivery_rate
FROM metrics_by_country_latest
WHERE dt >= date_format(date_add('day', -1, current_timestamp), '%Y-%m-%d')
  AND dt <= date_format(current_timestamp, '%Y-%m-%d')
  AND window_start >= date_add('hour', -24, current_timestamp)
  AND window_start < current_timestamp
GROUP BY channel, iso_country_code
ORDER BY channel, iso_country_code;
