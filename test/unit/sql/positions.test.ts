// The one line/column ↔ offset conversion (src/core/sql/positions.ts) that the runner, the Results
// panel, the Athena engine and the translate command all use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, lineColumnIn, lineColumnOfPosition, offsetOfLineColumn } from '../../../src/core/sql/positions';

test('offsetOfLineColumn: 1-based line:column of a server message → 1-based position in the statement', () => {
  const sql = 'select a\nfrm t\r\nwhere x';
  assert.equal(offsetOfLineColumn(sql, 1, 1), 1);
  assert.equal(sql[offsetOfLineColumn(sql, 2, 1)! - 1], 'f');
  assert.equal(sql[offsetOfLineColumn(sql, 3, 3)! - 1], 'e');
  assert.equal(offsetOfLineColumn(sql, 4, 1), undefined, 'no such line');
  assert.equal(offsetOfLineColumn(sql, 3, 99), undefined, 'past the end of the text');
  assert.equal(offsetOfLineColumn(sql, 0, 1), undefined);
});

test('lineColumnOfPosition is the inverse within a statement, and clamps outside it', () => {
  const sql = 'select a\nfrm t\r\nwhere x';
  for (let p = 1; p <= sql.length; p++) {
    if (sql[p - 1] === '\r' || sql[p - 1] === '\n') continue;
    const { line, column } = lineColumnOfPosition(sql, p);
    assert.equal(offsetOfLineColumn(sql, line, column), p, `position ${p}`);
  }
  assert.deepEqual(lineColumnOfPosition(sql, 0), { line: 1, column: 1 });
  assert.deepEqual(lineColumnOfPosition(sql, 1000), { line: 3, column: 8 });
});

test('LineIndex.lineStart and lineColumnIn', () => {
  const lines = new LineIndex('a\nbc\n');
  assert.deepEqual([lines.lineStart(0), lines.lineStart(1), lines.lineStart(2), lines.lineStart(3)], [0, 2, 5, undefined]);
  assert.deepEqual(lineColumnIn("line 3:14: mismatched input 'frm'"), { line: 3, column: 14 });
  assert.equal(lineColumnIn('no position here'), undefined);
});
