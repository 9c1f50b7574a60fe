-- Query: WhatsApp sent -> delivered -> read funnel of the last 24 hours, per country.
-- Answers: of the outbound WhatsApp messages first seen in the last 24 h, how many were sent, delivered and read
--   (distinct messages per stage)? A later stage implies the earlier ones (a message read without a 'sent' webhook
--   still counts as sent and delivered).
-- Reads: events (channel WHATSAPP, direction OUTBOUND).
-- Parameters: cohort = messages whose first event is in [now - 24 h, now); events are read from now - 48 h so a
--   message first seen before the period is not mistaken for a new one. Change -24 (hours), -48 (hours) and the
--   dt lower bound (-2 days) together.
-- Output: iso_country_code ('ZZ' unknown), messages, sent, delivered, read, failed, delivered_of_sent,
--   read_of_delivered.
WITH per_message AS (
  SELECT
    message_id,
    max(iso_country_code) AS iso_country_code,
    min(event_time) AS first_seen,
    max(CASE WHEN status IN ('SENT', 'DELIVERED', 'READ') THEN 1 ELSE 0 END) AS sent,
    max(CASE WHEN status IN ('DELIVERED', 'READ') THEN 1 ELSE 0 END) AS delivered,
    max(CASE WHEN status = 'READ' THEN 1 ELSE 0 END) AS read,
    max(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END) AS failed
  FROM events
  WHERE dt >= date_format(date_add('day', -2, current_timestamp), '%Y-%m-%d')
    AND dt <= date_format(current_timestamp, '%Y-%m-%d')
    AND event_time >= date_add('hour', -48, current_timestamp)
    AND event_time < current_timestamp
    AND channel = 'WHATSAPP'
    AND direction = 'OUTBOUND'
  GROUP BY message_id
)
SELECT
  coalesce(iso_country_code, 'ZZ') AS iso_country_code,
  count(*) AS messages,
  sum(sent) AS sent,
  sum(delivered) AS delivered,
  sum(read) AS read,
  sum(failed) AS failed,
  round(CAST(sum(delivered) AS double) / nullif(sum(sent), 0), 4) AS delivered_of_sent,
  round(CAST(sum(read) AS double) / nullif(sum(delivered), 0), 4) AS read_of_delivered
FROM per_message
WHERE first_seen >= date_add('hour', -24, current_timestamp)
GROUP BY coalesce(iso_country_code, 'ZZ')
ORDER BY messages DESC, iso_country_code;
