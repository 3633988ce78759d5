-- expect: equivalent
-- model: fixture: spark.sql() is not a translation (CANDIDATE_ERROR).
SELECT app_id FROM atomic.events
