-- dialect: redshift
-- expect: equivalent
-- model: events per referrer host bucket, grouping by an output alias.
-- checks: GROUP BY a select-list alias of a CASE expression (Redshift and PostgreSQL resolve it).
SELECT CASE WHEN page_referrer LIKE 'https://shop.example.com%' THEN 'internal'
            WHEN page_referrer IS NULL THEN 'direct'
            ELSE 'external' END AS referrer_bucket,
       COUNT(*) AS events
FROM atomic.events
GROUP BY referrer_bucket
