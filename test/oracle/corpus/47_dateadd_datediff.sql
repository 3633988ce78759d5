-- dialect: redshift
-- expect: equivalent
-- model: data-quality check on device clocks: minutes/hours/days between device and collector time, and a 3-day lateness cut-off.
-- checks: DATEDIFF counts date-part boundaries (minute/hour/day), DATEADD('day', 3, ...), NULL device times give NULL.
SELECT event_id,
       DATEDIFF('minute', dvce_created_tstamp, collector_tstamp) AS minutes_late,
       DATEDIFF('hour', dvce_created_tstamp, collector_tstamp) AS hours_late,
       DATEDIFF('day', dvce_created_tstamp, collector_tstamp) AS days_late,
       DATEADD('day', 3, dvce_created_tstamp) < collector_tstamp AS too_late
FROM atomic.events
WHERE dvce_created_tstamp IS NULL OR dvce_created_tstamp < collector_tstamp - INTERVAL '1 hour'
