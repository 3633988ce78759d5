-- dialect: redshift
-- expect: equivalent
-- model: a zero-filled grid of day x country: CROSS JOIN of the days and all countries, LEFT JOIN the counts.
-- checks: CROSS JOIN, LEFT JOIN on two keys, COALESCE(count, 0), ORDER BY a date and a string.
WITH days AS (
  SELECT DISTINCT collector_tstamp::date AS d FROM atomic.events
),
counts AS (
  SELECT collector_tstamp::date AS d, geo_country, COUNT(*) AS n
  FROM atomic.events
  GROUP BY 1, 2
)
SELECT days.d, c.country_code, COALESCE(counts.n, 0) AS events
FROM days
CROSS JOIN derived.countries c
LEFT JOIN counts ON counts.d = days.d AND counts.geo_country = c.country_code
ORDER BY days.d, c.country_code
