-- dialect: redshift
-- expect: equivalent
-- model: per day, users who viewed, users who added to cart and users who bought (user-level funnel), plus a custom sort of channels.
-- checks: COUNT(DISTINCT CASE WHEN ... THEN id END) ignores the NULL from the missing ELSE.
SELECT collector_tstamp::date AS day,
       COUNT(DISTINCT CASE WHEN event = 'page_view' THEN domain_userid END) AS viewers,
       COUNT(DISTINCT CASE WHEN se_category = 'cart' AND se_action = 'add' THEN domain_userid END) AS carters,
       COUNT(DISTINCT CASE WHEN event = 'transaction' THEN domain_userid END) AS buyers
FROM atomic.events
GROUP BY 1
ORDER BY 1
