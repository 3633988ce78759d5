-- expect: equivalent
-- model: page views per country (fixture: a correct translation must pass).
SELECT geo_country, COUNT(*) AS views FROM atomic.events WHERE event = 'page_view' GROUP BY geo_country
