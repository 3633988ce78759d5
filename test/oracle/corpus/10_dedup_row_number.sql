-- dialect: redshift
-- expect: equivalent
-- model: deduplicate events by event_id, keeping the earliest collector_tstamp (75 duplicated ids in the seed).
-- checks: ROW_NUMBER() in a derived table filtered with = 1; exact copies tie but are identical, so the kept row is deterministic.
SELECT event_id, collector_tstamp, etl_tstamp, event, domain_sessionid
FROM (
  SELECT event_id, collector_tstamp, etl_tstamp, event, domain_sessionid,
         ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY collector_tstamp, etl_tstamp) AS rn
  FROM atomic.events
) d
WHERE rn = 1
