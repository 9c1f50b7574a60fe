-- Query: top failure classes by country and carrier over the last 24 hours.
-- Answers: which failure classes (BLOCKED, UNREACHABLE, ...) hit which countries and carriers most? Each failed
--   message counts once, with the class of its first final failure (redelivered duplicates and later finals ignored).
-- Reads: events (status FAILED and is_final).
-- Parameters: the period [now - 24 h, now) by event_time; change -24 (hours) and the dt lower bound (-1 day)
--   together. Rows returned: LIMIT 50.
-- Output: failure_class, iso_country_code ('ZZ' unknown), carrier_name ('unknown' when absent, e.g. WhatsApp),
--   failed_messages, pct_of_country_failures (share of the country's failed messages in the period).
WITH final_failures AS (
  SELECT
    message_id,
    failure_class,
    iso_country_code,
    carrier_name,
    row_number() OVER (PARTITION BY message_id ORDER BY event_time, event_id) AS nth
  FROM events
  WHERE dt >= date_format(date_add('day', -1, current_timestamp), '%Y-%m-%d')
    AND dt <= date_format(current_timestamp, '%Y-%m-%d')
    AND event_time >= date_add('hour', -24, current_timestamp)
    AND event_time < current_timestamp
    AND status = 'FAILED'
    AND is_final
),
counted AS (
  SELECT
    coalesce(failure_class, 'UNKNOWN') AS failure_class,
    coalesce(iso_country_code, 'ZZ') AS iso_country_code,
    coalesce(carrier_name, 'unknown') AS carrier_name,
    count(DISTINCT message_id) AS failed_messages
  FROM final_failures
  WHERE nth = 1
  GROUP BY coalesce(failure_class, 'UNKNOWN'), coalesce(iso_country_code, 'ZZ'), coalesce(carrier_name, 'unknown')
)
SELECT
  failure_class,
  iso_country_code,
  carrier_name,
  failed_messages,
  round(100 * CAST(failed_messages AS double) / sum(failed_messages) OVER (PARTITION BY iso_country_code), 2) AS pct_of_country_failures
FROM counted
ORDER BY failed_messages DESC, iso_country_code, carrier_name, failure_class
LIMIT 50;
