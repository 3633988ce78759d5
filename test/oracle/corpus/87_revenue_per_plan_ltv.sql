-- dialect: redshift
-- expect: equivalent
-- model: revenue in the period vs stored lifetime value per plan, joining a per-user revenue aggregate to the dimension.
-- checks: join of an aggregated derived table to a table, SUM of decimals, AVG of a decimal cast to FLOAT (Redshift keeps the input scale for AVG(DECIMAL)), NULL plan group, AVG ignoring NULL lifetime values.
SELECT u.plan,
       COUNT(*) AS buyers,
       SUM(r.revenue) AS revenue,
       AVG(u.lifetime_value::FLOAT) AS avg_ltv
FROM (
  SELECT domain_userid, SUM(tr_total) AS revenue
  FROM atomic.events
  WHERE event = 'transaction'
  GROUP BY domain_userid
) r
JOIN derived.users u ON u.domain_userid = r.domain_userid
GROUP BY u.plan
