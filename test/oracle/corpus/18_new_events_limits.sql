-- dialect: redshift
-- expect: equivalent
-- model: the run-limits table of the incremental model: lower/upper/session limits from the manifest's max collector_tstamp.
-- checks: global aggregate (one row) wrapped in DATEADD with negative offsets and hour/day parts.
SELECT DATEADD('hour', -6, MAX(collector_tstamp)) AS lower_limit,
       DATEADD('day', 7, MAX(collector_tstamp)) AS upper_limit,
       DATEADD('day', -365, MAX(collector_tstamp)) AS session_limit
FROM atomic.events
WHERE event IN ('page_view', 'page_ping')
