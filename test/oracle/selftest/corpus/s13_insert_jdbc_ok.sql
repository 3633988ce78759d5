-- expect: equivalent
-- writes: derived.app_counts append
-- write_mode: jdbc
-- model: fixture: INSERT written through JDBC with mode append passes; connection settings come from the environment.
INSERT INTO derived.app_counts SELECT app_id, COUNT(*) AS n FROM atomic.events GROUP BY app_id
