import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { AthenaCsvParser, formatAthenaCsvRecord, type CsvField, type FieldKind } from '../../../src/core/engines/csv/csv';
import { athenaColumns, converterFor, fieldKindFor } from '../../../src/core/engines/athena/types';
import { csvPages } from '../../../src/core/engines/athena/athenaEngine';
import { pageRows } from '../../../src/core/engines/engine';
import { random } from '../../support/random';

function parseAll(text: string, chunkSize = text.length || 1): CsvField[][] {
  const p = new AthenaCsvParser();
  const out: CsvField[][] = [];
  for (let i = 0; i < text.length; i += chunkSize) out.push(...p.push(text.slice(i, i + chunkSize)));
  out.push(...p.end());
  return out;
}

/** Feeds raw bytes cut at the given offsets. */
function parseBytes<T = CsvField>(
  bytes: Uint8Array,
  cuts: number[],
  parser: AthenaCsvParser<T> = new AthenaCsvParser() as unknown as AthenaCsvParser<T>,
): T[][] {
  const out: T[][] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(...parser.push(bytes.subarray(at, cut)));
    at = cut;
  }
  out.push(...parser.end());
  return out;
}

const hostile: CsvField[][] = [
  ['plain', '', null, 'NULL'],
  ['comma, inside', 'quote " inside', '""', 'new\nline'],
  ['crlf\r\nvalue', '  spaces  ', 'émoji 🚀 ünïcode', '\t tab'],
  [null, null, null, null],
  ["'single'", '"', ',', '\\'],
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
    assert.deepEqual(parseAll('"a",,""\n,"",\n'), [
      ['a', null, ''],
      [null, '', null],
    ]);
  });

  test('an empty line is a single-column NULL row; a trailing newline adds no row', () => {
    assert.deepEqual(parseAll('"_col0"\n"x"\n\n"y"\n'), [['_col0'], ['x'], [null], ['y']]);
  });

  test('accepts CRLF line ends and a missing final newline', () => {
    assert.deepEqual(parseAll('"a","b"\r\n"c",\r\n"d","e"'), [
      ['a', 'b'],
      ['c', null],
      ['d', 'e'],
    ]);
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

  test('bytes cut at every offset give the same records (multi-byte characters, doubled quotes, CRLF split across chunks)', () => {
    const text = hostile.map(formatAthenaCsvRecord).join('') + '"crlf","é"\r\n' + '"x""","""""",,"🚀"""\n';
    const bytes = Buffer.from(text, 'utf8');
    const whole = parseAll(text);
    assert.deepEqual(whole.slice(-2), [
      ['crlf', 'é'],
      ['x"', '""', null, '🚀"'],
    ]);
    assert.deepEqual(parseBytes(bytes, []), whole);
    for (let i = 0; i <= bytes.length; i++) assert.deepEqual(parseBytes(bytes, [i]), whole, `cut at byte ${i}`);
    for (let i = 0; i + 3 <= bytes.length; i++)
      assert.deepEqual(parseBytes(bytes, [i, i + 1, i + 2, i + 3]), whole, `single bytes from ${i}`);
    const ones = Array.from({ length: bytes.length }, (_, i) => i);
    assert.deepEqual(parseBytes(bytes, ones), whole, 'one byte at a time');
  });

  test('round-trips random records through random byte chunks', () => {
    const next = random(0x5eed);
    const alphabet = [
      'a',
      'Z',
      '0',
      '9',
      '-',
      '.',
      ' ',
      ',',
      '"',
      '""',
      '\n',
      '\r',
      '\r\n',
      'é',
      'ü',
      '€',
      '🚀',
      '\t',
      '\\',
      'NULL',
      'true',
    ];
    for (let round = 0; round < 300; round++) {
      const width = 1 + Math.floor(next() * 6);
      const records: CsvField[][] = [];
      const count = 1 + Math.floor(next() * 30);
      for (let r = 0; r < count; r++) {
        const record: CsvField[] = [];
        for (let f = 0; f < width; f++) {
          const pick = next();
          if (pick < 0.15) record.push(null);
          else if (pick < 0.25) record.push('');
          else {
            let v = '';
            const len = Math.floor(next() * 12);
            for (let k = 0; k < len; k++) v += alphabet[Math.floor(next() * alphabet.length)];
            record.push(v);
          }
        }
        records.push(record);
      }
      const bytes = Buffer.from(records.map(formatAthenaCsvRecord).join(''), 'utf8');
      const cuts: number[] = [];
      for (let at = 0; at < bytes.length; at += 1 + Math.floor(next() * 9)) cuts.push(at);
      assert.deepEqual(parseBytes(bytes, cuts), records, `round ${round}`);
    }
  });

  test('reads fields far longer than a chunk, ASCII or not, and many short fields in a long chunk', () => {
    const long = 'x'.repeat(300_000) + '""é'.repeat(50_000) + '🚀'.repeat(40_000);
    const records: CsvField[][] = [
      ['a', long, null],
      [long.slice(0, 70_000), '', 'z'],
    ];
    for (let i = 0; i < 5000; i++) records.push([String(i), i % 7 ? 'é' : '', i % 3 ? null : '"']);
    const bytes = Buffer.from(records.map(formatAthenaCsvRecord).join(''), 'utf8');
    for (const size of [1000, 65536, bytes.length]) {
      const cuts: number[] = [];
      for (let at = size; at < bytes.length; at += size) cuts.push(at);
      assert.deepEqual(parseBytes(bytes, cuts), records, `chunks of ${size}`);
    }
  });

  test('decodes invalid UTF-8 as TextDecoder does (U+FFFD), field by field', () => {
    const bad = [[0xff], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x9a], [0xc0, 0xaf], [0x80, 0x80]];
    for (const seq of bad) {
      const bytes = Buffer.concat([Buffer.from('"a'), Buffer.from(seq), Buffer.from('b","c"\n')]);
      const expected = new TextDecoder().decode(bytes.subarray(1, bytes.indexOf('","')));
      assert.deepEqual(parseBytes(bytes, []), [[expected, 'c']], String(seq));
    }
  });

  test('drops a UTF-8 byte-order mark at the start of the bytes, even split across chunks', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('"a","\ufeff"\n"b",\n', 'utf8')]);
    for (let i = 0; i <= 4; i++)
      assert.deepEqual(
        parseBytes(bytes, [i]),
        [
          ['a', '\ufeff'],
          ['b', null],
        ],
        `cut at ${i}`,
      );
    assert.deepEqual(parseBytes(Buffer.from([0xef, 0xbb, 0xbf]), []), []);
  });

  test('column kinds convert straight from the bytes exactly as the converters do', () => {
    const columns = athenaColumns([
      { Type: 'bigint' },
      { Type: 'double' },
      { Type: 'boolean' },
      { Type: 'varchar' },
      { Type: 'decimal', Precision: 10, Scale: 2 },
      { Type: 'date' },
    ]);
    const kinds = columns.map(fieldKindFor);
    assert.deepEqual(kinds, ['integer', 'float', 'boolean', 'text', 'text', 'text'] satisfies (FieldKind | undefined)[]);
    const converters = columns.map(converterFor);
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
      '-.5',
      '1.2.3',
      '1e5',
      '1E-7',
      '-1.5e+300',
      'NaN',
      'Infinity',
      '-Infinity',
      ' 1',
      '1 ',
      '9007199254740991',
      '9007199254740992',
      '9007199254740993',
      '-9223372036854775808',
      '1234567890123456',
      '12345678901234567',
      '0.1',
      '0.30000000000000004',
      '123456789012.3456',
      '1234567890.123456',
      '3.141592653589793',
      'true',
      'false',
      'TRUE',
      'False',
      'tru',
      'falsey',
      'é',
      '"',
      '1,5',
      '12\n3',
      '٣',
    ];
    const next = random(42);
    for (let i = 0; i < 3000; i++)
      values.push(
        String(Math.floor(next() * 2 ** 40) - 2 ** 39),
        (next() * 1e6 - 5e5).toFixed(i % 10),
        String(next() * 10 ** Math.floor(next() * 30)),
      );
    const records = values.map((v) => columns.map(() => v));
    const bytes = Buffer.from(records.map(formatAthenaCsvRecord).join(''), 'utf8');
    const viaConverters = records.map((r) => r.map((v, c) => converters[c](v)));
    const small: number[] = [];
    for (let at = 0; at < bytes.length; at += 1 + Math.floor(next() * 13)) small.push(at);
    for (const cuts of [[], [777, 5000], small]) {
      const viaKinds: unknown[][] = parseBytes(bytes, cuts, new AthenaCsvParser((c, t) => converters[c](t), kinds));
      assert.equal(viaKinds.length, viaConverters.length);
      for (let r = 0; r < records.length; r++) {
        for (let c = 0; c < columns.length; c++)
          assert.ok(
            Object.is(viaKinds[r][c], viaConverters[r][c]),
            `${JSON.stringify(records[r][c])} as ${columns[c].type}: ${String(viaKinds[r][c])} vs ${String(viaConverters[r][c])}`,
          );
      }
    }
    // The fast paths at the very end of the input (no byte after the closing quote).
    for (const v of ['12', '-0', '1.5', 'true', 'false', 'x']) {
      const text = columns.map(() => `"${v}"`).join(',');
      assert.deepEqual(
        parseBytes(Buffer.from(text), []).map((r) => r.map(String)),
        [[v, v, v, v, v, v]],
      );
      const converted = parseBytes(Buffer.from(text), [], new AthenaCsvParser((c, t) => converters[c](t), kinds))[0];
      converted.forEach((x, c) => assert.ok(Object.is(x, converters[c](v)), `${v} as ${columns[c].type}`));
    }
  });
});

