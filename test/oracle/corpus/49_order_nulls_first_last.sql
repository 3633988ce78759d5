-- dialect: redshift
-- expect: equivalent
-- model: cities by events, with unknown cities listed first, within country listed last when NULL.
-- checks: explicit NULLS FIRST / NULLS LAST on ASC and DESC keys, total ORDER BY.
SELECT geo_country, geo_city, COUNT(*) AS events
FROM atomic.events
GROUP BY geo_country, geo_city
ORDER BY geo_country DESC NULLS LAST, geo_city ASC NULLS FIRST
