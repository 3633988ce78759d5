-- expect: equivalent
-- writes: derived.app_counts create
-- model: fixture: CTAS judged on its SELECT, written to the right table.
CREATE TABLE derived.app_counts AS
SELECT app_id, COUNT(*) AS n FROM atomic.events GROUP BY app_id;
