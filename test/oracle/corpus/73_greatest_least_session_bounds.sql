-- dialect: redshift
-- expect: equivalent
-- model: session bounds that use the larger of derived and collector time at the end and the smaller at the start.
-- checks: LEAST/GREATEST on non-null timestamps inside MIN/MAX aggregates, DATEDIFF('minute', ...).
SELECT domain_sessionid,
       MIN(LEAST(derived_tstamp, collector_tstamp)) AS start_tstamp,
       MAX(GREATEST(derived_tstamp, collector_tstamp)) AS end_tstamp,
       DATEDIFF('minute', MIN(LEAST(derived_tstamp, collector_tstamp)), MAX(GREATEST(derived_tstamp, collector_tstamp))) AS minutes
FROM atomic.events
GROUP BY domain_sessionid
