-- dialect: redshift
-- expect: equivalent
-- model: Snowplow incremental model "sessions to process": LEFT JOIN the event manifest, keep unmatched events inside the run limits, not too late, per session.
-- checks: LEFT JOIN on two keys with IS NULL anti-join, scalar subqueries from a limits CTE, DATEADD/DATEDIFF with quoted date parts, GROUP BY 1.
WITH base_event_id_manifest AS (
  SELECT event_id, collector_tstamp
  FROM atomic.events
  WHERE collector_tstamp < '2024-03-05 00:00:00'
),
base_new_events_limits AS (
  SELECT DATEADD('hour', -6, MAX(collector_tstamp)) AS lower_limit,
         DATEADD('day', 7, MAX(collector_tstamp)) AS upper_limit
  FROM base_event_id_manifest
)
SELECT a.domain_sessionid AS session_id,
       MIN(a.collector_tstamp) AS min_tstamp,
       MAX(a.collector_tstamp) AS max_tstamp
FROM atomic.events a
LEFT JOIN base_event_id_manifest b
  ON a.event_id = b.event_id
 AND a.collector_tstamp = b.collector_tstamp
WHERE b.event_id IS NULL
  AND a.collector_tstamp >= (SELECT lower_limit FROM base_new_events_limits)
  AND a.collector_tstamp <= (SELECT upper_limit FROM base_new_events_limits)
  AND a.domain_sessionid IS NOT NULL
  AND DATEDIFF('day', a.dvce_created_tstamp, a.collector_tstamp) <= 3
GROUP BY 1
