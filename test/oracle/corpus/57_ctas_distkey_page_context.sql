-- dialect: redshift
-- expect: equivalent
-- writes: scratch.web_page_context create
-- model: the web model's scratch.web_page_context step: deduplicate (root id, page view id) pairs and exclude root ids with more than one page view id.
-- checks: Redshift CTAS with DISTKEY/SORTKEY (physical only) and a parenthesised body; GROUP BY 1,2; NOT IN (subquery with GROUP BY/HAVING).
CREATE TABLE scratch.web_page_context
  DISTKEY(page_view_id)
  SORTKEY(page_view_id)
AS (
  -- deduplicate in 2 steps
  WITH prep AS (
    SELECT event_id AS root_id,
           domain_sessionid || ':' || page_urlpath AS page_view_id
    FROM atomic.events
    WHERE event = 'page_view' AND domain_sessionid IS NOT NULL
    GROUP BY 1, 2
  )
  SELECT * FROM prep WHERE root_id NOT IN (SELECT root_id FROM prep GROUP BY 1 HAVING COUNT(*) > 1)
);
