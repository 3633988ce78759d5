-- dialect: redshift
-- expect: equivalent
-- model: page views per geo_country / geo_city with a count and the latest view time (the Spark tutorial's pageview_geo_summary).
-- checks: GROUP BY over nullable columns keeps the NULL group; MAX over timestamps; COUNT(*) vs filter on event.
SELECT geo_country,
       geo_city,
       COUNT(*) AS page_views,
       MAX(collector_tstamp) AS last_seen
FROM atomic.events
WHERE event = 'page_view'
GROUP BY geo_country, geo_city
