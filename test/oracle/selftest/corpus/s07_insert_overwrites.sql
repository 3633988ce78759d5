-- expect: equivalent
-- writes: derived.app_counts append
-- model: fixture: INSERT translated as an overwrite must fail (WRITE_MISMATCH) even though the rows are right.
INSERT INTO derived.app_counts (app_id, n)
SELECT app_id, COUNT(*) FROM atomic.events GROUP BY app_id
