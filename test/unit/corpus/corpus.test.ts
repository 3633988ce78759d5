// The bad-input corpus (test/corpus/): malformed SQL per dialect, enriched-event lines, CSV/JSON/
// Parquet files, connection settings, Results-webview messages, playbooks and cluster configs
// (checked and rendered) and manifest items in dynalite, each fed to the real core code. Each must give a clear message (with its position where the input has one), never crash,
// hang or leave an unhandled rejection, and leave the engine working. Reports how many it tried.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  type AttributeValue,
  type KeySchemaElement,
  type ScalarAttributeType,
} from '@aws-sdk/client-dynamodb';
import { resolveConnections, validateConnection } from '../../../src/core/connections/model';
import { LocalEngine } from '../../../src/core/engines/duckdb';
import { EngineError, collectRows, type Engine } from '../../../src/core/engines/engine';
import { createPostgresEngine } from '../../../src/core/engines/postgres';
import { EnrichedEventFormatError, parseEnrichedEventLine } from '../../../src/core/events/tsv';
import { redactSql } from '../../../src/core/sql/redact';
import { splitStatements } from '../../../src/core/sql/split';
import { translate } from '../../../src/core/translate';
import { EventManifestTable } from '../../../src/core/manifests/eventManifest';
import { runEntryText } from '../../../src/core/manifests/presentation';
import { runFolderName } from '../../../src/core/manifests/runIds';
import { RunManifestTable } from '../../../src/core/manifests/runManifestTable';
import { lineColumn, renderPlaybook, validateConfig, type ConfigKind } from '../../../src/core/playbook';
import { IpcDispatcher } from '../../../src/editor/webview/dispatch';
import {
  AcceptOfferRequest,
  CancelCommand,
  CopyRequest,
  ExportRequest,
  FilterRequest,
  GetRowsRequest,
  SortRequest,
} from '../../../webviews/results/protocol';
import { LOCAL_CREDENTIALS, startDynalite } from '../../support/manifests/localAws';
import { startPostgres } from '../../support/postgres';

const CORPUS = path.resolve(import.meta.dirname, '../../corpus');
const FIXTURE_EVENT = readFileSync('/work/shared/fixtures/enriched-event-example-mobile.tsv', 'utf8')
  .replace(/^\uFEFF/, '')
  .split('\n')[0];
