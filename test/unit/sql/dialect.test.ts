// splitOptionsFor decides, for every caller (engines, Run and DataFrame lenses, SQL language
// features), whether a backslash escapes inside '…': only Redshift reads it so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitOptionsFor } from '../../../src/core/sql/dialect';
import { splitStatements } from '../../../src/core/sql/split';

test("only Redshift reads `'a\\'; select 2; -- '` as one string", () => {
  const sql = "select 'a\\'; select 2; -- '";
  assert.equal(splitStatements(sql, splitOptionsFor('redshift')).length, 1);
  for (const kind of ['local', 'duckdb', 'postgres', 'athena'] as const) {
    assert.deepEqual(splitOptionsFor(kind), { backslashEscapes: false }, kind);
    assert.equal(splitStatements(sql, splitOptionsFor(kind)).length, 2, kind);
  }
});
