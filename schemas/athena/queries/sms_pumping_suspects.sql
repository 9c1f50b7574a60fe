-- Query: SMS pumping suspects.
-- Answers: which countries sent clearly more messages in the last 24 h than their daily average of the 7 days
--   before, while their conversion rate fell? (Artificially inflated traffic: many messages, few real users.)
-- Reads: metrics_by_country_latest.
-- Parameters (edit the params row):
--   channel               default 'SMS'
--   min_volume_ratio      default 1.5   messages in the last 24 h / baseline daily average must be at least this
--   max_conversion_ratio  default 0.75  conversion of the last 24 h / baseline conversion must be at most this
--   min_messages_24h      default 20    ignore countries with fewer messages in the last 24 h
--   Periods: last [now - 24 h, now), baseline [now - 8 days, now - 24 h) = 7 days.
--   Countries without baseline traffic or without feedback outcomes in either period are not judged (ratios are null).
-- Output: iso_country_code, messages_24h, daily_avg_7d, volume_ratio, conversion_24h, conversion_7d, conversion_ratio.
WITH params AS (
  SELECT
    'SMS' AS channel,
    CAST(1.5 AS double) AS min_volume_ratio,
    CAST(0.75 AS double) AS max_conversion_ratio,
    20 AS min_messages_24h
),
periods AS (
  SELECT
    m.iso_country_code,
    sum(CASE WHEN m.window_start >= date_add('hour', -24, current_timestamp) THEN m.messages ELSE 0 END) AS messages_24h,
    sum(CASE WHEN m.window_start < date_add('hour', -24, current_timestamp) THEN m.messages ELSE 0 END) AS messages_7d,
    sum(CASE WHEN m.window_start >= date_add('hour', -24, current_timestamp) THEN m.converted ELSE 0 END) AS converted_24h,
    sum(CASE WHEN m.window_start >= date_add('hour', -24, current_timestamp) THEN m.feedback_failed ELSE 0 END) AS feedback_failed_24h,
    sum(CASE WHEN m.window_start < date_add('hour', -24, current_timestamp) THEN m.converted ELSE 0 END) AS converted_7d,
    sum(CASE WHEN m.window_start < date_add('hour', -24, current_timestamp) THEN m.feedback_failed ELSE 0 END) AS feedback_failed_7d
  FROM metrics_by_country_latest m
  JOIN params p ON m.channel = p.channel
  WHERE m.dt >= date_format(date_add('day', -8, current_timestamp), '%Y-%m-%d')
    AND m.dt <= date_format(current_timestamp, '%Y-%m-%d')
    AND m.window_start >= date_add('day', -8, current_timestamp)
    AND m.window_start < current_timestamp
  GROUP BY m.iso_country_code
),
rates AS (
  SELECT
    iso_country_code,
    messages_24h,
    CAST(messages_7d AS double) / 7 AS daily_avg_7d,
    CAST(messages_24h AS double) / nullif(CAST(messages_7d AS double) / 7, 0) AS volume_ratio,
    CAST(converted_24h AS double) / nullif(converted_24h + feedback_failed_24h, 0) AS conversion_24h,
    CAST(converted_7d AS double) / nullif(converted_7d + feedback_failed_7d, 0) AS conversion_7d
  FROM periods
)
SELECT
  r.iso_country_code,
  r.messages_24h,
  round(r.daily_avg_7d, 2) AS daily_avg_7d,
  round(r.volume_ratio, 2) AS volume_ratio,
  round(r.conversion_24h, 4) AS conversion_24h,
  round(r.conversion_7d, 4) AS conversion_7d,
  round(r.conversion_24h / nullif(r.conversion_7d, 0), 2) AS conversion_ratio
FROM rates r
CROSS JOIN params p
WHERE r.messages_24h >= p.min_messages_24h
  AND r.volume_ratio >= p.min_volume_ratio
  AND r.conversion_24h <= r.conversion_7d * p.max_conversion_ratio
ORDER BY r.volume_ratio DESC, r.iso_country_code;
