-- dialect: redshift
-- expect: equivalent
-- model: title length statistics per page, with missing titles treated as empty.
-- checks: len(), nvl() with a string default, nvl2(), min/max of lengths.
select page_urlpath,
       max(len(nvl(page_title, ''))) as max_title_len,
       min(len(nvl(page_title, ''))) as min_title_len,
       sum(nvl2(page_title, 0, 1)) as missing_titles
from atomic.events
group by page_urlpath
