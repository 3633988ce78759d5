import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CellValue, ColumnFamily, ColumnInfo, Row } from '../../../src/core/engines/engine';
import { exportResult, type ExportFormat, type ExportSource } from '../../../src/core/results/export';
import { compareDecimalText } from '../../../src/core/results/values';
import { columnTypes, queryText } from './duck';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dw-export-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const col = (name: string, type: string, family: ColumnFamily): ColumnInfo => ({ name, type, family });
const columns: ColumnInfo[] = [
  col('id', 'INTEGER', 'integer'),
  col('big', 'BIGINT', 'integer'),
  col('price', 'DECIMAL(18,3)', 'decimal'),
  col('ratio', 'DOUBLE', 'float'),
  col('ok', 'BOOLEAN', 'boolean'),
  col('day', 'DATE', 'date'),
  col('at', 'TIMESTAMP', 'timestamp'),
  col('payload', 'JSON', 'json'),
  col('<img src=x onerror=alert(1)>', 'VARCHAR', 'string'),
  col('text, "quoted"', 'VARCHAR', 'string'),
];
// DuckDB types the CSV/JSONL readers are told (Parquet carries its own).
const readTypes = ['INTEGER', 'BIGINT', 'DECIMAL(18,3)', 'DOUBLE', 'BOOLEAN', 'DATE', 'TIMESTAMP', 'JSON', 'VARCHAR', 'VARCHAR'];

const hostile = [
  'plain',
  '',
  ' padded ',
  'comma, here',
  'quote " inside',
  '""',
  '"leading quote',
  'line1\nline2',
  'crlf\r\nend',
  'tab\there',
  '<script>alert(1)</script>',
  "'; DROP TABLE events; --",
  'ünïcødé — 漢字 🚀',
  '=HYPERLINK("http://x")',
  'NULL',
  '\\N',
  '\\',
  '{"not":"json col"}',
];
const rows: Row[] = hostile.map((s, i): Row => [
  i,
  i % 3 === 0 ? '9007199254740993' : -i * 1_000_000_007,
  i % 4 === 0 ? null : `${i}.${String(i * 7).padStart(3, '0')}`,
  i % 5 === 0 ? null : i / 7,
  i % 2 === 0,
  `2024-02-${String((i % 28) + 1).padStart(2, '0')}`,
  `2024-02-01 10:${String(i).padStart(2, '0')}:05.25`,
  i % 6 === 0 ? null : JSON.stringify({ i, s, nested: [1, null, { k: s }] }, null, i % 2 ? 2 : 0),
  s,
  i % 3 === 1 ? null : s.toUpperCase(),
]);
rows.push(columns.map(() => null)); // a row of NULLs
const source: ExportSource = { columns, rowCount: rows.length, rows: () => rows };

function same(family: ColumnFamily, got: string | null, want: CellValue): boolean {
  if (want === null || got === null) return got === want;
  switch (family) {
    case 'integer':
      return BigInt(got) === BigInt(String(want));
    case 'float':
      return Number(got) === Number(want);
    case 'decimal':
      return compareDecimalText(got, String(want)) === 0;
    case 'json':
      return JSON.stringify(JSON.parse(got)) === JSON.stringify(JSON.parse(String(want)));
    case 'timestamp':
      return got.replace(/0+$/, '') === String(want).replace(/0+$/, '');
    default:
      return got === String(want);
  }
}

function assertSameRows(got: (string | null)[][]): void {
  assert.equal(got.length, rows.length, 'row count');
  got.forEach((row, r) =>
    row.forEach((value, c) => {
      assert.ok(
        same(columns[c].family, value, rows[r][c]),
        `row ${r} column ${columns[c].name}: got ${JSON.stringify(value)}, want ${JSON.stringify(rows[r][c])}`,
      );
    }),
  );
}

const asText = (n: number) => Array.from({ length: n }, (_, i) => `CAST(#${i + 1} AS VARCHAR)`).join(', ');
const sql = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function exportTo(format: ExportFormat): Promise<string> {
  const file = path.join(dir, `out.${format}`);
  const written = await exportResult(format, source, file);
  assert.equal(written, rows.length);
  assert.ok(existsSync(file));
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.endsWith('.part')),
    [],
    'no temp file left',
  );
  return file;
}

