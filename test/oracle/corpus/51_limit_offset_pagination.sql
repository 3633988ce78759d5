-- dialect: redshift
-- expect: equivalent
-- model: the second page (rows 11-20) of the most-viewed pages report.
-- checks: LIMIT with OFFSET after a total ORDER BY (count DESC, then path).
SELECT page_urlpath, COUNT(*) AS views
FROM atomic.events
WHERE event = 'page_view'
GROUP BY page_urlpath
ORDER BY views DESC, page_urlpath
LIMIT 10 OFFSET 5
