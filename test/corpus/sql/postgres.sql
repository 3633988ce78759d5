-- Malformed postgres SQL for the bad-input corpus (test/unit/corpus/corpus.test.ts). One case per
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
SELECT 1::
-- ----
SELECT ARRAY[1, 2
-- ----
SELECT * FROM t FOR UPDATE OF
-- ----
SELECT E'\x
-- ----
SELECT $1 +
-- ----
CREATE FUNCTION f() RETURNS AS $$ $$
-- ----
SELECT * FROM generate_series(1,
-- ----
VACUUM (
-- ----
SELECT 1 WINDOW
-- ----
SELECT row_number() OVER (
