// The bad-input corpus (test/corpus/): malformed SQL per dialect, enriched-event lines, CSV/JSON/
// Parquet files, connection settings and Results-webview messages, each fed to the real core
// code. Each must give a clear message (with its position where the input has one), never crash,
// hang or leave an unhandled rejection, and leave the engine working. Reports how many it tried.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { resolveConnections, validateConnection } from '../../../src/core/connections/model';
import { LocalEngine } from '../../../src/core/engines/duckdb';
import { EngineError, collectRows, type Engine } from '../../../src/core/engines/engine';
import { createPostgresEngine } from '../../../src/core/engines/postgres';
import { EnrichedEventFormatError, parseEnrichedEventLine } from '../../../src/core/events/tsv';
import { redactSql } from '../../../src/core/sql/redact';
import { splitStatements } from '../../../src/core/sql/split';
import { translate } from '../../../src/core/translate';
import { IpcDispatcher } from '../../../src/editor/webview/dispatch';
import { AcceptOfferRequest, CancelCommand, CopyRequest, ExportRequest, FilterRequest, GetRowsRequest, SortRequest } from '../../../webviews/results/protocol';
import { startPostgres } from '../../support/postgres';

const CORPUS = path.resolve(import.meta.dirname, '../../corpus');
const FIXTURE_EVENT = readFileSync('/work/shared/fixtures/enriched-event-example-mobile.tsv', 'utf8').replace(/^\uFEFF/, '').split('\n')[0];
const CASE_TIMEOUT_MS = 15_000;

const tried: Record<string, number> = {};
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown): void => void unhandled.push(e);
process.on('unhandledRejection', onUnhandled);

function count(group: string): void {
  tried[group] = (tried[group] ?? 0) + 1;
}

