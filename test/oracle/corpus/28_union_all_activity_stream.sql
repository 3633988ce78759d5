-- dialect: redshift
-- expect: equivalent
-- model: one activity stream from page views and transactions with a typed label and a value column.
-- checks: UNION ALL keeps duplicates, column types aligned by position (NULL decimal in one branch), literal labels.
SELECT domain_userid, collector_tstamp, 'view' AS activity, page_urlpath AS detail, CAST(NULL AS DECIMAL(18,2)) AS amount
FROM atomic.events
WHERE event = 'page_view' AND geo_country = 'NL'
UNION ALL
SELECT domain_userid, collector_tstamp, 'purchase' AS activity, tr_orderid AS detail, tr_total AS amount
FROM atomic.events
WHERE event = 'transaction'
