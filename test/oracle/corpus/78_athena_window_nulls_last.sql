-- dialect: athena
-- expect: equivalent
-- model: Athena: the most recent purchase per country, with NULL countries sorted last.
-- checks: row_number() with DESC ordering, "double-quoted" identifiers, ORDER BY ... NULLS LAST.
SELECT "geo_country", "tr_orderid", "tr_total", "collector_tstamp"
FROM (
  SELECT geo_country, tr_orderid, tr_total, collector_tstamp,
         row_number() OVER (PARTITION BY geo_country ORDER BY collector_tstamp DESC, tr_orderid DESC) AS rn
  FROM atomic.events
  WHERE event = 'transaction'
) t
WHERE rn = 1
ORDER BY geo_country NULLS LAST
