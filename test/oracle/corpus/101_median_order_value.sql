-- dialect: redshift
-- expect: equivalent
-- model: median order value and an estimated 15% tax on revenue (rounded to 10 cents) per country.
-- checks: PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY ...) (interpolating median), ROUND(decimal * 0.15, 1) (exact decimal product, then half-up rounding).
SELECT geo_country,
       COUNT(*) AS orders,
       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY tr_total) AS median_order_value,
       ROUND(SUM(tr_total) * 0.15, 1) AS est_tax
FROM atomic.events
WHERE event = 'transaction'
GROUP BY geo_country
ORDER BY geo_country NULLS FIRST
