-- dialect: redshift
-- expect: equivalent
-- model: content-group classification of pages by URL path patterns, and titles containing a literal percent sign.
-- checks: LIKE with % and _ wildcards, NOT LIKE, LIKE ... ESCAPE with a literal '%'.
SELECT page_urlpath,
       CASE WHEN page_urlpath LIKE '/products/%/%' THEN 'product_detail'
            WHEN page_urlpath LIKE '/products%' THEN 'catalogue'
            WHEN page_urlpath LIKE '/blog/_%' THEN 'article'
            ELSE 'other' END AS content_group,
       page_title LIKE '%50!%%' ESCAPE '!' AS has_percent,
       COUNT(*) AS views
FROM atomic.events
WHERE event = 'page_view' AND page_urlpath NOT LIKE '/checkout%'
GROUP BY 1, 2, 3
