-- dialect: redshift
-- expect: equivalent
-- model: revenue per order for orders above the average order value, with inline comments and odd spacing.
-- checks: comments inside the query, scalar subquery with avg() in WHERE, decimal comparisons.
select   tr_orderid ,
	tr_total   -- order value
	, geo_country
from atomic.events
where event   =   'transaction'
  /* only above-average orders */
  and tr_total > ( select avg(tr_total) from atomic.events where event = 'transaction' )
