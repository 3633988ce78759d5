-- expect: equivalent
-- model: fixture: a translator exception is reported as TRANSLATOR_CRASH.
SELECT 1 AS one
