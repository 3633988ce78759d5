import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LocalEngine } from '../../../src/core/engines/duckdb';
import {
  CancelledError,
  EngineError,
  collectRows,
  pageRows,
  type CellValue,
  type Page,
  type QueryExecution,
  type Row,
} from '../../../src/core/engines/engine';

async function rowsOf(engine: LocalEngine, sql: string): Promise<Row[]> {
  return collectRows(await engine.execute(sql));
}

async function firstPage(execution: QueryExecution): Promise<{ page: readonly Row[]; iterator: AsyncIterator<Page> }> {
  const iterator = execution.pages[Symbol.asyncIterator]();
  const first = await iterator.next();
  assert.ok(!first.done);
  return { page: pageRows(first.value), iterator };
}

async function expectEngineError(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof EngineError, `expected EngineError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the promise to reject');
}

describe('LocalEngine (no sample data)', () => {
  let engine: LocalEngine;
  let dir: string;

  before(async () => {
    engine = new LocalEngine({ sampleData: false });
    await engine.connect();
    dir = await mkdtemp(path.join(os.tmpdir(), 'dw-duckdb-test-'));
  });

  after(async () => {
    await engine.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  describe('value mapping', () => {
    // Each expression is also cast to VARCHAR by DuckDB in the same query: text-valued cells must
    // equal DuckDB's own rendering, so the expectations come from the engine, not from this file.
    const cases: { expr: string; type: string | RegExp; family: string; as: 'text' | 'number' | 'json' | CellValue }[] = [
      { expr: `42::TINYINT`, type: 'TINYINT', family: 'integer', as: 'number' },
      { expr: `-32000::SMALLINT`, type: 'SMALLINT', family: 'integer', as: 'number' },
      { expr: `2147483647::INTEGER`, type: 'INTEGER', family: 'integer', as: 'number' },
      { expr: `4294967295::UINTEGER`, type: 'UINTEGER', family: 'integer', as: 'number' },
      { expr: `-9007199254740991::BIGINT`, type: 'BIGINT', family: 'integer', as: 'number' },
      { expr: `9007199254740993::BIGINT`, type: 'BIGINT', family: 'integer', as: 'text' },
      { expr: `CAST(-9223372036854775808 AS BIGINT)`, type: 'BIGINT', family: 'integer', as: 'text' },
      { expr: `18446744073709551615::UBIGINT`, type: 'UBIGINT', family: 'integer', as: 'text' },
      { expr: `170141183460469231731687303715884105727::HUGEINT`, type: 'HUGEINT', family: 'integer', as: 'text' },
      { expr: `123::HUGEINT`, type: 'HUGEINT', family: 'integer', as: 'number' },
      { expr: `123456789012345.67::DECIMAL(18,2)`, type: 'DECIMAL(18,2)', family: 'decimal', as: 'text' },
      { expr: `-0.05::DECIMAL(4,2)`, type: 'DECIMAL(4,2)', family: 'decimal', as: 'text' },
      { expr: `-123456.789::DECIMAL(9,3)`, type: 'DECIMAL(9,3)', family: 'decimal', as: 'text' },
      { expr: `99999999999999999.99::DECIMAL(19,2)`, type: 'DECIMAL(19,2)', family: 'decimal', as: 'text' },
      { expr: `-12345678901234567890.0123456789::DECIMAL(38,10)`, type: 'DECIMAL(38,10)', family: 'decimal', as: 'text' },
      { expr: `-999999999999999.99::DECIMAL(18,2)`, type: 'DECIMAL(18,2)', family: 'decimal', as: 'text' },
      { expr: `12.34::DECIMAL(18,2)`, type: 'DECIMAL(18,2)', family: 'decimal', as: 'text' },
      { expr: `-0.07::DECIMAL(18,2)`, type: 'DECIMAL(18,2)', family: 'decimal', as: 'text' },
      { expr: `12345::DECIMAL(18,0)`, type: 'DECIMAL(18,0)', family: 'decimal', as: 'text' },
      { expr: `-1.000001::DECIMAL(10,6)`, type: 'DECIMAL(10,6)', family: 'decimal', as: 'text' },
      { expr: `1.5::DOUBLE`, type: 'DOUBLE', family: 'float', as: 'number' },
      { expr: `'nan'::DOUBLE`, type: 'DOUBLE', family: 'float', as: 'NaN' },
      { expr: `'inf'::DOUBLE`, type: 'DOUBLE', family: 'float', as: 'Infinity' },
      { expr: `'-inf'::DOUBLE`, type: 'DOUBLE', family: 'float', as: '-Infinity' },
      { expr: `0.1::FLOAT`, type: 'FLOAT', family: 'float', as: 'number' },
      { expr: `true`, type: 'BOOLEAN', family: 'boolean', as: true },
      { expr: `false`, type: 'BOOLEAN', family: 'boolean', as: false },
      { expr: `DATE '2024-02-29'`, type: 'DATE', family: 'date', as: 'text' },
      { expr: `DATE '1969-12-31'`, type: 'DATE', family: 'date', as: 'text' },
      { expr: `DATE '0044-03-15'`, type: 'DATE', family: 'date', as: 'text' },
      { expr: `TIMESTAMP '2024-01-01 12:00:00.12'`, type: 'TIMESTAMP', family: 'timestamp', as: 'text' },
      { expr: `TIMESTAMP '1969-12-31 23:59:59.999999'`, type: 'TIMESTAMP', family: 'timestamp', as: 'text' },
      { expr: `TIMESTAMP '2024-06-03 00:00:00'`, type: 'TIMESTAMP', family: 'timestamp', as: 'text' },
      { expr: `TIMESTAMP '1900-03-01 08:07:06.000005'`, type: 'TIMESTAMP', family: 'timestamp', as: 'text' },
      { expr: `'infinity'::TIMESTAMP`, type: 'TIMESTAMP', family: 'timestamp', as: 'text' },
      { expr: `TIMESTAMP_MS '2024-01-01 12:00:00.123'`, type: 'TIMESTAMP_MS', family: 'timestamp', as: 'text' },
      { expr: `TIMESTAMP_S '2024-01-01 12:00:01'`, type: 'TIMESTAMP_S', family: 'timestamp', as: 'text' },
      { expr: `TIMESTAMP_NS '2024-01-01 00:00:00.123456789'`, type: 'TIMESTAMP_NS', family: 'timestamp', as: 'text' },
      { expr: `TIMESTAMPTZ '2024-01-01 12:00:00.5+02'`, type: 'TIMESTAMP WITH TIME ZONE', family: 'timestamp', as: 'text' },
      { expr: `'héllo wörld 😀'`, type: 'VARCHAR', family: 'string', as: 'text' },
      { expr: `'a somewhat longer string that does not fit inline'`, type: 'VARCHAR', family: 'string', as: 'text' },
      { expr: `'6f1d3a4e-8f0b-4a7e-9a2b-0c1d2e3f4a5b'::UUID`, type: 'UUID', family: 'string', as: 'text' },
      { expr: `INTERVAL 3 DAY + INTERVAL 2 HOUR`, type: 'INTERVAL', family: 'other', as: 'text' },
      { expr: `TIME '12:00:01.5'`, type: 'TIME', family: 'other', as: 'text' },
      { expr: `'\\x0A\\xFF'::BLOB`, type: 'BLOB', family: 'binary', as: '0aff' },
      { expr: `[1, 2, NULL]`, type: 'INTEGER[]', family: 'json', as: 'json' },
      { expr: `{'a': 1, 'b': 'x'}`, type: /^STRUCT\(/, family: 'json', as: 'json' },
      { expr: `'{"k": [1, 2]}'::JSON`, type: 'JSON', family: 'json', as: 'text' },
    ];

    test('each DuckDB type becomes a faithful cell with type name and family', async () => {
      const select = cases
        .map((c, i) => `${c.expr} AS c${i}, ${c.as === 'json' ? `to_json(${c.expr})` : `(${c.expr})`}::VARCHAR AS v${i}`)
        .join(', ');
      const execution = await engine.execute(`SELECT ${select}`);
      const [row] = await collectRows(execution);
      cases.forEach((c, i) => {
        const column = execution.columns[2 * i];
        const cell = row[2 * i];
        const text = row[2 * i + 1] as string;
        if (typeof c.type === 'string') assert.equal(column.type, c.type, c.expr);
        else assert.match(column.type, c.type, c.expr);
        assert.equal(column.family, c.family, c.expr);
        if (c.as === 'text') assert.equal(cell, text, c.expr);
        else if (c.as === 'number') {
          assert.equal(typeof cell, 'number', c.expr);
          assert.equal(cell, Number(text), c.expr);
        } else if (c.as === 'json') {
          assert.equal(typeof cell, 'string', c.expr);
          assert.deepEqual(JSON.parse(cell as string), JSON.parse(text), c.expr);
        } else assert.equal(cell, c.as, c.expr);
      });
    });

    test('a MAP becomes JSON key/value pairs and NULLs stay null for every type', async () => {
      // CASE WHEN false THEN x END is a NULL of x's type.
      const execution = await engine.execute(
        `SELECT MAP {'k': 1, 'z': 2} AS m, ${cases.map((c) => `CASE WHEN false THEN ${c.expr} END`).join(', ')}`,
      );
      const [row] = await collectRows(execution);
      assert.deepEqual(
        execution.columns.slice(1).map((c) => c.family),
        cases.map((c) => c.family),
      );
      assert.deepEqual(JSON.parse(row[0] as string), [
        { key: 'k', value: 1 },
        { key: 'z', value: 2 },
      ]);
      assert.ok(row.slice(1).every((v) => v === null));
    });

    test('strings of every inline and out-of-line length decode exactly, ASCII or not', async () => {
      const pieces = ['a', 'é', '😀', 'ab\u0000c', '\t'];
      const rows = await rowsOf(
        engine,
        `SELECT p, k, repeat(p, k) FROM (VALUES ${pieces.map((p) => `('${p.replace(/\u0000/g, "' || chr(0) || '")}')`).join(', ')}) v(p), range(0, 15) r(k) ORDER BY p, k`,
      );
      assert.equal(rows.length, pieces.length * 15);
      for (const [piece, k, text] of rows) assert.equal(text, (piece as string).repeat(k as number), `${JSON.stringify(piece)} × ${k}`);
    });

    test('values across many chunks and with NULLs in between keep their rows', async () => {
      const rows = await rowsOf(
        engine,
        `SELECT range AS i, CASE WHEN range % 3 = 0 THEN NULL ELSE range * 1000000007 END AS big,
          CASE WHEN range % 5 = 0 THEN NULL ELSE TIMESTAMP '2024-01-01' + to_microseconds(range * 1234567) END AS ts,
          (range / 7)::DECIMAL(18,3) AS d, range % 2 = 0 AS even
        FROM range(10000)`,
      );
      assert.equal(rows.length, 10000);
      const check = await rowsOf(
        engine,
        `SELECT (TIMESTAMP '2024-01-01' + to_microseconds(9999::BIGINT * 1234567))::VARCHAR, (9999 / 7)::DECIMAL(18,3)::VARCHAR`,
      );
      rows.forEach((r, i) => {
        assert.equal(r[0], i);
        assert.equal(r[1], i % 3 === 0 ? null : i * 1000000007);
        assert.equal(r[2] === null, i % 5 === 0);
        assert.equal(r[4], i % 2 === 0);
      });
      assert.equal(rows[9999][2], check[0][0]);
      assert.equal(rows[9999][3], check[0][1]);
    });
  });

  describe('paging', () => {
    test('a big result arrives in many pages of the requested size', async () => {
      const execution = await engine.execute('SELECT range AS i, range * 2 AS j FROM range(250000)', { pageSize: 1000 });
      let pages = 0;
      let expected = 0;
      for await (const page of execution.pages) {
        pages++;
        assert.ok(page.length === 1000 || expected + page.length === 250000);
        for (const row of pageRows(page)) {
          assert.deepEqual(row, [expected, expected * 2]);
          expected++;
        }
      }
      assert.equal(expected, 250000);
      assert.equal(pages, 250);
    });

    test('the first page arrives while a huge result is still pending', async () => {
      // Ten billion rows: only a streamed result can produce a first page in time.
      const execution = await engine.execute('SELECT range AS i, range::VARCHAR AS s FROM range(10000000000)', { pageSize: 500 });
      const { page, iterator } = await firstPage(execution);
      assert.equal(page.length, 500);
      assert.deepEqual(page[499], [499, '499']);
      const second = await iterator.next();
      assert.deepEqual(second.value?.[0], [500, '500']);
      await iterator.return?.();
      assert.deepEqual(await rowsOf(engine, 'SELECT 42'), [[42]]);
    });
  });

  describe('cancel', () => {
    test('aborting interrupts a running query; the engine stays usable', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const started = Date.now();
      // An aggregate over 3 billion rows takes minutes; it must stop right after the abort.
      const e = await expectEngineError(engine.execute('SELECT sum(hash(range)) FROM range(3000000000)', { signal: controller.signal }));
      assert.ok(e instanceof CancelledError);
      assert.equal(e.details.category, 'cancelled');
      assert.ok(Date.now() - started < 30_000);
      assert.deepEqual(await rowsOf(engine, 'SELECT 1 + 1'), [[2]]);
    });

    test('aborting while pages are read rejects the next page with CancelledError', async () => {
      const controller = new AbortController();
      const execution = await engine.execute('SELECT range, hash(range) FROM range(10000000000)', {
        signal: controller.signal,
        pageSize: 100,
      });
      const { iterator } = await firstPage(execution);
      controller.abort();
      await assert.rejects(async () => {
        for (;;) if ((await iterator.next()).done) break;
      }, CancelledError);
      assert.deepEqual(await rowsOf(engine, `SELECT 'still fine'`), [['still fine']]);
    });

    test('an already aborted signal never starts the query', async () => {
      await assert.rejects(engine.execute('CREATE TABLE never_created AS SELECT 1', { signal: AbortSignal.abort() }), CancelledError);
      const e = await expectEngineError(engine.execute('SELECT * FROM never_created'));
      assert.equal(e.details.category, 'query');
    });

    test('a newer statement replaces a result that is still streaming', async () => {
      const old = await engine.execute('SELECT range FROM range(10000000000)', { pageSize: 100 });
      const { iterator } = await firstPage(old);
      assert.deepEqual(await rowsOf(engine, 'SELECT 7'), [[7]]);
      await assert.rejects(async () => {
        for (;;) if ((await iterator.next()).done) break;
      }, CancelledError);
    });
  });

  describe('errors', () => {
    test('a typo in line 3 of a multi-line statement points at the column', async () => {
      const sql = 'SELECT\n  range AS id,\n  rnage AS typo\nFROM range(3)';
      const e = await expectEngineError(engine.execute(sql));
      assert.equal(e.details.category, 'query');
      assert.equal(e.position, sql.indexOf('rnage') + 1);
      assert.match(e.message, /rnage/);
      assert.doesNotMatch(e.message, /exception_type/);
    });

    test('positions count characters, not UTF-8 bytes', async () => {
      const sql = `SELECT 'héllo 😀' AS greeting,\n       missing_column\nFROM range(1)`;
      const e = await expectEngineError(engine.execute(sql));
      assert.equal(e.position, sql.indexOf('missing_column') + 1);
    });

    test('in a script, positions point into the whole text', async () => {
      const sql = '-- two statements\nSELECT 1;\nSELECT missing_col FROM range(2)';
      const e = await expectEngineError(engine.execute(sql));
      assert.equal(e.position, sql.indexOf('missing_col') + 1);
    });

    test('a parser error is a syntax error with a position', async () => {
      const sql = 'SELECT 1,\n  2 +\nFROM range(1)';
      const e = await expectEngineError(engine.execute(sql));
      assert.equal(e.details.category, 'syntax');
      assert.equal(e.position, sql.indexOf('FROM') + 1);
      assert.match(e.message, /^Parser Error: syntax error/);
    });

    test('a missing table is a query error at the table name', async () => {
      const sql = 'SELECT *\nFROM no_such_table';
      const e = await expectEngineError(engine.execute(sql));
      assert.equal(e.details.category, 'query');
      assert.equal(e.position, sql.indexOf('no_such_table') + 1);
      assert.match(e.message, /^Catalog Error/);
    });

    test('a runtime error while streaming rejects the pages', async () => {
      const execution = await engine.execute(
        `SELECT CASE WHEN range < 3000000 THEN range ELSE error('boom at ' || range) END FROM range(10000000)`,
        { pageSize: 10000 },
      );
      // node-api reports a mid-stream failure as an early end; the engine must not pass it off as
      // a complete (truncated) result.
      let received = 0;
      await assert.rejects(
        async () => {
          for await (const page of execution.pages) received += page.length;
        },
        (e: EngineError) => e instanceof EngineError && /boom at/.test(e.message) && e.details.category === 'query',
      );
      assert.ok(received < 3_000_000, `received ${received}`);
      assert.deepEqual(await rowsOf(engine, 'SELECT 3'), [[3]]);
    });
  });

  test('DDL and DML return no columns and report affected rows; settings persist', async () => {
    const create = await engine.execute('CREATE TABLE dml_t (a INTEGER, b VARCHAR)');
    assert.deepEqual(create.columns, []);
    assert.deepEqual(await collectRows(create), []);
    const insert = await engine.execute(`INSERT INTO dml_t SELECT range, 'r' || range FROM range(5)`);
    assert.deepEqual(insert.columns, []);
    assert.equal(insert.info.rowsAffected, 5);
    const update = await engine.execute('UPDATE dml_t SET b = NULL WHERE a >= 3');
    assert.equal(update.info.rowsAffected, 2);
    assert.deepEqual(await rowsOf(engine, 'SELECT a, b FROM dml_t ORDER BY a'), [
      [0, 'r0'],
      [1, 'r1'],
      [2, 'r2'],
      [3, null],
      [4, null],
    ]);
    await collectRows(await engine.execute(`SET threads = 1`));
    assert.deepEqual(await rowsOf(engine, `SELECT current_setting('threads')`), [[1]]);
    await collectRows(await engine.execute(`RESET threads`));
  });

  describe('addFileAsTable', () => {
    test('CSV, TSV, Parquet, JSON and JSON lines become queryable views', async () => {
      await writeFile(path.join(dir, 'My Sales-2024.csv'), 'id,amount,city\n1,10.5,Paris\n2,20.25,Berlin\n3,,Rome\n');
      await writeFile(path.join(dir, 'sales.tsv'), 'id\tamount\tcity\n1\t10.5\tParis\n2\t20.25\tBerlin\n3\t\tRome\n');
      await writeFile(
        path.join(dir, 'sales.json'),
        JSON.stringify([
          { id: 1, amount: 10.5, city: 'Paris' },
          { id: 2, amount: 20.25, city: 'Berlin' },
          { id: 3, amount: null, city: 'Rome' },
        ]),
      );
      await writeFile(
        path.join(dir, 'sales.jsonl'),
        '{"id":1,"amount":10.5,"city":"Paris"}\n{"id":2,"amount":20.25,"city":"Berlin"}\n{"id":3,"amount":null,"city":"Rome"}\n',
      );
      const parquet = path.join(dir, 'sales.parquet');
      await collectRows(
        await engine.execute(
          `COPY (SELECT * FROM (VALUES (1, 10.5, 'Paris'), (2, 20.25, 'Berlin'), (3, NULL, 'Rome')) t(id, amount, city)) TO '${parquet}' (FORMAT parquet)`,
        ),
      );
      const names: string[] = [];
      for (const file of ['My Sales-2024.csv', 'sales.tsv', 'sales.json', 'sales.jsonl', 'sales.parquet']) {
        const name = await engine.addFileAsTable(path.join(dir, file));
        names.push(name);
        const rows = await rowsOf(
          engine,
          `SELECT count(*), sum(id), sum(amount)::VARCHAR, string_agg(city, ',' ORDER BY id) FROM "${name}"`,
        );
        assert.deepEqual(rows, [[3, 6, '30.75', 'Paris,Berlin,Rome']], file);
      }
      assert.deepEqual(names, ['my_sales_2024', 'sales', 'sales_2', 'sales_3', 'sales_4']);
    });

    test('an enriched-event TSV gets the canonical 131 columns', async () => {
      const name = await engine.addFileAsTable('/work/shared/fixtures/enriched-event-example-mobile.tsv', { tableName: 'mobile_events' });
      assert.equal(name, 'mobile_events');
      const execution = await engine.execute(`SELECT app_id, platform, collector_tstamp, event_id FROM mobile_events`);
      assert.deepEqual(
        execution.columns.map((c) => c.type),
        ['VARCHAR', 'VARCHAR', 'TIMESTAMP', 'VARCHAR'],
      );
      const rows = await collectRows(execution);
      assert.equal(rows.length, 1);
      assert.equal(rows[0][1], 'mob');
      const tables = await engine.listTables();
      assert.equal(tables.find((t) => t.name === 'mobile_events')?.columns.length, 131);
    });

    test('explicit names are quoted, never interpolated; odd paths work', async () => {
      const odd = path.join(dir, "it's here");
      await mkdir(odd, { recursive: true });
      const file = path.join(odd, 'x.csv');
      await writeFile(file, 'v\n1\n2\n');
      const name = await engine.addFileAsTable(file, { tableName: 'odd "name"; DROP TABLE dml_t; --' });
      assert.equal(name, 'odd "name"; DROP TABLE dml_t; --');
      assert.deepEqual(await rowsOf(engine, `SELECT sum(v) FROM "odd ""name""; DROP TABLE dml_t; --"`), [[3]]);
      assert.deepEqual(await rowsOf(engine, `SELECT count(*) FROM dml_t`), [[5]]);
    });

    test('a missing, unreadable or malformed file is an EngineError naming the file', async () => {
      const missing = path.join(dir, 'nope.csv');
      const e1 = await expectEngineError(engine.addFileAsTable(missing));
      assert.ok(e1.message.includes(missing), e1.message);
      const e2 = await expectEngineError(engine.addFileAsTable(dir));
      assert.ok(e2.message.includes(dir), e2.message);
      const bad = path.join(dir, 'broken.parquet');
      await writeFile(bad, 'this is not parquet');
      const e3 = await expectEngineError(engine.addFileAsTable(bad));
      assert.ok(e3.message.includes(bad), e3.message);
      assert.ok(!(await engine.listTables()).some((t) => t.name === 'broken'), 'nothing half-created');
    });
  });

  test('listTables reports tables and views with their columns', async () => {
    const tables = await engine.listTables();
    const dml = tables.find((t) => t.name === 'dml_t');
    assert.deepEqual(dml, {
      schema: 'main',
      name: 'dml_t',
      kind: 'table',
      columns: [
        { name: 'a', type: 'INTEGER' },
        { name: 'b', type: 'VARCHAR' },
      ],
    });
    assert.equal(tables.find((t) => t.name === 'my_sales_2024')?.kind, 'view');
  });

  test('dispose closes the engine', async () => {
    const other = new LocalEngine({ sampleData: false });
    assert.deepEqual(await rowsOf(other, 'SELECT 1'), [[1]]);
    await other.dispose();
    await expectEngineError(other.execute('SELECT 1'));
  });
});
