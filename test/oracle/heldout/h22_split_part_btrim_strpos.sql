-- dialect: redshift
-- expect: equivalent
-- model: referrer host and first path segment of each page, trimmed, with the position of '/products'.
-- checks: split_part on '/' with fields 1..3, btrim of slashes, strpos, left/right of fixed sizes.
select split_part(page_url, '/', 3) as host,
       split_part(page_urlpath, '/', 2) as section,
       btrim(page_urlpath, '/') as trimmed_path,
       strpos(page_urlpath, '/products') as prod_pos,
       left(page_urlpath, 5) as head5,
       right(page_url, 4) as tail4,
       count(*) as n
from atomic.events
where page_url is not null
group by 1, 2, 3, 4, 5, 6
