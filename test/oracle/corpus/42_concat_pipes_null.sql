-- dialect: redshift
-- expect: equivalent
-- model: a location label country-region-city for reporting.
-- checks: || concatenation returns NULL when any part is NULL (unlike CONCAT_WS), literal separators, CAST of a smallint to VARCHAR.
SELECT geo_country || '-' || geo_region || '/' || geo_city AS location,
       'session #' || CAST(domain_sessionidx AS VARCHAR) AS session_label,
       COUNT(*) AS events
FROM atomic.events
GROUP BY 1, 2
