-- Query: dead letters by reason over the last 24 hours.
-- Answers: which kinds of bad input did the job set aside in the last 24 h, how many, from how many sources,
--   and when did each kind first and last occur?
-- Reads: dead_letters.
-- Parameters: the period [now - 24 h, now) by ingest_time; change -24 (hours) and the dt lower bound (-1 day) together.
-- Output: reason, dead_letters, sources (distinct streams/files), payload_bytes (sum of original sizes),
--   truncated (payloads cut to the limit), first_seen, last_seen.
SELECT
  reason,
  count(*) AS dead_letters,
  count(DISTINCT source) AS sources,
  sum(payload_bytes) AS payload_bytes,
  count(*) FILTER (WHERE payload_truncated) AS truncated,
  min(ingest_time) AS first_seen,
  max(ingest_time) AS last_seen
FROM dead_letters
WHERE dt >= date_format(date_add('day', -1, current_timestamp), '%Y-%m-%d')
  AND dt <= date_format(current_timestamp, '%Y-%m-%d')
  AND ingest_time >= date_add('hour', -24, current_timestamp)
  AND ingest_time < current_timestamp
GROUP BY reason
ORDER BY dead_letters DESC, reason;
