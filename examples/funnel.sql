-- Shop funnel per session: product page → add to cart → checkout → order complete.
WITH steps AS (
  SELECT
    domain_sessionid,
    MAX(CASE WHEN event = 'page_view' AND page_urlpath LIKE '/products/%' THEN 1 ELSE 0 END) AS viewed_product,
    MAX(CASE WHEN event = 'struct' AND se_category = 'ecommerce' AND se_action = 'add-to-cart' THEN 1 ELSE 0 END) AS added_to_cart,
    MAX(CASE WHEN event = 'page_view' AND page_urlpath = '/checkout' THEN 1 ELSE 0 END) AS started_checkout,
    MAX(CASE WHEN event = 'transaction' THEN 1 ELSE 0 END) AS ordered
  FROM atomic.events
  WHERE domain_sessionid IS NOT NULL
  GROUP BY domain_sessionid
)
SELECT
  COUNT(*) AS sessions,
  SUM(viewed_product) AS viewed_product,
  SUM(CASE WHEN viewed_product = 1 AND added_to_cart = 1 THEN 1 ELSE 0 END) AS added_to_cart,
  SUM(CASE WHEN viewed_product = 1 AND added_to_cart = 1 AND started_checkout = 1 THEN 1 ELSE 0 END) AS started_checkout,
  SUM(CASE WHEN viewed_product = 1 AND added_to_cart = 1 AND started_checkout = 1 AND ordered = 1 THEN 1 ELSE 0 END) AS ordered
FROM steps;
