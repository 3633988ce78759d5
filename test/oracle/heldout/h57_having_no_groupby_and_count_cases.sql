-- dialect: redshift
-- expect: equivalent
-- model: campaign reporting: clicks per campaign and medium, keeping campaigns with at least two mediums, and sum of a CASE without ELSE (NULL where no match).
-- checks: HAVING count(distinct …) > 1 with a GROUP BY on a nullable column, sum(case … then 1 end) is NULL for no matches, coalesce of it.
select mkt_campaign,
       count(distinct mkt_medium) as mediums,
       sum(case when mkt_medium = 'email' then 1 end) as email_hits,
       coalesce(sum(case when mkt_medium = 'cpc' then 1 end), 0) as cpc_hits
from atomic.events
where mkt_campaign is not null
group by mkt_campaign
having count(distinct mkt_medium) > 1
