-- dialect: redshift
-- expect: equivalent
-- model: revenue and order count per day and country name, unknown countries kept.
-- checks: LEFT JOIN to derived.countries, COALESCE on the joined name, SUM over DECIMAL(18,2), COUNT(DISTINCT order id).
SELECT e.collector_tstamp::date AS order_date,
       COALESCE(c.country_name, 'Unknown') AS country,
       COUNT(DISTINCT e.tr_orderid) AS orders,
       SUM(e.tr_total) AS revenue
FROM atomic.events e
LEFT JOIN derived.countries c ON c.country_code = e.geo_country
WHERE e.event = 'transaction'
GROUP BY 1, 2
ORDER BY order_date, revenue DESC, country