const CASE_TIMEOUT_MS = 15_000;
/** A message about hostile input: one line, bounded, with control/bidi characters escaped. */
const UNSAFE_IN_MESSAGE = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

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
    return await Promise.race([
      p,
      new Promise<never>(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: hung (no answer in ${CASE_TIMEOUT_MS} ms)`)), CASE_TIMEOUT_MS)),
      ),
    ]);
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
  return text
    .split(/^-- ----\n/m)
    .slice(1)
    .map((c) => c.replace(/\n$/, ''));
}

/** A rejection from an engine: an EngineError with a message, a position inside the text. */
async function assertClearRejection(engine: Engine, sql: string): Promise<void> {
  let error: unknown;
  try {
    await collectRows(await engine.execute(sql));
  } catch (e) {
    error = e;
  }
  assert.ok(
    error instanceof EngineError,
    `${JSON.stringify(sql)}: expected a clear EngineError, got ${error === undefined ? 'success' : String(error)}`,
  );
  assert.ok(error.message.trim().length > 5, `${JSON.stringify(sql)}: empty message`);
  if (error.position !== undefined)
    assert.ok(
      error.position >= 1 && error.position <= sql.length + 1,
      `${JSON.stringify(sql)}: position ${error.position} outside the text`,
    );
  assert.ok(
    error.details.category === 'syntax' || error.details.category === 'query' || error.details.category === 'permission',
    `${JSON.stringify(sql)}: category ${error.details.category}`,
  );
}

/** What every SQL text must survive without throwing: the splitter and the redactor. */
function lexOk(sql: string): void {
  for (const backslashEscapes of [false, true]) splitStatements(sql, { backslashEscapes });
  redactSql(sql);
}

interface ConfigCase {
  name: string;
  kind: ConfigKind;
  /** The whole text, or a shared sample (`base`) edited: first `replace`, then cut to a fraction
   * (`cut` > 0) or by characters from the end (`cut` < 0) or after `cutAfter`. */
  text?: string;
  base?: ConfigKind;
  replace?: [string, string];
  cut?: number;
  cutAfter?: string;
  prefix?: string;
  suffix?: string;
  /** prefix + unit × count + suffix (big inputs are built, not stored). */
  build?: { prefix: string; unit: string; count: number; suffix: string };
  /** Sizes for the @@HUGE@@ / @@HUGE_BIDI@@ / @@DEEP@@ placeholders. */
  huge?: number;
  deep?: number;
  /** A template bomb: rendered with these vars it must stop with an error. */
  render?: { vars: Record<string, string>; huge?: number };
}

const CONFIG_SAMPLES: Record<ConfigKind, string> = {
  playbook: readFileSync('/work/shared/fixtures/dataflowrunner-playbook.sample.json', 'utf8'),
  cluster: readFileSync('/work/shared/fixtures/dataflowrunner-cluster.sample.json', 'utf8'),
};
const RENDER_ENV = {
  now: () => Date.UTC(2024, 2, 1),
  getenv: () => undefined,
  readFile: (): Uint8Array => {
    throw new Error('open: no such file or directory');
  },
};

function expandPlaceholders(text: string, huge = 0, deep = 0): string {
  return text
    .replace('@@HUGE_BIDI@@', () => '\u202e\u200b'.repeat(huge / 2))
    .replace('@@HUGE@@', () => 'x'.repeat(huge))
    .replace('@@DEEP@@', () => '['.repeat(deep) + ']'.repeat(deep));
}

function configText(c: ConfigCase): string {
  if (c.build) return c.build.prefix + c.build.unit.repeat(c.build.count) + c.build.suffix;
  let text = c.text ?? CONFIG_SAMPLES[c.base!];
  if (c.replace) {
    assert.ok(text.includes(c.replace[0]), `${c.name}: the sample has no ${c.replace[0]}`);
    text = text.replace(c.replace[0], () => c.replace![1]);
  }
  text = expandPlaceholders(text, c.huge, c.deep);
  if (c.cutAfter) text = text.slice(0, text.indexOf(c.cutAfter) + c.cutAfter.length);
  if (c.cut !== undefined) text = text.slice(0, c.cut > 0 ? Math.floor(text.length * c.cut) : text.length + c.cut);
  return (c.prefix ?? '') + text + (c.suffix ?? '');
}

interface ManifestItemCase {
  name: string;
  /** Which table layout holds the item (see ITEM_TABLES) and so which reader reads it. */
  table: string;
  item: Record<string, AttributeValue>;
  /** `ignored`: not an entry, said why; `note`: kept without a bad attribute, said why; `kept`:
   * a hostile but well-formed entry, returned exactly and usable (get, unmark, tree text). */
  expect: 'ignored' | 'note' | 'kept';
}

const ITEM_TABLES: Record<string, { key: [string, ScalarAttributeType][]; reader: 'run' | 'event' }> = {
  run: { key: [['RunId', 'S']], reader: 'run' },
  'run-numeric-key': { key: [['RunId', 'N']], reader: 'run' },
  'run-binary-key': { key: [['RunId', 'B']], reader: 'run' },
  'run-other-key': { key: [['runId', 'S']], reader: 'run' },
  'run-other-key-id': { key: [['id', 'S']], reader: 'run' },
  'event-as-run': {
    key: [
      ['eventId', 'S'],
      ['fingerprint', 'S'],
    ],
    reader: 'run',
  },
  event: {
    key: [
      ['eventId', 'S'],
      ['fingerprint', 'S'],
    ],
    reader: 'event',
  },
  'event-numeric-key': {
    key: [
      ['eventId', 'N'],
      ['fingerprint', 'S'],
    ],
    reader: 'event',
  },
  'event-hash-only': { key: [['eventId', 'S']], reader: 'event' },
  'event-numeric-range': {
    key: [
      ['eventId', 'S'],
      ['fingerprint', 'N'],
    ],
    reader: 'event',
  },
  'run-as-event': { key: [['RunId', 'S']], reader: 'event' },
};

/** Expands `@@HUGE:n@@` in string attributes and decodes base64 binaries. */
function itemAttributes(item: Record<string, AttributeValue>): Record<string, AttributeValue> {
  const expand = (v: AttributeValue): AttributeValue => {
    if (v.S !== undefined) return { S: v.S.replace(/^@@HUGE:(\d+)@@$/, (_, n: string) => 'y'.repeat(Number(n))) };
    if (v.B !== undefined) return { B: Buffer.from(v.B as unknown as string, 'base64') };
    if (v.M !== undefined) return { M: Object.fromEntries(Object.entries(v.M).map(([k, x]) => [k, expand(x)])) };
    if (v.L !== undefined) return { L: v.L.map(expand) };
    return v;
  };
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, expand(v)]));
}

describe('bad-input corpus', () => {
  let local: LocalEngine;
  let postgres: Engine;
  let redshiftWire: Engine;
  let dynalite: { endpoint: string; stop(): Promise<void> };
  let dynamodb: DynamoDBClient;
  before(async () => {
    dynalite = await startDynalite();
    dynamodb = new DynamoDBClient({ region: 'us-east-1', credentials: LOCAL_CREDENTIALS, endpoint: dynalite.endpoint, maxAttempts: 2 });
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
    dynamodb.destroy();
    await dynalite.stop();
    process.off('unhandledRejection', onUnhandled);
    const total = Object.values(tried).reduce((a, b) => a + b, 0);
    console.log(
      `bad-input corpus: ${total} inputs tried (${Object.entries(tried)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
    );
  });

  test('DuckDB SQL: each is a clear error with its position, and the engine still runs', async () => {
    await eachCase(
      sqlCases('duckdb'),
      (sql) => sql,
      async (sql) => {
        count('sql-duckdb');
        lexOk(sql);
        await within(assertClearRejection(local, sql), sql);
      },
    );
    assert.deepEqual(await collectRows(await local.execute('SELECT 1')), [[1]]);
  });

  for (const [dialect, engine] of [
    ['postgres', () => postgres],
    ['redshift', () => redshiftWire],
  ] as const) {
    test(`${dialect} SQL on the real server: each is a clear error, and the session still runs`, async () => {
      await eachCase(
        sqlCases(dialect),
        (sql) => sql,
        async (sql) => {
          count(`sql-${dialect}`);
          lexOk(sql);
          await within(assertClearRejection(engine(), sql), sql);
        },
      );
      assert.deepEqual(await collectRows(await engine().execute('SELECT 1')), [[1]]);
    });
  }

  for (const dialect of ['redshift', 'athena', 'postgres'] as const) {
    test(`${dialect} SQL through the translator: refused with a line and column inside the text`, async () => {
      await eachCase(
        sqlCases(dialect),
        (sql) => sql,
        (sql) => {
          count(`translate-${dialect}`);
          lexOk(sql);
          const r = translate(sql, { dialect, target: 'pyspark' });
          assert.equal(r.ok, false, `${JSON.stringify(sql)} translated`);
          if (r.ok) return;
          assert.ok(r.reason.length > 5 && !/internal translator error/.test(r.reason), `${JSON.stringify(sql)}: ${r.reason}`);
          const lines = sql.split('\n');
          assert.ok(r.line >= 1 && r.line <= lines.length, `${JSON.stringify(sql)}: line ${r.line}`);
          assert.ok(r.column >= 1 && r.column <= lines[r.line - 1].length + 1, `${JSON.stringify(sql)}: column ${r.column}`);
        },
      );
    });
  }

  test('enriched-event lines: each names its line, column and (where one is to blame) the field', async () => {
    const cases = JSON.parse(readFileSync(path.join(CORPUS, 'enriched-tsv.json'), 'utf8')) as {
      name: string;
      drop?: number;
      extra?: string[];
      line?: string;
      set?: { index: number; value: string };
      field?: string;
    }[];
    assert.doesNotThrow(() => parseEnrichedEventLine(FIXTURE_EVENT), 'the unmutated line is valid');
    await eachCase(
      cases,
      (c) => c.name,
      (c) => {
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
      },
    );
  });

  test('CSV/TSV/JSON/Parquet files: each is refused with a message naming the file, and the engine still runs', async () => {
    const dir = path.join(CORPUS, 'files');
    await eachCase(
      readdirSync(dir).sort(),
      (name) => name,
      async (name) => {
        count('files');
        const file = path.join(dir, name);
        let error: unknown;
        try {
          await within(local.addFileAsTable(file, { tableName: 'corpus_file' }), name);
          await within(collectRows(await local.execute('SELECT * FROM corpus_file')), name);
        } catch (e) {
          error = e;
        }
        assert.ok(
          error instanceof EngineError,
          `${name}: expected a clear EngineError, got ${error === undefined ? 'success' : String(error)}`,
        );
        assert.ok(error.message.includes(name), `${name}: the message should name the file: ${error.message}`);
        if (/ragged/.test(name)) assert.match(error.message, /line \d+ has \d+/, name);
      },
    );
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

  test("Results webview messages: each is refused by the host's dispatcher with a reason, no handler runs", async () => {
    const cases = JSON.parse(readFileSync(path.join(CORPUS, 'webview-messages.json'), 'utf8')) as unknown[];
    const handled: string[] = [];
    const warnings: string[] = [];
    const replies: { ok: boolean; error?: string }[] = [];
    const dispatcher = new IpcDispatcher('Results', (r) => replies.push(r as { ok: boolean; error?: string }), {
      warn: (m) => warnings.push(m),
      error: (m) => warnings.push(m),
    });
    for (const type of [GetRowsRequest, SortRequest, FilterRequest, ExportRequest, CopyRequest, AcceptOfferRequest])
      dispatcher.onRequest(type as typeof SortRequest, () => void handled.push(type.method));
    dispatcher.onCommand(CancelCommand, () => void handled.push(CancelCommand.method));
    await eachCase(
      cases,
      (raw) => JSON.stringify(raw)?.slice(0, 80) ?? String(raw),
      async (raw) => {
        count('webview-messages');
        const before = warnings.length;
        await within(dispatcher.receive(raw), 'dispatch');
        assert.deepEqual(handled, [], 'a handler ran');
        assert.equal(warnings.length, before + 1, 'one warning says why');
        assert.ok(warnings[warnings.length - 1].length > 10 && warnings[warnings.length - 1].length < 400, warnings[warnings.length - 1]);
      },
    );
    assert.ok(
      replies.every((r) => !r.ok && (r.error ?? '').startsWith('invalid ')),
      'every request got an error reply',
    );
    await dispatcher.receive({ method: GetRowsRequest.method, id: 999, params: { runId: 'r', viewVersion: 0, start: 0, count: 200 } });
    assert.deepEqual(handled, [GetRowsRequest.method], 'a good message passes');
  });

  test(
    'playbooks and cluster configs: each gets an error or warning at a line and column, or a bomb stops rendering with one',
    { timeout: 300_000 },
    async () => {
      const cases = JSON.parse(readFileSync(path.join(CORPUS, 'playbooks.json'), 'utf8')) as ConfigCase[];
      await eachCase(
        cases,
        (c) => c.name,
        (c) => {
          count(`config-${c.kind}`);
          const text = configText(c);
          const started = performance.now();
          const vars = c.render ? new Set(Object.keys(c.render.vars)) : undefined;
          const result = validateConfig(text, { expectedKind: c.kind, vars, fileName: `corpus-${c.kind}.json` });
          for (const d of result.diagnostics) {
            assert.ok(
              d.message.length > 5 && d.message.length < 600,
              `message of ${d.message.length} characters: ${d.message.slice(0, 80)}`,
            );
            assert.ok(!UNSAFE_IN_MESSAGE.test(d.message), `raw control/bidi characters in: ${JSON.stringify(d.message.slice(0, 80))}`);
            assert.ok(d.offset >= 0 && d.offset <= text.length, `offset ${d.offset} outside the text`);
            const { line, column } = lineColumn(text, d.offset);
            assert.ok(line >= 1 && column >= 1, `position ${line}:${column}`);
          }
          if (c.render) {
            const values = new Map(Object.entries(c.render.vars).map(([k, v]) => [k, expandPlaceholders(v, c.render!.huge)]));
            const rendered = renderPlaybook(text, values, RENDER_ENV, `corpus-${c.kind}.json`);
            assert.equal(rendered.ok, false, 'the bomb rendered');
            if (rendered.ok) return;
            assert.ok(rendered.error.length > 10 && rendered.error.length < 1000, rendered.error.slice(0, 120));
            assert.match(rendered.error, /^template: corpus-\w+\.json:\d+:\d+: /, "Go's error with its line and column");
            assert.ok(
              rendered.offset !== undefined && rendered.offset >= 0 && rendered.offset <= text.length,
              `render offset ${rendered.offset}`,
            );
          } else {
            assert.ok(
              result.diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning'),
              'no error or warning',
            );
          }
          assert.ok(performance.now() - started < CASE_TIMEOUT_MS, `took ${(performance.now() - started).toFixed(0)} ms`);
        },
      );
      for (const kind of ['playbook', 'cluster'] as const) {
        assert.deepEqual(
          validateConfig(CONFIG_SAMPLES[kind], { expectedKind: kind }).diagnostics,
          [],
          `the ${kind} sample still checks clean`,
        );
        assert.equal(renderPlaybook(CONFIG_SAMPLES[kind], new Map(), RENDER_ENV).ok, true, `the ${kind} sample still renders`);
      }
    },
  );

  test('manifest items in DynamoDB: each is skipped or shown with a reason naming it, or returned exactly and usable', async () => {
    const cases = JSON.parse(readFileSync(path.join(CORPUS, 'manifest-items.json'), 'utf8')) as ManifestItemCase[];
    let n = 0;
    await eachCase(
      cases,
      (c) => c.name,
      async (c) => {
        count(`manifest-${ITEM_TABLES[c.table].reader}`);
        const layout = ITEM_TABLES[c.table];
        const tableName = `corpus-${n++}`;
        const KeySchema: KeySchemaElement[] = layout.key.map(([name], i) => ({ AttributeName: name, KeyType: i === 0 ? 'HASH' : 'RANGE' }));
        await dynamodb.send(
          new CreateTableCommand({
            TableName: tableName,
            KeySchema,
            AttributeDefinitions: layout.key.map(([name, type]) => ({ AttributeName: name, AttributeType: type })),
            BillingMode: 'PAY_PER_REQUEST',
          }),
        );
        while ((await dynamodb.send(new DescribeTableCommand({ TableName: tableName }))).Table?.TableStatus !== 'ACTIVE')
          await new Promise((r) => setTimeout(r, 10));
        const item = itemAttributes(c.item);
        await dynamodb.send(new PutItemCommand({ TableName: tableName, Item: item }));
        const checkMessages = (messages: string[]): void => {
          for (const m of messages) {
            assert.ok(m.length > 20 && m.length < 600, `message of ${m.length} characters: ${m.slice(0, 80)}`);
            assert.ok(!UNSAFE_IN_MESSAGE.test(m), `raw control/bidi characters in: ${JSON.stringify(m.slice(0, 80))}`);
          }
        };
        if (layout.reader === 'run') {
          const table = new RunManifestTable(dynamodb, tableName);
          const { items, ignored } = await within(table.scanAll({ segments: 2 }), c.name);
          checkMessages(ignored.messages);
          if (c.expect === 'ignored') {
            assert.deepEqual(items, []);
            assert.equal(ignored.count, 1);
            assert.match(ignored.messages[0], /ignored/);
            return;
          }
          assert.equal(items.length, 1);
          assert.equal(items[0].runId, item.RunId.S, 'the run id comes back exactly');
          assert.equal(ignored.count, c.expect === 'note' ? 1 : 0, ignored.messages.join(' | '));
          if (c.expect === 'note') assert.match(ignored.messages[0], /not a string/);
          const text = runEntryText({ runId: items[0].runId, folder: runFolderName(items[0].runId), state: 'orphaned', mark: items[0] });
          assert.ok(
            text.label.length <= 2048 && (text.description ?? '').length < 200 && (text.tooltip ?? '').length < 3000,
            'tree text is bounded',
          );
          assert.deepEqual(await table.get(items[0].runId), items[0]);
          const unmarked = await table.unmark(items[0]);
          assert.equal(
            unmarked.status,
            c.expect === 'note' && item.MarkId !== undefined ? 'conflict' : 'unmarked',
            'an unmark from what was read',
          );
          return;
        }
        const table = new EventManifestTable(dynamodb, tableName);
        const page = await within(table.browse({ limit: 10 }), c.name);
        checkMessages(page.ignored.messages);
        assert.equal(await table.count({ segments: 2 }), 1, 'counted server-side either way');
        if (c.expect === 'ignored') {
          assert.deepEqual(page.items, []);
          assert.equal(page.ignored.count, 1);
          assert.match(page.ignored.messages[0], /ignored/);
          return;
        }
        assert.equal(page.items.length, 1);
        assert.equal(page.items[0].eventId, item.eventId.S);
        assert.equal(page.items[0].fingerprint, item.fingerprint.S);
        assert.equal(page.ignored.count, c.expect === 'note' ? 1 : 0, page.ignored.messages.join(' | '));
        const byId = await table.browse({ eventId: page.items[0].eventId, fingerprint: page.items[0].fingerprint });
        assert.deepEqual(byId.items, page.items, 'found again by its exact keys');
      },
    );
  });

  test('at least 150 inputs were tried, with no unhandled rejection', () => {
    const total = Object.values(tried).reduce((a, b) => a + b, 0);
    assert.ok(total >= 150, `only ${total} inputs`);
    assert.deepEqual(unhandled, []);
  });
});
