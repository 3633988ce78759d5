-- dialect: redshift
-- expect: equivalent
-- writes: derived.sessions append
-- model: append session rows to derived.sessions with an explicit column list.
-- checks: INSERT INTO t (cols) SELECT ... with computed columns; the SELECT part is judged.
INSERT INTO derived.sessions (session_id, domain_userid, session_start, session_end, page_views)
SELECT domain_sessionid,
       MAX(domain_userid),
       MIN(collector_tstamp),
       MAX(collector_tstamp),
       COUNT(CASE WHEN event = 'page_view' THEN 1 END)
FROM atomic.events
WHERE domain_sessionid IS NOT NULL
GROUP BY domain_sessionid
