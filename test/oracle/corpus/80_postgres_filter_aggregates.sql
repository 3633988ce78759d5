-- dialect: postgres
-- expect: equivalent
-- model: PostgreSQL dashboard query: event mix per day with FILTER clauses.
-- checks: aggregate FILTER (WHERE ...), count(*) FILTER, sum(...) FILTER returning NULL when nothing matches, ::date.
SELECT collector_tstamp::date AS day,
       count(*) FILTER (WHERE event = 'page_view') AS page_views,
       count(DISTINCT domain_userid) FILTER (WHERE event = 'transaction') AS buyers,
       sum(tr_total) FILTER (WHERE tr_total > 100) AS big_order_revenue
FROM atomic.events
GROUP BY 1
ORDER BY 1
