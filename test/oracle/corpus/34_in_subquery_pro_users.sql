-- dialect: redshift
-- expect: equivalent
-- model: page views by page for users on the pro plan.
-- checks: IN (subquery) as a semi-join: no row duplication even if the subquery repeats keys.
SELECT page_urlpath, COUNT(*) AS views
FROM atomic.events
WHERE event = 'page_view'
  AND domain_userid IN (SELECT domain_userid FROM derived.users WHERE plan = 'pro')
GROUP BY page_urlpath
ORDER BY views DESC, page_urlpath
