-- dialect: redshift
-- expect: equivalent
-- model: e-commerce funnel by session: sessions that viewed a product page, added to cart, and purchased, per app.
-- checks: MAX(CASE ...) flags per session in a CTE, then SUM of flags; LIKE prefix match; struct-event columns.
WITH session_steps AS (
  SELECT app_id,
         domain_sessionid,
         MAX(CASE WHEN event = 'page_view' AND page_urlpath LIKE '/products/%' THEN 1 ELSE 0 END) AS viewed_product,
         MAX(CASE WHEN event = 'struct' AND se_category = 'cart' AND se_action = 'add' THEN 1 ELSE 0 END) AS added_to_cart,
         MAX(CASE WHEN event = 'transaction' THEN 1 ELSE 0 END) AS purchased
  FROM atomic.events
  GROUP BY app_id, domain_sessionid
)
SELECT app_id,
       COUNT(*) AS sessions,
       SUM(viewed_product) AS step1_viewed,
       SUM(CASE WHEN viewed_product = 1 AND added_to_cart = 1 THEN 1 ELSE 0 END) AS step2_cart,
       SUM(CASE WHEN viewed_product = 1 AND added_to_cart = 1 AND purchased = 1 THEN 1 ELSE 0 END) AS step3_purchase
FROM session_steps
GROUP BY app_id
ORDER BY app_id
