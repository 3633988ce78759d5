// Scenario 20: every engine kind in the real editor. For the local DuckDB engine, PostgreSQL over
// the wire, Redshift through the Data API and Athena (both on the loopback AWS server), a user
// picks the connection in the status bar, clicks "Run" above a statement, and the Results grid
// shows exactly the engine's rows; sorting by a header orders them as the engine's ORDER BY does;
// the CSV button writes a file equal to the engine's own CSV. On the local engine, PostgreSQL and
// Athena a million-row statement is scrolled to its last row, sorted and exported as well.
// Servers and code-server are started here (the shared code-server lacks the AWS credentials).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { splitStatements } from '../../src/core/sql/split';
import { openEngineWorkbench, startCodeServer, type CodeServer, type EngineWorkbench } from './support/engines-editor';
import {
  duckDbCsv,
  duckDbText,
  gridText,
  openDuckDb,
  parseCsv,
  postgresCsv,
  postgresText,
  type TextResult,
  type TextRow,
} from './support/engines-expected';
import { startEngineServers, type EngineServers } from './support/engines-servers';
import {
  exportCsvTo,
  gridHead,
  gridKeys,
  openFile,
  pickConnection,
  renderedRow,
  runFromLens,
  saveExportAs,
  sortDescending,
} from './support/engines-ui';
import { readResultsGrid, resultsFrame, runCommand } from './support/vscode-page';

const LOCAL = 'Local (DuckDB)';
const POSTGRES = 'Warehouse (PostgreSQL)';
const REDSHIFT = 'Redshift (Data API)';
const ATHENA = 'Athena (loopback)';

/** 40 rows: integers, text with commas and quotes, an empty string every 10th row, decimals with
 * NULLs, dates. `series` yields `i` from 1 to 40. */
const typedRows = (series: string): string =>
  `SELECT i AS id,
       CASE WHEN i % 10 = 0 THEN '' ELSE 'item ' || i || CASE WHEN i % 3 = 0 THEN ', "quoted"' ELSE '' END END AS label,
       CASE WHEN i % 4 = 0 THEN NULL ELSE CAST(i * 1.25 AS DECIMAL(10,2)) END AS amount,
       DATE '2024-06-03' + CAST(i AS INTEGER) AS day
FROM ${series}
ORDER BY id`;
/** A million rows; `scrambled` is a permutation of the ids' residues (1000003 is prime), so a
 * sort by it has no ties. Every 1000th label is NULL (the last row's too), every 7th is quoted. */
const MILLION = 1_000_000;
const millionRows = (series: string): string =>
  `SELECT i AS id,
       CASE WHEN i % 1000 = 999 THEN NULL WHEN i % 7 = 0 THEN 'row ' || i || ', "seventh"' ELSE 'row ' || i END AS label,
       (i * 7919) % 1000003 AS scrambled
FROM ${series}
ORDER BY id`;
const AMOUNT = 2;
const SCRAMBLED = 2;
const sortedBy = (sql: string, column: string): string => `SELECT * FROM (${sql}) AS q ORDER BY ${column} DESC NULLS LAST, id`;

const SQL = {
  localSmall: typedRows('range(1, 41) AS t(i)'),
  localMillion: millionRows('range(0, 1000000) AS t(i)'),
  pgSmall: typedRows('generate_series(1, 40) AS t(i)'),
  pgMillion: millionRows('generate_series(0::bigint, 999999) AS t(i)'),
  // The Athena catalog holds a table (created in the loopback's DuckDB below); users query tables.
  athenaTable: `CREATE TABLE web_orders AS ${typedRows('range(1, 41) AS t(i)')}`,
  athena: 'SELECT id, label, amount, day FROM web_orders ORDER BY id',
  athenaMillionTable: `CREATE TABLE page_views AS ${millionRows('range(0, 1000000) AS t(i)')}`,
  athenaMillion: 'SELECT id, label, scrambled FROM page_views ORDER BY id',
  // Past dataWorkbench.redshift.unloadOfferRows (set to UNLOAD_OFFER_ROWS below): offered UNLOAD.
  pgUnload: typedRows('generate_series(1, 3000) AS t(i)'),
};
const UNLOAD_OFFER_ROWS = 1000;
const UNLOAD_LOCATION = 's3://dw-unload/exports/';
const FILES: Record<string, string[]> = {
  'local.sql': [SQL.localSmall, SQL.localMillion],
  'warehouse.sql': [SQL.pgSmall, SQL.pgMillion],
  'redshift.sql': [SQL.pgSmall, SQL.pgUnload],
  'athena.sql': [SQL.athena, SQL.athenaMillion],
};

