-- Duplicate event_ids (the same event delivered twice) and how to keep one copy.
SELECT event_id, COUNT(*) AS copies
FROM atomic.events
GROUP BY event_id
HAVING COUNT(*) > 1
ORDER BY copies DESC, event_id
LIMIT 20;

SELECT COUNT(*) AS events_after_dedup
FROM (
  SELECT
    event_id,
    ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY collector_tstamp, etl_tstamp) AS copy_number
  FROM atomic.events
) AS numbered
WHERE copy_number = 1;
