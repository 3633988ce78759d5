// Which statements make completion read the connection's catalog again after they ran.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changesCatalog } from '../../../src/core/sql/catalogChange';

test('DDL changes the catalog, whatever comments come first', () => {
  for (const sql of [
    'CREATE TABLE t (a int)',
    '-- make it\nCREATE VIEW v AS SELECT 1',
    '/* x */ drop table t',
    'ALTER TABLE t ADD COLUMN b int',
    'COMMENT ON TABLE t IS $$x$$',
  ])
    assert.equal(changesCatalog(sql), true, sql);
});

test('queries and DML do not, even when DDL words appear in strings or comments', () => {
  for (const sql of [
    'SELECT 1',
    "SELECT 'create table x'",
    'INSERT INTO t VALUES (1)',
    '-- drop table t\nSELECT 2',
    'WITH c AS (SELECT 1) SELECT * FROM c',
    '',
  ])
    assert.equal(changesCatalog(sql), false, sql);
});