async function within<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: hung (no answer in ${CASE_TIMEOUT_MS} ms)`)), CASE_TIMEOUT_MS)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `check` on every case and fails once at the end with every case that failed, so one
 * run shows them all. */
async function eachCase<T>(cases: readonly T[], label: (c: T) => string, check: (c: T) => void | Promise<void>): Promise<void> {
  const failures: string[] = [];
  for (const c of cases) {
    try {
      await check(c);
    } catch (e) {
      failures.push(`${label(c)}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${cases.length} cases failed`);
}

/** The cases of a corpus SQL file: blocks after each `-- ----` line. */
function sqlCases(dialect: string): string[] {
  const text = readFileSync(path.join(CORPUS, 'sql', `${dialect}.sql`), 'utf8');
  return text.split(/^-- ----\n/m).slice(1).map((c) => c.replace(/\n$/, ''));
}

/** A rejection from an engine: an EngineError with a message, a position inside the text. */
async function assertClearRejection(engine: Engine, sql: string): Promise<void> {
  let error: unknown;
  try {
    await collectRows(await engine.execute(sql));
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof EngineError, `${JSON.stringify(sql)}: expected a clear EngineError, got ${error === undefined ? 'success' : String(error)}`);
  assert.ok(error.message.trim().length > 5, `${JSON.stringify(sql)}: empty message`);
  if (error.position !== undefined) assert.ok(error.position >= 1 && error.position <= sql.length + 1, `${JSON.stringify(sql)}: position ${error.position} outside the text`);
  assert.ok(error.details.category === 'syntax' || error.details.category === 'query' || error.details.category === 'permission', `${JSON.stringify(sql)}: category ${error.details.category}`);
}

/** What every SQL text must survive without throwing: the splitter and the redactor. */
function lexOk(sql: string): void {
  for (const backslashEscapes of [false, true]) splitStatements(sql, { backslashEscapes });
  redactSql(sql);
}

describe('bad-input corpus', () => {
  let local: LocalEngine;
  let postgres: Engine;
  let redshiftWire: Engine;
  before(async () => {
    local = new LocalEngine({ sampleData: false });
    await local.connect();
    const pg = await startPostgres();
    const base = { name: 'corpus', host: pg.host, port: pg.port, database: pg.database, user: pg.user, ssl: 'disable' as const };
    postgres = createPostgresEngine({ ...base, kind: 'postgres' }, { password: pg.password });
    redshiftWire = createPostgresEngine({ ...base, kind: 'redshift', mode: 'wire' }, { password: pg.password });
  });
  after(async () => {
    await local.dispose();
    await postgres.dispose();
    await redshiftWire.dispose();
    process.off('unhandledRejection', onUnhandled);
    const total = Object.values(tried).reduce((a, b) => a + b, 0);
    console.log(`bad-input corpus: ${total} inputs tried (${Object.entries(tried).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  });

  test('DuckDB SQL: each is a clear error with its position, and the engine still runs', async () => {
    await eachCase(sqlCases('duckdb'), (sql) => sql, async (sql) => {
      count('sql-duckdb');
      lexOk(sql);
      await within(assertClearRejection(local, sql), sql);
    });
    assert.deepEqual(await collectRows(await local.execute('SELECT 1')), [[1]]);
  });

  for (const [dialect, engine] of [['postgres', () => postgres], ['redshift', () => redshiftWire]] as const) {
    test(`${dialect} SQL on the real server: each is a clear error, and the session still runs`, async () => {
      await eachCase(sqlCases(dialect), (sql) => sql, async (sql) => {
        count(`sql-${dialect}`);
        lexOk(sql);
        await within(assertClearRejection(engine(), sql), sql);
      });
      assert.deepEqual(await collectRows(await engine().execute('SELECT 1')), [[1]]);
    });
  }

  for (const dialect of ['redshift', 'athena', 'postgres'] as const) {
    test(`${dialect} SQL through the translator: refused with a line and column inside the text`, async () => {
      await eachCase(sqlCases(dialect), (sql) => sql, (sql) => {
        count(`translate-${dialect}`);
        lexOk(sql);
        const r = translate(sql, { dialect, target: 'pyspark' });
        assert.equal(r.ok, false, `${JSON.stringify(sql)} translated`);
        if (r.ok) return;
        assert.ok(r.reason.length > 5 && !/internal translator error/.test(r.reason), `${JSON.stringify(sql)}: ${r.reason}`);
        const lines = sql.split('\n');
        assert.ok(r.line >= 1 && r.line <= lines.length, `${JSON.stringify(sql)}: line ${r.line}`);
        assert.ok(r.column >= 1 && r.column <= lines[r.line - 1].length + 1, `${JSON.stringify(sql)}: column ${r.column}`);
      });
    });
  }

  test('enriched-event lines: each names its line, column and (where one is to blame) the field', async () => {
    const cases = JSON.parse(readFileSync(path.join(CORPUS, 'enriched-tsv.json'), 'utf8')) as { name: string; drop?: number; extra?: string[]; line?: string; set?: { index: number; value: string }; field?: string }[];
    assert.doesNotThrow(() => parseEnrichedEventLine(FIXTURE_EVENT), 'the unmutated line is valid');
    await eachCase(cases, (c) => c.name, (c) => {
      count('enriched-tsv');
      let fields = FIXTURE_EVENT.split('\t');
      if (c.drop) fields = fields.slice(0, fields.length - c.drop);
      if (c.extra) fields = [...fields, ...c.extra];
      if (c.set) fields[c.set.index] = c.set.value;
      const line = c.line ?? fields.join('\t');
      let error: unknown;
      try {
        parseEnrichedEventLine(line, { file: 'corpus.tsv', line: 7 });
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof EnrichedEventFormatError, `${c.name}: expected a format error, got ${String(error)}`);
      assert.equal(error.line, 7, c.name);
      assert.ok(error.column >= 1 && error.column <= line.length + 1, `${c.name}: column ${error.column}`);
      assert.match(error.message, /^corpus\.tsv:7:\d+: /, c.name);
      if (c.set) assert.equal(error.field?.index, c.set.index, `${c.name}: blames field ${error.field?.index}`);
      if (c.field) assert.equal(error.field?.name, c.field, `${c.name}: blames field ${error.field?.name}`);
    });
  });

  test('CSV/TSV/JSON/Parquet files: each is refused with a message naming the file, and the engine still runs', async () => {
    const dir = path.join(CORPUS, 'files');
    await eachCase(readdirSync(dir).sort(), (name) => name, async (name) => {
      count('files');
      const file = path.join(dir, name);
      let error: unknown;
      try {
        await within(local.addFileAsTable(file, { tableName: 'corpus_file' }), name);
        await within(collectRows(await local.execute('SELECT * FROM corpus_file')), name);
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof EngineError, `${name}: expected a clear EngineError, got ${error === undefined ? 'success' : String(error)}`);
      assert.ok(error.message.includes(name), `${name}: the message should name the file: ${error.message}`);
      if (/ragged/.test(name)) assert.match(error.message, /line \d+ has \d+/, name);
    });
    assert.deepEqual(await collectRows(await local.execute('SELECT 2')), [[2]]);
  });

  test('connection settings: each entry is refused with its reasons and its index', () => {
    const cases = JSON.parse(readFileSync(path.join(CORPUS, 'connections.json'), 'utf8')) as unknown[];
    for (const raw of cases) {
      count('connections');
      const { config, errors } = validateConnection(raw);
      assert.equal(config, undefined, JSON.stringify(raw));
      assert.ok(errors.length > 0 && errors.every((e) => typeof e === 'string' && e.length > 5), JSON.stringify(raw));
      const { connections, problems } = resolveConnections([raw]);
      assert.equal(connections.length, 1, 'only the local connection');
      assert.match(problems[0], /^dataWorkbench\.connections\[0\]/);
      assert.ok(!problems.join('\n').includes('hunter2'), 'a password in settings is never repeated');
    }
  });

  test('Results webview messages: each is refused by the host\'s dispatcher with a reason, no handler runs', async () => {
    const cases = JSON.parse(readFileSync(path.join(CORPUS, 'webview-messages.json'), 'utf8')) as unknown[];
    const handled: string[] = [];
    const warnings: string[] = [];
    const replies: { ok: boolean; error?: string }[] = [];
    const dispatcher = new IpcDispatcher('Results', (r) => replies.push(r as { ok: boolean; error?: string }), { warn: (m) => warnings.push(m), error: (m) => warnings.push(m) });
    for (const type of [GetRowsRequest, SortRequest, FilterRequest, ExportRequest, CopyRequest, AcceptOfferRequest]) dispatcher.onRequest(type as typeof SortRequest, () => void handled.push(type.method));
    dispatcher.onCommand(CancelCommand, () => void handled.push(CancelCommand.method));
    await eachCase(cases, (raw) => JSON.stringify(raw)?.slice(0, 80) ?? String(raw), async (raw) => {
      count('webview-messages');
      const before = warnings.length;
      await within(dispatcher.receive(raw), 'dispatch');
      assert.deepEqual(handled, [], 'a handler ran');
      assert.equal(warnings.length, before + 1, 'one warning says why');
      assert.ok(warnings[warnings.length - 1].length > 10 && warnings[warnings.length - 1].length < 400, warnings[warnings.length - 1]);
    });
    assert.ok(replies.every((r) => !r.ok && (r.error ?? '').startsWith('invalid ')), 'every request got an error reply');
    await dispatcher.receive({ method: GetRowsRequest.method, id: 999, params: { runId: 'r', viewVersion: 0, start: 0, count: 200 } });
    assert.deepEqual(handled, [GetRowsRequest.method], 'a good message passes');
  });

  test('at least 150 inputs were tried, with no unhandled rejection', () => {
    const total = Object.values(tried).reduce((a, b) => a + b, 0);
    assert.ok(total >= 150, `only ${total} inputs`);
    assert.deepEqual(unhandled, []);
  });
});