describe('export writers, read back by DuckDB', () => {
  test('CSV (RFC 4180) keeps every value, NULL vs empty string, quotes and newlines', async () => {
    const file = await exportTo('csv');
    const text = readFileSync(file, 'utf8');
    assert.ok(text.startsWith('id,big,price,ratio,ok,day,at,payload,<img src=x onerror=alert(1)>,"text, ""quoted"""\r\n'));
    const spec = readTypes.map((t, i) => `'c${i}': '${t}'`).join(', ');
    const got = await queryText(
      `SELECT ${asText(columns.length)} FROM read_csv(${sql(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, columns = {${spec}})`,
    );
    assertSameRows(got);
  });

  test('JSON lines keep types (numbers, booleans, embedded JSON, null)', async () => {
    const file = await exportTo('jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, rows.length);
    const first = JSON.parse(lines[0]);
    assert.equal(typeof first.id, 'number');
    assert.equal(typeof first.ok, 'boolean');
    assert.ok('payload' in first && first.payload === null, 'NULL is null, not a missing key');
    assert.equal(typeof JSON.parse(lines[1]).payload, 'object');
    assert.ok(lines[0].includes('"big":9007199254740993'), 'big integers stay exact number literals');
    const spec = columns.map((c, i) => `${sql(c.name)}: '${readTypes[i]}'`).join(', ');
    const got = await queryText(
      `SELECT ${asText(columns.length)} FROM read_json(${sql(file)}, format = 'newline_delimited', columns = {${spec}})`,
    );
    assertSameRows(got);
  });

  test('Parquet has typed columns and the same rows', async () => {
    const file = await exportTo('parquet');
    const types = await columnTypes(`SELECT * FROM read_parquet(${sql(file)})`);
    assert.deepEqual(types, [
      'BIGINT',
      'BIGINT',
      'DECIMAL(18,3)',
      'DOUBLE',
      'BOOLEAN',
      'DATE',
      'TIMESTAMP',
      types[7],
      'VARCHAR',
      'VARCHAR',
    ]);
    assert.match(types[7], /^(JSON|VARCHAR)$/);
    const names = await queryText(`SELECT name FROM parquet_schema(${sql(file)}) WHERE num_children IS NULL`);
    assert.deepEqual(
      names.map(([n]) => n),
      columns.map((c) => c.name),
    );
    assertSameRows(await queryText(`SELECT ${asText(columns.length)} FROM read_parquet(${sql(file)})`));
  });

  test('a column whose text does not convert stays text instead of turning into NULL', async () => {
    const file = path.join(dir, 'loose.parquet');
    const loose: ExportSource = {
      columns: [col('when', 'timestamp with time zone', 'timestamp'), col('amount', 'numeric', 'decimal')],
      rowCount: 3,
      rows: () => [
        ['not a time', '12.5'],
        ['2024-01-01 00:00:00+00', '-0.125'],
        [null, '100'],
      ],
    };
    await exportResult('parquet', loose, file);
    assert.deepEqual(await columnTypes(`SELECT * FROM read_parquet(${sql(file)})`), ['VARCHAR', 'DECIMAL(6,3)']);
    assert.deepEqual(await queryText(`SELECT "when", CAST(amount AS VARCHAR) FROM read_parquet(${sql(file)})`), [
      ['not a time', '12.500'],
      ['2024-01-01 00:00:00+00', '-0.125'],
      [null, '100.000'],
    ]);
  });

  for (const format of ['csv', 'jsonl', 'parquet'] as const) {
    test(`${format}: cancelling removes the partial file and leaves an existing target untouched`, async () => {
      const file = path.join(dir, `cancel.${format}`);
      await exportResult(format, source, file);
      const before = readFileSync(file);
      const many: ExportSource = {
        columns,
        rowCount: 200_000,
        rows: function* () {
          for (let i = 0; i < 200_000; i++) yield rows[i % rows.length];
        },
      };
      const controller = new AbortController();
      await assert.rejects(
        exportResult(format, many, file, { signal: controller.signal, onProgress: (n) => n >= 20_000 && controller.abort() }),
      );
      assert.deepEqual(readFileSync(file), before);
      assert.deepEqual(
        readdirSync(dir).filter((f) => f.endsWith('.part')),
        [],
      );
    });
  }

  test('a failing export leaves no file', async () => {
    const file = path.join(dir, 'fail.csv');
    const broken: ExportSource = {
      columns,
      rowCount: 2,
      rows: function* () {
        yield rows[0];
        throw new Error('store went away');
      },
    };
    await assert.rejects(exportResult('csv', broken, file), /store went away/);
    assert.equal(existsSync(file), false);
  });
});
