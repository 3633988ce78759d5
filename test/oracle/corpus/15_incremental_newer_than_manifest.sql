-- dialect: redshift
-- expect: equivalent
-- model: incremental load: only events newer than the high-water mark of an already-processed manifest (events up to 2024-03-06).
-- checks: scalar subquery with MAX in WHERE, strict > comparison, manifest as a CTE.
WITH manifest AS (
  SELECT event_id, collector_tstamp
  FROM atomic.events
  WHERE collector_tstamp < '2024-03-06 00:00:00'
)
SELECT event_id, collector_tstamp, event, domain_userid
FROM atomic.events
WHERE collector_tstamp > (SELECT MAX(collector_tstamp) FROM manifest)
