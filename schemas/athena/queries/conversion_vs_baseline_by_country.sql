-- Query: conversion by country against its own 7-day baseline.
-- Answers: per channel and country, how does the conversion rate (RECEIVED feedback / all feedback outcomes) of the
--   last 24 h compare with the 7 days before it? Countries whose conversion collapsed come first.
-- Reads: metrics_by_country_latest.
-- Parameters: last period [now - 24 h, now); baseline [now - 8 days, now - 24 h). Change -24 (hours) and -8 (days)
--   together with the dt lower bound (-8 days).
-- Output: channel, iso_country_code, feedback_outcomes_24h, conversion_24h, feedback_outcomes_7d, conversion_7d,
--   change_pp (percentage points, 24 h minus baseline). Only countries with feedback outcomes in the last 24 h.
WITH periods AS (
  SELECT
    channel,
    iso_country_code,
    sum(CASE WHEN window_start >= date_add('hour', -24, current_timestamp) THEN converted ELSE 0 END) AS converted_24h,
    sum(CASE WHEN window_start >= date_add('hour', -24, current_timestamp) THEN feedback_failed ELSE 0 END) AS feedback_failed_24h,
    sum(CASE WHEN window_start < date_add('hour', -24, current_timestamp) THEN converted ELSE 0 END) AS converted_7d,
    sum(CASE WHEN window_start < date_add('hour', -24, current_timestamp) THEN feedback_failed ELSE 0 END) AS feedback_failed_7d
  FROM metrics_by_country_latest
  WHERE dt >= date_format(date_add('day', -8, current_timestamp), '%Y-%m-%d')
    AND dt <= date_format(current_timestamp, '%Y-%m-%d')
    AND window_start >= date_add('day', -8, current_timestamp)
    AND window_start < current_timestamp
  GROUP BY channel, iso_country_code
),
rates AS (
  SELECT
    channel,
    iso_country_code,
    converted_24h + feedback_failed_24h AS feedback_outcomes_24h,
    CAST(converted_24h AS double) / nullif(converted_24h + feedback_failed_24h, 0) AS conversion_24h,
    converted_7d + feedback_failed_7d AS feedback_outcomes_7d,
    CAST(converted_7d AS double) / nullif(converted_7d + feedback_failed_7d, 0) AS conversion_7d
  FROM periods
)
SELECT
  channel,
  iso_country_code,
  feedback_outcomes_24h,
  round(conversion_24h, 4) AS conversion_24h,
  feedback_outcomes_7d,
  round(conversion_7d, 4) AS conversion_7d,
  round(100 * (conversion_24h - conversion_7d), 2) AS change_pp
FROM rates
WHERE feedback_outcomes_24h > 0
ORDER BY change_pp ASC NULLS LAST, channel, iso_country_code;
