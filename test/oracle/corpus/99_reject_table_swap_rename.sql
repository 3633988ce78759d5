-- dialect: redshift
-- expect: reject
-- reason: ALTER TABLE ... RENAME is catalogue DDL (the web model's commit swap); it computes no rows, so there is no DataFrame to produce.
-- model: the web model commit: swap the freshly built page views table into place.
-- checks: DDL must be refused rather than translated to nothing.
ALTER TABLE web.page_views_tmp RENAME TO page_views
