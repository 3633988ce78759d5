-- dialect: redshift
-- expect: equivalent
-- model: views of pages whose title mentions shoes or caps, case-insensitively.
-- checks: ILIKE is case-insensitive ('Men''s shoes', 'Runner 2000 – Trail shoe', 'Hats & caps'), combined with OR.
SELECT page_title, COUNT(*) AS views
FROM atomic.events
WHERE page_title ILIKE '%SHOE%' OR page_title ILIKE '%Caps'
GROUP BY page_title
