-- dialect: redshift
-- expect: equivalent
-- model: the catalogue of distinct page paths and titles seen.
-- checks: SELECT DISTINCT over two columns including NULL titles, ORDER BY with NULLS FIRST.
SELECT DISTINCT page_urlpath, page_title
FROM atomic.events
ORDER BY page_urlpath, page_title NULLS FIRST
