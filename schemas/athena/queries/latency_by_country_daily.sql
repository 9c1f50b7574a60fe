-- Query: delivery latency percentiles per destination country and UTC day, combined over all windows of the day.
-- Answers: how fast were messages delivered per day, channel and country (p50 and p95 of first success minus
--   request), computed from the windows' latency sketches rather than by averaging per-window percentiles?
-- Reads: metrics_by_country_latest.latency_histogram (bucket -> samples; bucket i >= 0 holds latencies in
--   (g^(i-1), g^i] ms with g = 1.005/0.995 and stands for 2 g^i / (g + 1); bucket -1 holds 0 ms). Summing the
--   buckets of any windows and keys and taking the bucket at rank ceil(q * samples) gives the q-quantile of all their
--   latencies within 1%.
-- Parameters: days since the start of the UTC day 7 days ago, up to now; change both -7 (days) together. For other
--   groupings (a whole country over a week, all countries of a channel) change the GROUP BY and PARTITION BY keys.
-- Output: day, channel, iso_country_code, samples, latency_p50_ms, latency_p95_ms (whole ms, nearest-rank).
WITH buckets AS (
  SELECT
    CAST(m.window_start AS date) AS day,
    m.channel,
    m.iso_country_code,
    h.bucket,
    sum(h.samples) AS samples
  FROM metrics_by_country_latest m
  CROSS JOIN UNNEST(m.latency_histogram) AS h (bucket, samples)
  WHERE m.dt >= date_format(date_add('day', -7, current_timestamp), '%Y-%m-%d')
    AND m.dt <= date_format(current_timestamp, '%Y-%m-%d')
    AND m.window_start >= date_trunc('day', date_add('day', -7, current_timestamp))
    AND m.window_start < current_timestamp
  GROUP BY CAST(m.window_start AS date), m.channel, m.iso_country_code, h.bucket
),
ranked AS (
  SELECT
    day, channel, iso_country_code, bucket,
    sum(samples) OVER (PARTITION BY day, channel, iso_country_code ORDER BY bucket) AS running,
    sum(samples) OVER (PARTITION BY day, channel, iso_country_code) AS total
  FROM buckets
),
ranks AS (
  SELECT
    day, channel, iso_country_code,
    max(total) AS samples,
    min(CASE WHEN running >= ceil(0.5 * total) THEN bucket END) AS p50_bucket,
    min(CASE WHEN running >= ceil(0.95 * total) THEN bucket END) AS p95_bucket
  FROM ranked
  GROUP BY day, channel, iso_country_code
)
SELECT
  day,
  channel,
  iso_country_code,
  samples,
  CASE WHEN p50_bucket < 0 THEN 0 ELSE CAST(round(2 * power(1.005 / 0.995, p50_bucket) / (1.005 / 0.995 + 1)) AS bigint) END AS latency_p50_ms,
  CASE WHEN p95_bucket < 0 THEN 0 ELSE CAST(round(2 * power(1.005 / 0.995, p95_bucket) / (1.005 / 0.995 + 1)) AS bigint) END AS latency_p95_ms
FROM ranks
WHERE samples > 0
ORDER BY day, channel, iso_country_code;
