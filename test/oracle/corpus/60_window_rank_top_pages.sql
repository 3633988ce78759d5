-- dialect: redshift
-- expect: equivalent
-- model: top 3 pages per country by views, with ties sharing a rank.
-- checks: RANK and DENSE_RANK over an aggregate in a derived table, filter on rank <= 3.
SELECT geo_country, page_urlpath, views, rnk, drnk
FROM (
  SELECT geo_country, page_urlpath, COUNT(*) AS views,
         RANK() OVER (PARTITION BY geo_country ORDER BY COUNT(*) DESC) AS rnk,
         DENSE_RANK() OVER (PARTITION BY geo_country ORDER BY COUNT(*) DESC) AS drnk
  FROM atomic.events
  WHERE event = 'page_view'
  GROUP BY geo_country, page_urlpath
) t
WHERE rnk <= 3
