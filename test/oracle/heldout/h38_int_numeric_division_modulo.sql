-- dialect: redshift
-- expect: equivalent
-- model: integer division, numeric division and modulo with negative operands on session indexes.
-- checks: smallint / int truncates toward zero, negative % follows the dividend's sign, decimal / int.
select domain_sessionidx,
       domain_sessionidx / 2 as half_int,
       (0 - domain_sessionidx) / 3 as neg_third,
       (0 - domain_sessionidx) % 3 as neg_mod,
       domain_sessionidx % -4 as mod_neg_divisor,
       mod(domain_sessionidx, 3) as mod3,
       domain_sessionidx::decimal(10,2) / 4 as quarter
from atomic.events
where domain_sessionidx is not null
group by domain_sessionidx
order by domain_sessionidx
