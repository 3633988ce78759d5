-- dialect: postgres
-- expect: equivalent
-- model: PostgreSQL: product detail page views matched with a regular expression, with :: casts and date_part.
-- checks: ~ (regex match) and !~, ::text, ::int, date_part('dow', ...), ILIKE.
SELECT page_urlpath,
       date_part('dow', collector_tstamp)::int AS dow,
       domain_sessionidx::text AS idx,
       count(*) AS views
FROM atomic.events
WHERE page_urlpath ~ '^/products/[a-z]+(/[a-z0-9-]+)?$'
  AND page_urlpath !~ 'mug'
  AND page_title ILIKE '%s%'
GROUP BY 1, 2, 3
