-- Page views per country and city: how many, and the latest one seen.
-- The SQL version of the Spark tutorial model (spark.table("atomic.events") → filter → groupBy → agg).
-- Runs on the local sample (Local (DuckDB)) and on Redshift.

-- Quick look: the plain SELECT.
SELECT
  geo_country,
  geo_city,
  COUNT(*) AS page_views,
  MAX(collector_tstamp) AS last_page_view
FROM atomic.events
WHERE event = 'page_view'
GROUP BY geo_country, geo_city
ORDER BY page_views DESC, geo_country, geo_city;

-- The model as a table, Redshift style: CREATE TABLE … AS SELECT … GROUP BY.
CREATE SCHEMA IF NOT EXISTS derived;

DROP TABLE IF EXISTS derived.pageview_geo_summary;

CREATE TABLE derived.pageview_geo_summary AS
SELECT
  geo_country,
  geo_city,
  COUNT(*) AS page_views,
  MAX(collector_tstamp) AS last_page_view
FROM atomic.events
WHERE event = 'page_view'
GROUP BY geo_country, geo_city;

SELECT * FROM derived.pageview_geo_summary ORDER BY page_views DESC, geo_country, geo_city LIMIT 20;
