-- dialect: redshift
-- expect: equivalent
-- model: daily active users (distinct domain_userid per collector day) and events per day.
-- checks: ::date cast of a timestamp as a grouping key, COUNT(DISTINCT) ignoring NULL users, ORDER BY a date.
SELECT collector_tstamp::date AS event_date,
       COUNT(DISTINCT domain_userid) AS dau,
       COUNT(*) AS events
FROM atomic.events
GROUP BY 1
ORDER BY 1
