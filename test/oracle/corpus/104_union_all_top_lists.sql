-- dialect: redshift
-- expect: equivalent
-- model: one report of the top 5 pages and the top 5 referrer sources, each from an ordered, limited derived table.
-- checks: ORDER BY + LIMIT inside derived tables (total orders), UNION ALL, outer ORDER BY over the union.
SELECT * FROM (
  SELECT 'page' AS kind, page_urlpath AS item, COUNT(*) AS n
  FROM atomic.events WHERE event = 'page_view'
  GROUP BY page_urlpath ORDER BY n DESC, item LIMIT 5
) p
UNION ALL
SELECT * FROM (
  SELECT 'referrer' AS kind, refr_source AS item, COUNT(*) AS n
  FROM atomic.events WHERE refr_source IS NOT NULL
  GROUP BY refr_source ORDER BY n DESC, item LIMIT 5
) r
ORDER BY kind, n DESC, item
