-- Revenue per day in the base currency (USD), from transaction events.
SELECT
  CAST(derived_tstamp AS DATE) AS day,
  COUNT(DISTINCT tr_orderid) AS orders,
  SUM(tr_total_base) AS revenue_usd,
  ROUND(AVG(tr_total_base), 2) AS average_order_usd
FROM atomic.events
WHERE event = 'transaction'
GROUP BY CAST(derived_tstamp AS DATE)
ORDER BY day;

-- Revenue by country and original currency.
SELECT
  tr_country,
  tr_currency,
  COUNT(*) AS orders,
  SUM(tr_total) AS revenue_local,
  SUM(tr_total_base) AS revenue_usd
FROM atomic.events
WHERE event = 'transaction'
GROUP BY tr_country, tr_currency
ORDER BY revenue_usd DESC;

-- Best-selling products, from transaction items.
SELECT
  ti_sku,
  ti_name,
  ti_category,
  SUM(ti_quantity) AS units,
  SUM(ti_price * ti_quantity) AS revenue_local
FROM atomic.events
WHERE event = 'transaction_item'
GROUP BY ti_sku, ti_name, ti_category
ORDER BY units DESC, ti_sku
LIMIT 10;
