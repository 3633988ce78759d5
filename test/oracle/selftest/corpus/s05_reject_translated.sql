-- expect: reject
-- reason: f_secret is an unknown UDF.
-- model: fixture: translating a reject query fails as SHOULD_REJECT.
SELECT f_secret(app_id) FROM atomic.events
