-- dialect: redshift
-- expect: reject
-- reason: analytics.f_is_bot is a user-defined function (schema-qualified) used in a filter inside a CTE; its semantics are unknown, so the whole query cannot be translated faithfully.
-- model: bot-filtered page views per day, the bot filter being a UDF deep inside a CTE chain.
-- checks: the refusal must point at the UDF call inside the CTE, not at the start of the file.
WITH base AS (
  SELECT event_id, collector_tstamp, page_urlpath
  FROM atomic.events
  WHERE event = 'page_view'
),
clean AS (
  SELECT * FROM base
  WHERE NOT analytics.f_is_bot(page_urlpath)
)
SELECT collector_tstamp::date AS day, COUNT(*) AS views
FROM clean
GROUP BY 1
