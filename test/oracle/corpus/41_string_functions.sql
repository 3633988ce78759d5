-- dialect: redshift
-- expect: equivalent
-- model: URL hygiene: lower/upper, substring, position of the query string, query-less URL, path depth part, trimmed title, replace.
-- checks: SUBSTRING(s, pos, len), POSITION(x IN s) returning 0, SPLIT_PART, LEFT/RIGHT, REPLACE, TRIM, LENGTH, UPPER/LOWER; NULL titles propagate.
SELECT DISTINCT
       page_url,
       LOWER(page_title) AS title_lower,
       UPPER(SUBSTRING(page_urlpath, 2, 4)) AS section4,
       POSITION('?' IN page_url) AS qs_pos,
       SPLIT_PART(page_urlpath, '/', 2) AS first_segment,
       LEFT(page_url, 8) AS scheme_part,
       RIGHT(page_urlpath, 5) AS tail,
       REPLACE(page_url, 'https://shop.example.com', '') AS relative_url,
       TRIM(page_title) AS title_trimmed,
       LENGTH(page_urlpath) AS path_len
FROM atomic.events
WHERE event = 'page_view'
