-- dialect: redshift
-- expect: equivalent
-- model: page views whose title mentions shoes in any case, or whose path is a product page matched with SIMILAR TO.
-- checks: ILIKE with a leading wildcard, SIMILAR TO with alternation, NOT ILIKE, NULL titles never match.
select page_urlpath, page_title, count(*) as views
from atomic.events
where event = 'page_view'
  and (page_title ilike '%SHOES%' or page_urlpath similar to '/products/(hats|cafe-mug)')
  and page_urlpath not ilike '%RUNNER%'
group by page_urlpath, page_title
