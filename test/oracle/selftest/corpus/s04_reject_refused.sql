-- expect: reject
-- reason: f_secret is an unknown UDF.
-- model: fixture: refusing a reject query passes.
SELECT f_secret(app_id) FROM atomic.events
