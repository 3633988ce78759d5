// The block reader must give exactly what the eager parser (csv.test.ts) gives, value for value,
// wherever the stream is cut: both run on the same bytes here.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { AthenaCsvParser, formatAthenaCsvRecord, type CsvField } from '../../../src/core/engines/csv/csv';
import { AthenaCsvBlockReader, type CsvRowBlock } from '../../../src/core/engines/csv/csvBlocks';
import { athenaColumns, converterFor, fieldKindFor } from '../../../src/core/engines/athena/types';
import type { CellValue } from '../../../src/core/engines/engine';
import { random } from '../../support/random';

const columns = athenaColumns([
  { Type: 'bigint' },
  { Type: 'varchar' },
  { Type: 'double' },
  { Type: 'boolean' },
  { Type: 'decimal', Precision: 10, Scale: 2 },
  { Type: 'timestamp' },
]);
const converters = columns.map(converterFor);
const kinds = columns.map(fieldKindFor);
const convert = (c: number, t: CsvField): CellValue => (c < converters.length ? converters[c](t) : t);

function eager(bytes: Uint8Array, cuts: number[]): CellValue[][] {
  const parser = new AthenaCsvParser<CellValue>(convert, kinds);
  const out: CellValue[][] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    parser.push(bytes.subarray(at, cut), out);
    at = cut;
  }
  parser.end(out);
  return out;
}

/** Reads with the SIMD scanner and with the JS one alone: both must give the same blocks. */
function viaBlocks(
  bytes: Uint8Array,
  cuts: number[],
  pageSize: number,
  header = false,
): { rows: CellValue[][]; blocks: CsvRowBlock[]; reader: AthenaCsvBlockReader } {
  const simd = readBlocks(bytes, cuts, pageSize, header, 'simd');
  const js = readBlocks(bytes, cuts, pageSize, header, 'js');
  assert.deepEqual(
    simd.blocks.map((b) => b.length),
    js.blocks.map((b) => b.length),
    'the same block sizes with either scanner',
  );
  assertSame(simd.rows, js.rows, 'SIMD scanner vs JS scanner');
  assert.deepEqual(simd.reader.header, js.reader.header);
  return simd;
}

function readBlocks(
  bytes: Uint8Array,
  cuts: number[],
  pageSize: number,
  header: boolean,
  scanner: 'simd' | 'js',
): { rows: CellValue[][]; blocks: CsvRowBlock[]; reader: AthenaCsvBlockReader } {
  const reader = new AthenaCsvBlockReader(convert, kinds, { pageSize, header, scanner });
  const blocks: CsvRowBlock[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    blocks.push(...reader.push(bytes.subarray(at, cut)));
    at = cut;
  }
  blocks.push(...reader.end());
  const rows: CellValue[][] = [];
  for (const b of blocks) {
    for (let i = 0; i < b.length; i++) {
      const row = b.row(i);
      // What sorts and the UNLOAD width check read must agree with the row itself.
      assert.equal(b.width(i), row.length, 'width(i) is row(i).length');
      assert.ok(b.minWidth <= row.length && row.length <= b.maxWidth, 'the block knows its narrowest and widest rows');
      row.forEach((v, c) => assert.ok(Object.is(b.value(i, c), v), 'value(i, c) is row(i)[c]'));
      assert.equal(b.value(i, row.length), undefined);
      rows.push(row);
    }
  }
  return { rows, blocks, reader };
}

