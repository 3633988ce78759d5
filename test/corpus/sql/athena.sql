-- Malformed athena SQL for the bad-input corpus (test/unit/corpus/corpus.test.ts). One case per
-- block; blocks are separated by a line holding only `-- ----`.
-- ----
SELEC 1
-- ----
SELECT FROM
-- ----
SELECT * FROM
-- ----
SELECT 1 +
-- ----
SELECT (1
-- ----
SELECT 1)
-- ----
SELECT 'unterminated
-- ----
SELECT "unterminated
-- ----
SELECT * FROM t WHERE
-- ----
SELECT * FROM t GROUP
-- ----
SELECT * FROM t ORDER BY
-- ----
SELECT a, FROM t
-- ----
SELECT ,a FROM t
-- ----
SELECT * FROM t t2 t3
-- ----
SELECT * FROM (SELECT 1
-- ----
INSERT INTO
-- ----
INSERT INTO t VALUES (
-- ----
UPDATE SET a = 1
-- ----
DELETE t
-- ----
CREATE TABLE (a int)
-- ----
CREATE TABLE t (a int,)
-- ----
SELECT CASE WHEN 1 THEN 2
-- ----
SELECT CAST(1 AS)
-- ----
SELECT 1 UNION
-- ----
WITH x AS (SELECT 1) 
-- ----
SELECT * FROM t JOIN
-- ----
SELECT * FROM t JOIN u ON
-- ----
SELECT count(*) FILTER (WHERE) FROM t
-- ----
SELECT 1 /* unterminated comment
-- ----
SELECT $$unterminated
-- ----
SELECT 'é🚀' ||| 'x'
-- ----
SELECT ‮'bidi' FROM
-- ----
SELECT * FROM t WHERE a = 'x' AND
-- ----
SELECT * FROM t LIMIT
-- ----
SELECT * FROM t LIMIT 'x' OFFSET
-- ----
SELECT * FROM UNNEST(
-- ----
SELECT date_add('day', 1
-- ----
SELECT * FROM t TABLESAMPLE
-- ----
SELECT CAST(a AS ARRAY<)
-- ----
SELECT ROW(1, 2
-- ----
SELECT * FROM t CROSS JOIN UNNEST
-- ----
SELECT transform(a, x ->) FROM t
-- ----
SELECT approx_percentile(a,
-- ----
SELECT * FROM t WHERE regexp_like(a,
-- ----
SELECT json_extract(a, FROM t
