import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isReadOnlyStatement } from '../../../src/core/sql/readOnly';

test('plain reads are read-only, whatever strings and comments say', () => {
  for (const sql of [
    'select * from atomic.events',
    '  -- insert into x\n SELECT 1',
    "with s as (select 'delete from t' as note) select * from s",
    'values (1), (2)',
    'select "update" from t /* drop table t */',
    'explain select 1',
  ])
    assert.equal(isReadOnlyStatement(sql), true, sql);
});

test('anything that may change data is not', () => {
  for (const sql of [
    'insert into t select 1 returning *',
    'with d as (delete from t returning *) select * from d',
    'select * into new_table from t',
    'explain analyze delete from t',
    'update t set a = 1 returning a',
    "select nextval('s') from generate_series(1, 10)",
    "unload ('select 1') to 's3://b/p'",
    'create table t as select 1',
    '',
  ])
    assert.equal(isReadOnlyStatement(sql), false, sql);
});
