-- expect: equivalent
-- model: fixture: a reference query that PostgreSQL rejects is a corpus bug (ORACLE_ERROR).
SELECT no_such_column FROM atomic.events
