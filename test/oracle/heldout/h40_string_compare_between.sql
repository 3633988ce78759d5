-- dialect: redshift
-- expect: equivalent
-- model: page paths in an alphabetical range and case-sensitive comparisons of titles.
-- checks: string BETWEEN, < on strings (binary order), upper/lower in comparisons.
select page_urlpath, count(*) as n,
       max(case when page_title > 'M' then 1 else 0 end) as title_after_m
from atomic.events
where page_urlpath between '/b' and '/d'
   or lower(page_title) < 'c'
group by page_urlpath
