-- dialect: redshift
-- expect: equivalent
-- model: median and average order value per country, rounded to cents.
-- checks: PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY ...) (interpolating median), ROUND(AVG(decimal), 2) half away from zero.
SELECT geo_country,
       COUNT(*) AS orders,
       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY tr_total) AS median_order_value,
       ROUND(AVG(tr_total), 2) AS avg_order_value
FROM atomic.events
WHERE event = 'transaction'
GROUP BY geo_country
ORDER BY geo_country NULLS FIRST
