import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTsv, tsvField } from '../../../src/core/results/tsv';

/** A minimal spreadsheet-style TSV reader (quoted fields may hold tabs, newlines, "" quotes). */
function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
      continue;
    }
    if (ch === '\t') {
      row.push(field);
      field = '';
      i++;
      continue;
    }
    if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
      continue;
    }
    field += ch;
    i++;
  }
  row.push(field);
  rows.push(row);
  return rows;
}

describe('TSV copy', () => {
  test('tabs, newlines and quotes survive a spreadsheet-style round trip', () => {
    const values = ['plain', 'a\tb', 'line1\nline2', 'cr\r\nlf', 'say "hi"', '"', '', 'ünïcødé 🚀', '<script>alert(1)</script>'];
    const text = formatTsv({ header: ['col\tname', 'n'], rows: values.map((v, i) => [v, i]) });
    const parsed = parseTsv(text);
    assert.deepEqual(parsed[0], ['col\tname', 'n']);
    assert.deepEqual(
      parsed.slice(1).map((r) => r[0]),
      values,
    );
    assert.deepEqual(
      parsed.slice(1).map((r) => r[1]),
      values.map((_, i) => String(i)),
    );
  });

  test('NULL is an empty field; numbers and booleans as text', () => {
    assert.equal(formatTsv({ rows: [[null, 1.5, true, 'x']] }), '\t1.5\ttrue\tx');
    assert.equal(tsvField('no quoting needed'), 'no quoting needed');
  });
});