describe('Athena direct-read pages', () => {
  const columns = athenaColumns([
    { Name: 'id', Type: 'bigint' },
    { Name: 's', Type: 'varchar' },
  ]);
  const converters = columns.map(converterFor);
  async function pagesOf(bytes: Buffer, chunkSize: number, pageSize: number): Promise<unknown[][][]> {
    async function* body(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
    }
    const pages: unknown[][][] = [];
    for await (const page of csvPages(body(), columns, converters, pageSize)) pages.push(pageRows(page) as unknown[][]);
    return pages;
  }

  test('skips the header and hands over full pages of exactly pageSize, then the rest', async () => {
    const rows: CsvField[][] = Array.from({ length: 2345 }, (_, i) => [String(i), i % 5 ? `é${i}` : null]);
    const bytes = Buffer.from([['id', 's'], ...rows].map(formatAthenaCsvRecord).join(''), 'utf8');
    const expected = rows.map(([id, s]) => [Number(id), s]);
    for (const [chunkSize, pageSize] of [
      [7, 1000],
      [65536, 1000],
      [100, 1],
      [bytes.length, 5000],
      [333, 2345],
    ]) {
      const pages = await pagesOf(bytes, chunkSize, pageSize);
      assert.deepEqual(pages.flat(), expected, `chunks of ${chunkSize}, pages of ${pageSize}`);
      assert.ok(pages.slice(0, -1).every((p) => p.length === pageSize) && pages.at(-1)!.length <= pageSize && pages.at(-1)!.length > 0);
    }
    assert.deepEqual(await pagesOf(Buffer.from('"id","s"\n'), 3, 10), []);
    assert.deepEqual(await pagesOf(Buffer.alloc(0), 3, 10), []);
  });

  test('rejects a file whose header has another width', async () => {
    await assert.rejects(pagesOf(Buffer.from('"id"\n"1"\n'), 4, 10), /has 1 columns, expected 2/);
  });
});
