-- dialect: redshift
-- expect: equivalent
-- oracle-defect: PERCENTILE_CONT(0.5) -> F.percentile(col, 0.5) (exact, interpolating; PySpark 3.5) is missing from the oracle's fake pyspark, F.expr("percentile(...)") renders as quantile() (no such PostgreSQL function) and percentile_approx is judged as percentile_disc -> CANDIDATE_ERROR; the query minus the median is EQUIVALENT (README defect 5)
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