function assertSame(actual: CellValue[][], expected: CellValue[][], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: row count`);
  for (let r = 0; r < expected.length; r++) {
    assert.equal(actual[r].length, expected[r].length, `${what}: width of row ${r}`);
    for (let c = 0; c < expected[r].length; c++) {
      if (!Object.is(actual[r][c], expected[r][c]))
        assert.fail(`${what}: row ${r} column ${c}: ${JSON.stringify(actual[r][c])} vs ${JSON.stringify(expected[r][c])}`);
    }
  }
}

const pieces = [
  '',
  'a',
  'é',
  '🚀',
  '"',
  '""',
  ',',
  '\n',
  '\r\n',
  '\r',
  ' ',
  'NULL',
  'true',
  'false',
  '-0',
  '12',
  '1.5',
  '9007199254740993',
  'x"y',
  '\\',
  '\u00a0',
];
function randomValue(next: () => number): CsvField {
  if (next() < 0.15) return null;
  let v = '';
  const n = Math.floor(next() * 4);
  for (let i = 0; i < n; i++) v += pieces[Math.floor(next() * pieces.length)];
  if (next() < 0.3) v = String(Math.floor(next() * 2 ** 40) - 2 ** 39);
  else if (next() < 0.2) v = (next() * 1e6).toFixed(Math.floor(next() * 8));
  return v;
}

function randomCuts(next: () => number, length: number, meanGap: number): number[] {
  const cuts: number[] = [];
  for (let at = Math.floor(next() * meanGap); at < length; at += 1 + Math.floor(next() * meanGap * 2)) cuts.push(at);
  return cuts;
}

describe('Athena CSV block reader', () => {
  test('equals the eager parser on random hostile records, whatever the cuts and page size', () => {
    const next = random(7);
    for (let round = 0; round < 40; round++) {
      const records: CsvField[][] = Array.from({ length: 1 + Math.floor(next() * 300) }, () => columns.map(() => randomValue(next)));
      const bytes = Buffer.from(records.map(formatAthenaCsvRecord).join(''), 'utf8');
      const expected = eager(bytes, []);
      for (const gap of [1, 5, 64, 4096]) {
        const cuts = randomCuts(next, bytes.length, gap);
        const pageSize = 1 + Math.floor(next() * 120);
        const { rows, blocks } = viaBlocks(bytes, cuts, pageSize);
        assertSame(rows, expected, `round ${round}, gap ${gap}, pages of ${pageSize}`);
        blocks.forEach((b, i) =>
          assert.equal(b.length, i < blocks.length - 1 ? pageSize : b.length, 'every block but the last holds pageSize rows'),
        );
        assert.ok(blocks.every((b) => b.length > 0 && b.length <= pageSize));
      }
    }
  });

  test('number, boolean and text columns convert exactly as the converters do', () => {
    const values: CsvField[] = [
      null,
      '',
      '0',
      '-0',
      '007',
      '-',
      '.',
      '.5',
      '5.',
      '1.2.3',
      '1e5',
      'NaN',
      'Infinity',
      ' 1',
      '9007199254740991',
      '9007199254740992',
      '9007199254740993',
      '-9223372036854775808',
      '12345678901234567',
      '0.1',
      '0.30000000000000004',
      'true',
      'false',
      'TRUE',
      'tru',
      'é',
      '"',
      '1,5',
      '12\n3',
    ];
    const records = values.map((v) => columns.map(() => v));
    const bytes = Buffer.from(records.map(formatAthenaCsvRecord).join(''), 'utf8');
    assertSame(
      viaBlocks(bytes, [], 7).rows,
      records.map((r) => r.map((v, c) => converters[c](v))),
      'converters',
    );
  });

  test('CRLF line ends, a trailing comma, short and long records, one-column NULL lines', () => {
    const cases = [
      '"1","a"\r\n"2",\r\n',
      '"1","a",\n"2"\n',
      '"1"\n"2","b",,"d"\r\n\n"3"\r\n',
      'a\r\r\n"b",c\r\r\n\r\n',
      '"1","a"',
      '\n\n"x"\n',
      '"1",',
      'a,b\r\nc,d\r\n',
      '"1","a"\r\n"2","b"',
    ];
    for (const text of cases) {
      const bytes = Buffer.from(text, 'utf8');
      const expected = eager(bytes, []);
      for (let cut = 0; cut <= bytes.length; cut++)
        assertSame(viaBlocks(bytes, [cut], 2).rows, expected, `${JSON.stringify(text)} cut at ${cut}`);
    }
  });

  test('a UTF-8 byte-order mark at the start is dropped, even split across chunks', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('"1","\ufeff"\n"2",\n', 'utf8')]);
    for (let i = 0; i <= 4; i++)
      assertSame(
        viaBlocks(bytes, [i], 10).rows,
        [
          [1, '\ufeff'],
          [2, null],
        ],
        `cut at ${i}`,
      );
  });

  test('a character split across chunks and invalid UTF-8 decode as the eager parser does', () => {
    const bytes = Buffer.concat([Buffer.from('"1","é🚀x"\n"2","', 'utf8'), Buffer.from([0xff, 0xc3]), Buffer.from('"\n', 'utf8')]);
    const expected = eager(bytes, []);
    assert.equal(expected[1][1], '\ufffd\ufffd');
    for (let cut = 0; cut <= bytes.length; cut++) assertSame(viaBlocks(bytes, [cut], 1).rows, expected, `cut at ${cut}`);
  });

  test('the header record is kept apart as text', () => {
    const bytes = Buffer.from('"id","name"\n"1","a"\n"2",\n', 'utf8');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const { rows, reader } = viaBlocks(bytes, [cut], 1, true);
      assert.deepEqual(reader.header, ['id', 'name'], `cut at ${cut}`);
      assertSame(
        rows,
        [
          [1, 'a'],
          [2, null],
        ],
        `cut at ${cut}`,
      );
    }
    // A header alone, ending in a NULL field with no line end: the byte after it is the sentinel.
    assert.deepEqual(viaBlocks(Buffer.from('"id",', 'utf8'), [], 1, true).reader.header, ['id', null]);
  });

  test('malformed input is reported with the record number, like the eager parser', () => {
    for (const scanner of ['simd', 'js'] as const) {
      const reader = () => new AthenaCsvBlockReader(convert, kinds, { pageSize: 10, scanner });
      assert.throws(() => {
        const r = reader();
        r.push(Buffer.from('"1","a"\n"2","b'));
        r.end();
      }, /record 2: unterminated quoted field/);
      const many = Array.from({ length: 40 }, (_, i) => `"${i}","a"\n`).join('');
      // In the middle of what arrived, where the SIMD scanner looks, and in its incomplete tail.
      for (const bad of ['"2"x,"b"\n', '"2"\r"b"\n', '"2","b"\r\r\n']) {
        assert.throws(
          () => reader().push(Buffer.from(many + bad + many)),
          /record 41: unexpected character after a quoted field/,
          `${scanner}: ${JSON.stringify(bad)} mid-stream`,
        );
        assert.throws(
          () => reader().push(Buffer.from(many + bad)),
          /record 41: unexpected character after a quoted field/,
          `${scanner}: ${JSON.stringify(bad)} at the end`,
        );
      }
    }
  });

  test('a field far larger than a chunk is found without rescanning it per chunk', () => {
    const big = 'x'.repeat(3_000_000);
    const bytes = Buffer.from(formatAthenaCsvRecord(['1', big]) + formatAthenaCsvRecord(['2', 'y']), 'utf8');
    const { rows } = viaBlocks(bytes, randomCuts(random(3), bytes.length, 4096), 5);
    assert.equal(rows.length, 2);
    assert.equal((rows[0][1] as string).length, big.length);
    assert.deepEqual(rows[1], [2, 'y']);
  });
});
