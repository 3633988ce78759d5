-- dialect: athena
-- expect: equivalent
-- model: Athena (Trino) daily users and sessions since a cut-off, using TIMESTAMP literals and date().
-- checks: TIMESTAMP '...' literal, date(ts) function, count(DISTINCT ...), GROUP BY 1 / ORDER BY 1.
SELECT date(collector_tstamp) AS event_date,
       count(DISTINCT domain_userid) AS users,
       count(DISTINCT domain_sessionid) AS sessions
FROM atomic.events
WHERE collector_tstamp >= TIMESTAMP '2024-03-02 00:00:00'
GROUP BY 1
ORDER BY 1
