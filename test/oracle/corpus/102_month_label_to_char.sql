-- dialect: redshift
-- expect: equivalent
-- model: report labels: day label and hour label as text, per app.
-- checks: TO_CHAR with 'YYYY-MM-DD' and 'YYYY-MM-DD HH24:00' formats, grouping by the formatted text.
SELECT TO_CHAR(collector_tstamp, 'YYYY-MM-DD') AS day_label,
       TO_CHAR(DATE_TRUNC('hour', collector_tstamp), 'YYYY-MM-DD HH24:00') AS hour_label,
       app_id,
       COUNT(*) AS events
FROM atomic.events
WHERE collector_tstamp < '2024-03-02'
GROUP BY 1, 2, 3
