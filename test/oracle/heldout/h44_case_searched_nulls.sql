-- dialect: redshift
-- expect: equivalent
-- model: traffic source classification with CASE over NULLs, comparisons against NULL and coalesce in conditions.
-- checks: CASE branches on IS NULL / = '' / IN, no ELSE (NULL), coalesce in a WHERE condition, count of a CASE without ELSE.
select case when refr_medium is null then 'direct'
            when refr_medium in ('search', 'social') then refr_medium
            when refr_medium = 'internal' then null end as src,
       count(*) as n,
       count(case when mkt_campaign is not null then 1 end) as campaign_hits
from atomic.events
where coalesce(dvce_type, 'Unknown') <> 'Tablet'
group by 1
