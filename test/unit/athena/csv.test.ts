import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { AthenaCsvParser, formatAthenaCsvRecord, type CsvField } from '../../../src/core/engines/athena/csv';

function parseAll(text: string, chunkSize = text.length || 1): CsvField[][] {
  const p = new AthenaCsvParser();
  const out: CsvField[][] = [];
  for (let i = 0; i < text.length; i += chunkSize) out.push(...p.push(text.slice(i, i + chunkSize)));
  out.push(...p.end());
  return out;
}

const hostile: CsvField[][] = [
  ['plain', '', null, 'NULL'],
  ['comma, inside', 'quote " inside', '""', 'new\nline'],
  ['crlf\r\nvalue', '  spaces  ', 'émoji 🚀 ünïcode', '\t tab'],
  [null, null, null, null],
  ['\'single\'', '"', ',', '\\'],
];

describe('Athena CSV parser', () => {
  test('round-trips Athena-formatted records, keeping NULL apart from the empty string', () => {
    const text = hostile.map(formatAthenaCsvRecord).join('');
    assert.deepEqual(parseAll(text), hostile);
  });

  test('gives the same records whatever the chunk boundaries', () => {
    const text = hostile.map(formatAthenaCsvRecord).join('').repeat(3);
    const whole = parseAll(text);
    for (const size of [1, 2, 3, 7, 64]) assert.deepEqual(parseAll(text, size), whole, `chunk size ${size}`);
  });

  test('reads NULL as an empty unquoted field and "" as the empty string', () => {
    assert.deepEqual(parseAll('"a",,""\n,"",\n'), [['a', null, ''], [null, '', null]]);
  });

  test('an empty line is a single-column NULL row; a trailing newline adds no row', () => {
    assert.deepEqual(parseAll('"_col0"\n"x"\n\n"y"\n'), [['_col0'], ['x'], [null], ['y']]);
  });

  test('accepts CRLF line ends and a missing final newline', () => {
    assert.deepEqual(parseAll('"a","b"\r\n"c",\r\n"d","e"'), [['a', 'b'], ['c', null], ['d', 'e']]);
  });

  test('reports ragged records at their real width', () => {
    assert.deepEqual(parseAll('"a","b"\n"c"\n"d","e","f"\n'), [['a', 'b'], ['c'], ['d', 'e', 'f']]);
    assert.deepEqual(parseAll('"a","b"\n"c"\n"d","e","f"\n', 1), [['a', 'b'], ['c'], ['d', 'e', 'f']]);
  });

  test('reports an unterminated quoted field instead of dropping it', () => {
    const p = new AthenaCsvParser();
    assert.deepEqual(p.push('"a","b\nc'), []);
    assert.throws(() => p.end(), /unterminated quoted field/);
    assert.throws(() => new AthenaCsvParser().push('"a"x,"b"\n'), /record 1: unexpected character/);
  });
});
