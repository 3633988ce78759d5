-- dialect: redshift
-- expect: reject
-- reason: UPDATE changes rows in place; there is no DataFrame write that updates rows of an existing table.
-- model: mark users as internal when they hit the admin pages.
-- checks: UPDATE must be refused.
UPDATE derived.users
SET is_internal = TRUE
WHERE domain_userid IN (SELECT domain_userid FROM atomic.events WHERE page_urlpath = '/account')