let servers: EngineServers;
let editor: CodeServer;
let wb: EngineWorkbench;
let workspace: string;
let scratch: string;
let duck: Awaited<ReturnType<typeof openDuckDb>>;
let settings: Record<string, unknown>;

function fileText(statements: string[]): string {
  return `-- Data Workbench engine E2E\n\n${statements.map((s) => `${s};\n`).join('\n')}`;
}

/** The 1-based line of statement `index` of a workspace file, as the runner titles its run. */
function statementLine(file: string, index: number): number {
  const s = splitStatements(fileText(FILES[file]))[index];
  if (!s) throw new Error(`${file} has no statement ${index + 1}`);
  return s.line + 1;
}

const timings: string[] = [];
async function timed<T>(what: string, f: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  try {
    return await f();
  } finally {
    timings.push(`${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

before(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'dw-e2e-engines-'));
  workspace = path.join(scratch, 'workspace');
  mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  mkdirSync(path.join(workspace, 'exports'));
  mkdirSync(path.join(scratch, 'engine'));
  [servers, duck] = await timed('servers', () => Promise.all([startEngineServers(), openDuckDb()]));
  for (const table of [SQL.athenaTable, SQL.athenaMillionTable]) {
    await servers.aws.athenaSql(table);
    await duck.run(table);
  }
  for (const [file, statements] of Object.entries(FILES)) writeFileSync(path.join(workspace, file), fileText(statements));
  const pg = servers.postgres;
  // Connection details only: no password (it is typed into the prompt below) and no AWS keys.
  const connections = [
    { name: POSTGRES, kind: 'postgres', host: pg.host, port: pg.port, database: pg.database, user: pg.user },
    {
      ...servers.aws.redshift,
      name: REDSHIFT,
      unloadS3Location: UNLOAD_LOCATION,
      unloadIamRole: 'arn:aws:iam::123456789012:role/RedshiftUnload',
    },
    { ...servers.aws.athena, name: ATHENA },
  ];
  settings = { 'dataWorkbench.connections': connections, 'dataWorkbench.redshift.unloadOfferRows': UNLOAD_OFFER_ROWS };
  writeFileSync(path.join(workspace, '.vscode/settings.json'), JSON.stringify(settings, null, 2));
  editor = await timed('code-server', () =>
    startCodeServer(workspace, {
      // Any well-formed keys: the loopback server checks signatures' shape, not the secret.
      AWS_ACCESS_KEY_ID: 'AKIDLOOPBACKTEST',
      AWS_SECRET_ACCESS_KEY: 'loopback-secret',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: path.join(scratch, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(scratch, 'no-aws-credentials'),
    }),
  );
  wb = await timed('workbench', () => openEngineWorkbench(editor, workspace));
});

after(async () => {
  await wb?.close();
  await editor?.stop();
  duck?.dispose();
  await servers?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  console.log(`engine E2E timings:\n  ${timings.join('\n  ')}`);
});

const display = (rows: TextRow[]): string[][] => rows.map((r) => r.map(gridText));

/** The exported file against the engine's own CSV, parsed (quoting may differ legitimately, NULL
 * vs empty string must not). Returns whether the bytes matched too, line ends aside. */
function assertSameCsv(exported: string, engine: string): boolean {
  const a = readFileSync(exported, 'utf8');
  const b = readFileSync(engine, 'utf8');
  const ra = parseCsv(a);
  const rb = parseCsv(b);
  assert.equal(ra.length, rb.length, `exported CSV has ${ra.length} lines, the engine's ${rb.length}`);
  for (let i = 0; i < ra.length; i++) {
    if (JSON.stringify(ra[i]) !== JSON.stringify(rb[i])) assert.deepEqual(ra[i], rb[i], `CSV line ${i + 1} differs`);
  }
  return a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');
}

interface SmallCase {
  slug: string;
  connection: string;
  file: string;
  password?: string;
  expected(): Promise<TextResult>;
  sorted(): Promise<TextResult>;
  engineCsv(file: string): Promise<void>;
}

async function runSmall(c: SmallCase): Promise<void> {
  const { page } = wb;
  const expected = c.expected();
  const sorted = c.sorted();
  expected.catch(() => {});
  sorted.catch(() => {});
  await timed(`${c.slug}: pick connection`, () => pickAndShot(c.slug, c.file, c.connection));
  const { frame, prompted } = await timed(`${c.slug}: run`, () =>
    runFromLens(page, c.file, 0, statementLine(c.file, 0), c.connection, { password: c.password }),
  );
  if (c.password !== undefined) {
    assert.ok(prompted, `running on ${c.connection} should ask for its password (none is stored)`);
    assert.ok(
      !readFileSync(path.join(workspace, '.vscode/settings.json'), 'utf8').includes(c.password),
      'the password must not reach the settings',
    );
  }
  await wb.shot(`${c.slug}-1-results`);

  const want = await expected;
  const grid = await readResultsGrid(frame);
  assert.deepEqual(grid.columns, want.columns);
  assert.equal(grid.rowCount, want.rows.length);
  assert.equal(grid.ariaRowCount, want.rows.length + 1);
  assert.deepEqual(grid.rows, display(want.rows), `${c.connection}: grid rows differ from the engine's`);

  await timed(`${c.slug}: sort`, () => sortDescending(frame, AMOUNT));
  const sortedGrid = await readResultsGrid(frame);
  await wb.shot(`${c.slug}-2-sorted`);
  assert.deepEqual(
    sortedGrid.rows,
    display((await sorted).rows),
    `${c.connection}: sorted by ${want.columns[AMOUNT]} descending, the grid differs from the engine's ORDER BY`,
  );

  const exported = path.join(workspace, 'exports', `${c.slug}.csv`);
  const engineFile = path.join(scratch, 'engine', `${c.slug}.csv`);
  await Promise.all([timed(`${c.slug}: export`, () => exportCsvTo(page, frame, exported)), c.engineCsv(engineFile)]);
  await wb.shot(`${c.slug}-3-exported`);
  const sameBytes = assertSameCsv(exported, engineFile);
  timings.push(`${c.slug}: CSV bytes equal to the engine's (line ends aside): ${sameBytes}`);
}

/** Opens the file (the extension activates on the first SQL file, as for a user) and picks the
 * connection in the status bar. */
async function pickAndShot(slug: string, file: string, connection: string): Promise<void> {
  // Back to the editors on the left (the Results panel, beside, may have the focus after an export).
  await wb.page
    .locator('.part.editor .editor-group-container')
    .first()
    .click({ position: { x: 300, y: 200 } });
  await openFile(wb.page, file);
  await pickConnection(wb.page, connection);
  await wb.shot(`${slug}-0-connection`);
}

interface MillionCase {
  slug: string;
  connection: string;
  file: string;
  /** The engine's CSV of the statement, and its top rows by `scrambled` descending. */
  engineCsv(file: string): Promise<void>;
  top(): Promise<TextResult>;
}

async function runMillion(c: MillionCase): Promise<void> {
  const { page } = wb;
  const engineFile = path.join(scratch, 'engine', `${c.slug}.csv`);
  const engineOutput = c.engineCsv(engineFile).then(() => parseCsv(readFileSync(engineFile, 'utf8')));
  const top = c.top();
  engineOutput.catch(() => {});
  top.catch(() => {});
  await timed(`${c.slug}: pick connection`, () => pickAndShot(c.slug, c.file, c.connection));
  const { frame } = await timed(`${c.slug}: run 1M rows`, () =>
    runFromLens(page, c.file, 1, statementLine(c.file, 1), c.connection, { timeoutMs: 400_000 }),
  );
  await wb.shot(`${c.slug}-1-results`);
  const head = await gridHead(frame);
  const engineRows = await engineOutput;
  const [header, ...rows] = engineRows;
  assert.equal(rows.length, MILLION);
  assert.deepEqual(head.columns, header);
  assert.equal(head.rowCount, MILLION, '#row-count');
  assert.equal(head.ariaRowCount, MILLION + 1, 'aria-rowcount');
  assert.deepEqual(await renderedRow(frame, 0), display([rows[0]])[0], 'first row');

  await timed(`${c.slug}: Ctrl+End to the last row`, async () => {
    await gridKeys(page, frame, 'Control+End');
    assert.deepEqual(await renderedRow(frame, MILLION - 1, 60_000), display([rows[MILLION - 1]])[0], 'last row after Ctrl+End');
  });
  await wb.shot(`${c.slug}-2-last-row`);

  await timed(`${c.slug}: sort 1M rows`, () => sortDescending(frame, SCRAMBLED, 180_000));
  await gridKeys(page, frame, 'Control+Home');
  const want = display((await top).rows);
  for (let i = 0; i < want.length; i++) assert.deepEqual(await renderedRow(frame, i, 60_000), want[i], `sorted row ${i}`);
  await wb.shot(`${c.slug}-3-sorted`);

  const exported = path.join(workspace, 'exports', `${c.slug}.csv`);
  await timed(`${c.slug}: export 1M rows`, () =>
    exportCsvTo(page, frame, exported, Number(process.env.DW_E2E_EXPORT_MS ?? 300_000)).catch(async (e: unknown) => {
      await wb.shot(`${c.slug}-4-export-failed`);
      throw e;
    }),
  );
  await wb.shot(`${c.slug}-4-exported`);
  const sameBytes = await timed(`${c.slug}: compare CSV`, async () => assertSameCsv(exported, engineFile));
  timings.push(`${c.slug}: CSV bytes equal to the engine's (line ends aside): ${sameBytes}`);
}

test('Local (DuckDB): Run from a CodeLens, grid = DuckDB, sort, CSV = DuckDB COPY', { timeout: 600_000 }, () =>
  runSmall({
    slug: 'local',
    connection: LOCAL,
    file: 'local.sql',
    expected: () => duckDbText(duck, SQL.localSmall),
    sorted: () => duckDbText(duck, sortedBy(SQL.localSmall, 'amount')),
    engineCsv: (f) => duckDbCsv(duck, SQL.localSmall, f),
  }),
);

test('Local (DuckDB): 1M rows, last row after Ctrl+End, sorted by a header, CSV = DuckDB COPY', { timeout: 900_000 }, () =>
  runMillion({
    slug: 'local-1m',
    connection: LOCAL,
    file: 'local.sql',
    engineCsv: (f) => duckDbCsv(duck, SQL.localMillion, f),
    top: () => duckDbText(duck, `${sortedBy(SQL.localMillion, 'scrambled')} LIMIT 3`),
  }),
);

test('PostgreSQL (wire): password typed into the prompt, grid = pg, sort, CSV = psql COPY', { timeout: 600_000 }, () =>
  runSmall({
    slug: 'postgres',
    connection: POSTGRES,
    file: 'warehouse.sql',
    password: servers.postgres.password,
    expected: () => postgresText(servers.postgres, SQL.pgSmall),
    sorted: () => postgresText(servers.postgres, sortedBy(SQL.pgSmall, 'amount')),
    engineCsv: async (f) => postgresCsv(servers.postgres, SQL.pgSmall, f),
  }),
);

test('PostgreSQL (wire): 1M rows, last row after Ctrl+End, sorted by a header, CSV = psql COPY', { timeout: 900_000 }, () =>
  runMillion({
    slug: 'postgres-1m',
    connection: POSTGRES,
    file: 'warehouse.sql',
    engineCsv: async (f) => postgresCsv(servers.postgres, SQL.pgMillion, f),
    top: () => postgresText(servers.postgres, `${sortedBy(SQL.pgMillion, 'scrambled')} LIMIT 3`),
  }),
);

// The Data API loopback runs on a PostgreSQL of its own (same binaries as ours): the statement is
// self-contained, so the engine's answer is computed on our PostgreSQL directly.
test('Redshift (Data API, loopback): grid = PostgreSQL, sort, CSV = psql COPY', { timeout: 600_000 }, () =>
  runSmall({
    slug: 'redshift',
    connection: REDSHIFT,
    file: 'redshift.sql',
    expected: () => postgresText(servers.postgres, SQL.pgSmall),
    sorted: () => postgresText(servers.postgres, sortedBy(SQL.pgSmall, 'amount')),
    engineCsv: async (f) => postgresCsv(servers.postgres, SQL.pgSmall, f),
  }),
);

// A result past the UNLOAD offer threshold: the panel offers UNLOAD to S3 beside the streaming
// rows; accepting it runs UNLOAD on the loopback (inner query on PostgreSQL, CSV parts and a
// manifest written to its s3rver) and the grid then holds the rows read back from S3.
test(
  'Redshift (Data API, loopback): a large result offers UNLOAD to S3; accepted, the grid = PostgreSQL, CSV = psql COPY',
  { timeout: 600_000 },
  async () => {
    const { page } = wb;
    const expected = postgresText(servers.postgres, SQL.pgUnload);
    expected.catch(() => {});
    const line = statementLine('redshift.sql', 1);
    await timed('redshift-unload: pick connection', () => pickAndShot('redshift-unload', 'redshift.sql', REDSHIFT));
    const { frame } = await timed('redshift-unload: run', () => runFromLens(page, 'redshift.sql', 1, line, REDSHIFT));
    const offer = frame.locator('#offer:not([hidden])');
    await offer.waitFor({ timeout: 30_000 });
    assert.match((await frame.locator('#offer-text').textContent()) ?? '', /UNLOAD/i);
    await wb.shot('redshift-unload-1-offer');

    await timed('redshift-unload: UNLOAD and read back', async () => {
      await frame.locator('#offer-action').click();
      await frame.locator('#title', { hasText: `redshift.sql:${line} → S3` }).waitFor({ timeout: 120_000 });
      await frame.locator('body[data-state="done"], body[data-state="error"]').waitFor({ timeout: 120_000 });
    });
    await wb.shot('redshift-unload-2-from-s3');
    assert.equal(await frame.locator('body').getAttribute('data-state'), 'done', (await frame.locator('#error').textContent()) ?? '');
    const info = (await frame.locator('#info').textContent()) ?? '';
    assert.ok(info.includes(UNLOAD_LOCATION.slice('s3://'.length)), `the panel names the S3 folder: ${info}`);
    const want = await expected;
    const head = await gridHead(frame);
    assert.deepEqual(head.columns, want.columns);
    assert.equal(head.rowCount, want.rows.length);
    assert.deepEqual(await renderedRow(frame, 0), display([want.rows[0]])[0], 'first row');
    await gridKeys(page, frame, 'Control+End');
    assert.deepEqual(await renderedRow(frame, want.rows.length - 1), display([want.rows[want.rows.length - 1]])[0], 'last row');

    const exported = path.join(workspace, 'exports', 'redshift-unload.csv');
    const engineFile = path.join(scratch, 'engine', 'redshift-unload.csv');
    await Promise.all([
      timed('redshift-unload: export', () => exportCsvTo(page, frame, exported)),
      postgresCsv(servers.postgres, SQL.pgUnload, engineFile),
    ]);
    const sameBytes = assertSameCsv(exported, engineFile);
    timings.push(`redshift-unload: CSV bytes equal to the engine's (line ends aside): ${sameBytes}`);
  },
);

// The loopback Athena executes on DuckDB; the same table is created in our DuckDB.
test('Athena (loopback): grid = DuckDB, sort, CSV = DuckDB COPY', { timeout: 600_000 }, () =>
  runSmall({
    slug: 'athena',
    connection: ATHENA,
    file: 'athena.sql',
    expected: () => duckDbText(duck, SQL.athena),
    sorted: () => duckDbText(duck, sortedBy(SQL.athena, 'amount')),
    engineCsv: (f) => duckDbCsv(duck, SQL.athena, f),
  }),
);

// Athena keeps every result in S3: the query history offers it again without a new scan. The
// table gains a row after the run, so a re-run would show 41 rows; the stored result shows the 40
// the run returned, equal to DuckDB's.
test('Athena (loopback): Query History shows the stored result again without running the statement', { timeout: 600_000 }, async () => {
  const { page } = wb;
  const expected = await duckDbText(duck, SQL.athena);
  await timed('athena-stored: pick connection', () => pickAndShot('athena-stored', 'athena.sql', ATHENA));
  await timed('athena-stored: run', () => runFromLens(page, 'athena.sql', 0, statementLine('athena.sql', 0), ATHENA));
  await servers.aws.athenaSql("INSERT INTO web_orders VALUES (41, 'added after the run', NULL, DATE '2024-07-15')");
  try {
    await timed('athena-stored: history → Show Stored Result', async () => {
      await runCommand(page, 'Data Workbench: Show Query History');
      const item = page.locator('.quick-input-list .monaco-list-row', { hasText: 'FROM web_orders' }).first();
      await item.waitFor({ timeout: 30_000 });
      await item.hover();
      await item.locator('.codicon-cloud-download').click();
    });
    const frame = resultsFrame(page);
    await frame.locator('#title', { hasText: /\(stored\)$/ }).waitFor({ timeout: 60_000 });
    await frame.locator('body[data-state="done"], body[data-state="error"]').waitFor({ timeout: 60_000 });
    await wb.shot('athena-stored-1-shown');
    assert.equal(await frame.locator('body').getAttribute('data-state'), 'done', (await frame.locator('#error').textContent()) ?? '');
    const head = await gridHead(frame);
    assert.deepEqual(head.columns, expected.columns);
    assert.equal(head.rowCount, expected.rows.length, 'the stored result, not a new run (the table has one more row now)');
    const want = display(expected.rows);
    assert.deepEqual(await renderedRow(frame, 0), want[0], 'first row');
    await gridKeys(page, frame, 'Control+End');
    assert.deepEqual(await renderedRow(frame, want.length - 1), want[want.length - 1], 'last row');
    assert.match((await frame.locator('#info').textContent()) ?? '', /read directly from S3/);
  } finally {
    await servers.aws.athenaSql('DELETE FROM web_orders WHERE id = 41');
  }
});

// A million Athena rows read straight from the result file in S3 and kept as blocks of its bytes
// (rows are built only when shown, sorted or exported): the same checks as the local engine's.
test(
  'Athena (loopback): 1M rows from the result file, last row after Ctrl+End, sorted by a header, CSV = DuckDB COPY',
  { timeout: 900_000 },
  () =>
    runMillion({
      slug: 'athena-1m',
      connection: ATHENA,
      file: 'athena.sql',
      engineCsv: (f) => duckDbCsv(duck, SQL.athenaMillion, f),
      top: () => duckDbText(duck, `${sortedBy(SQL.athenaMillion, 'scrambled')} LIMIT 3`),
    }),
);

// A result larger than dataWorkbench.results.memoryLimitMB: the grid keeps its first rows and
// says so, the warning offers "Export All Rows…", and the export (the statement only reads, so
// it runs again) writes all million rows, equal to DuckDB's own CSV.
const MEMORY_LIMIT_MB = 16;
test(
  'Local (DuckDB): a result past the memory limit keeps its first rows; Export All Rows… writes all 1M = DuckDB COPY',
  { timeout: 900_000 },
  async () => {
    const { page } = wb;
    const engineFile = path.join(scratch, 'engine', 'local-limit.csv');
    const engineCsv = duckDbCsv(duck, SQL.localMillion, engineFile);
    engineCsv.catch(() => {});
    const settingsFile = path.join(workspace, '.vscode/settings.json');
    writeFileSync(settingsFile, JSON.stringify({ ...settings, 'dataWorkbench.results.memoryLimitMB': MEMORY_LIMIT_MB }, null, 2));
    try {
      await timed('local-limit: pick connection', () => pickAndShot('local-limit', 'local.sql', LOCAL));
      // The workbench reloads settings.json on change, a moment after the write: a run that still
      // saw the old limit (all rows kept) is run again, a few times at most.
      let frame: Awaited<ReturnType<typeof runFromLens>>['frame'] | undefined;
      let head: Awaited<ReturnType<typeof gridHead>> | undefined;
      for (let attempt = 1; attempt <= 3 && (!head || head.rowCount === MILLION); attempt++) {
        await new Promise((r) => setTimeout(r, 3000));
        ({ frame } = await timed(`local-limit: run 1M rows (attempt ${attempt})`, () =>
          runFromLens(page, 'local.sql', 1, statementLine('local.sql', 1), LOCAL, { timeoutMs: 400_000 }),
        ));
        head = await gridHead(frame);
      }
      if (!frame || !head) throw new Error('the statement did not run');
      assert.ok(head.rowCount > 0 && head.rowCount < MILLION, `the grid keeps the first rows only: ${head.rowCount}`);
      const info = (await frame.locator('#info').textContent()) ?? '';
      assert.match(
        info,
        new RegExp(`showing the first ${head.rowCount} rows: the result passed the ${MEMORY_LIMIT_MB} MB memory limit`),
        info,
      );
      // The warning may already have left its toast for the notification center: look there.
      await runCommand(page, 'Notifications: Show Notifications');
      const toast = page.locator('.notifications-center .notification-list-item', { hasText: 'memory limit' });
      await toast.waitFor({ timeout: 30_000 }).catch(async (e: unknown) => {
        await wb.shot('local-limit-1-no-warning');
        throw e;
      });
      await wb.shot('local-limit-1-warning');

      const exported = path.join(workspace, 'exports', 'local-limit.csv');
      await timed('local-limit: Export All Rows…', async () => {
        await toast.locator('.monaco-button', { hasText: 'Export All Rows…' }).click();
        const csv = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: /^CSV/ });
        await csv.waitFor({ timeout: 30_000 });
        await csv.click();
        await saveExportAs(page, exported, Number(process.env.DW_E2E_EXPORT_MS ?? 300_000));
      });
      await wb.shot('local-limit-2-exported');
      await engineCsv;
      const sameBytes = assertSameCsv(exported, engineFile);
      timings.push(
        `local-limit: kept ${head.rowCount} rows in the grid; CSV of all ${MILLION} bytes equal to the engine's (line ends aside): ${sameBytes}`,
      );
    } finally {
      writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
    }
  },
);
