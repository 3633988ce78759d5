-- dialect: athena
-- expect: equivalent
-- model: Athena query for product pages viewed within a 2-hour window after midnight each day, with path parts.
-- checks: substr/strpos/split_part/lower/length (LIKE '/products/%' guarantees a third '/'-field, so Athena's NULL past the last field and PostgreSQL's '' never differ here), CAST AS varchar, INTERVAL '2' HOUR (SQL-standard interval), date_trunc('day').
SELECT split_part(page_urlpath, '/', 3) AS product,
       lower(substr(page_urlpath, 2, 8)) AS section,
       strpos(page_urlpath, 'shoes') AS shoes_pos,
       CAST(length(page_urlpath) AS varchar) AS path_len,
       count(*) AS views
FROM atomic.events
WHERE event = 'page_view'
  AND page_urlpath LIKE '/products/%'
  AND collector_tstamp < date_trunc('day', collector_tstamp) + INTERVAL '2' HOUR
GROUP BY 1, 2, 3, 4
