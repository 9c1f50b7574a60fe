-- Query: alert incidents of the last 24 hours, loudest first.
-- Answers: which incidents did the alert rules raise, update or resolve in the last 24 h, on which key, since
--   when, how loud, are they still open, and how many messages and dollars did they affect?
-- Reads: alerts (one row per alert message; an incident is the messages of one incident_id).
-- Parameters: the period [now - 24 h, now) by detected_at; change -24 (hours) and the dt lower bound (-1 day) together.
-- Output: rule, severity (the loudest message of the incident in the period), scope, channel, iso_country_code,
--   carrier, origination_id, use_case, estimated_start, first_detected, last_detected, last_status (RESOLVED: over),
--   alert_messages, affected_messages and excess_cost_usd (the incident's totals so far: the largest reported),
--   incident_id.
SELECT
  rule,
  CASE max(CASE severity WHEN 'CRITICAL' THEN 3 WHEN 'WARNING' THEN 2 ELSE 1 END)
    WHEN 3 THEN 'CRITICAL' WHEN 2 THEN 'WARNING' ELSE 'INFO' END AS severity,
  scope,
  channel,
  iso_country_code,
  carrier,
  origination_id,
  use_case,
  min(estimated_start) AS estimated_start,
  min(detected_at) AS first_detected,
  max(detected_at) AS last_detected,
  max_by(status, detected_at) AS last_status,
  count(*) AS alert_messages,
  max(affected_messages) AS affected_messages,
  max(excess_cost_usd) AS excess_cost_usd,
  incident_id
FROM alerts
WHERE dt >= date_format(date_add('day', -1, current_timestamp), '%Y-%m-%d')
  AND dt <= date_format(current_timestamp, '%Y-%m-%d')
  AND detected_at >= date_add('hour', -24, current_timestamp)
  AND detected_at < current_timestamp
GROUP BY incident_id, rule, scope, channel, iso_country_code, carrier, origination_id, use_case
ORDER BY max(CASE severity WHEN 'CRITICAL' THEN 3 WHEN 'WARNING' THEN 2 ELSE 1 END) DESC, min(estimated_start), incident_id;
