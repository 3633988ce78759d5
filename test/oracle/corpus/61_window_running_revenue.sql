-- dialect: redshift
-- expect: equivalent
-- model: daily revenue with a cumulative total and the day's share of the whole period.
-- checks: SUM over SUM with ROWS UNBOUNDED PRECEDING, SUM(...) OVER () for the grand total, float share.
SELECT collector_tstamp::date AS day,
       SUM(tr_total) AS revenue,
       SUM(SUM(tr_total)) OVER (ORDER BY collector_tstamp::date ROWS UNBOUNDED PRECEDING) AS cumulative_revenue,
       SUM(tr_total)::FLOAT / SUM(SUM(tr_total)) OVER () AS share
FROM atomic.events
WHERE event = 'transaction'
GROUP BY 1
ORDER BY 1
