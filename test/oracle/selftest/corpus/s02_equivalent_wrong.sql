-- expect: equivalent
-- model: page views per country (fixture: the translation forgets the filter and must fail as DIFFERENT).
SELECT geo_country, COUNT(*) AS views FROM atomic.events WHERE event = 'page_view' GROUP BY geo_country
