-- dialect: redshift
-- expect: equivalent
-- model: the 10 landing pages with the most sessions that started on a first visit (domain_sessionidx = 1, written against a string literal).
-- checks: smallint compared with a quoted literal ('1'), ORDER BY an aggregate expression that is not selected under its own name, LIMIT.
SELECT page_urlpath, COUNT(DISTINCT domain_sessionid) AS first_visit_sessions
FROM atomic.events
WHERE domain_sessionidx = '1' AND event = 'page_view'
GROUP BY page_urlpath
ORDER BY COUNT(DISTINCT domain_sessionid) DESC, page_urlpath
LIMIT 10
