// In-host tests of the Results panel host with the real vscode API: a real webview panel, real
// commands, real files. The execution comes from the local DuckDB engine when that backend is in
// the build; otherwise from an in-process page generator (this is a host-plumbing test).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_LOCAL_CONNECTION } from '../../src/core/connections/types';
import { CancelledError, EngineError, type ColumnInfo, type Engine, type QueryExecution, type Row } from '../../src/core/engines/engine';
import { createEngine } from '../../src/core/engines/factory';
import { QueryHistory, type HistoryStorage } from '../../src/core/results/history';
import type { ResultsRun } from '../../src/editor/results/api';
import { locate, renderHtml, ResultsPanel } from '../../src/editor/results/resultsPanel';

const EXTENSION_ID = 'data-workbench.data-workbench';
const HOSTILE = '<img src=x onerror=alert(1)>';

class MemoryStorage implements HistoryStorage {
  private data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, value);
  }
}

const COLUMNS: ColumnInfo[] = [
  { name: 'id', type: 'BIGINT', family: 'integer' },
  { name: HOSTILE, type: 'VARCHAR', family: 'string' },
  { name: 'score', type: 'DOUBLE', family: 'float' },
];
const rowFor = (i: number): Row => [i, i % 7 === 0 ? null : `<script>alert(${i})</script>, "q"\n${i}`, i / 4];

/** The same rows as rowFor, computed by DuckDB when the local engine is part of the build. */
const DUCK_SQL = (n: number) =>
  `SELECT range AS id, CASE WHEN range % 7 = 0 THEN NULL ELSE '<script>alert(' || range || ')</script>, "q"' || chr(10) || range END AS "${HOSTILE}", range / 4 AS score FROM range(${n})`;

let duck: Engine | undefined;

/** Pages from an in-process generator; honours the AbortSignal like an engine does. */
function generated(n: number, signal: AbortSignal, pageSize = 1000, delayMs = 0): QueryExecution {
  async function* pages(): AsyncIterable<Row[]> {
    for (let start = 0; start < n; start += pageSize) {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (signal.aborted) throw new CancelledError();
      const page: Row[] = [];
      for (let i = start; i < Math.min(n, start + pageSize); i++) page.push(rowFor(i));
      yield page;
    }
  }
  return { columns: COLUMNS, pages: pages(), info: { notes: ['synthetic'] } };
}

function makeRun(
  title: string,
  execution: (signal: AbortSignal) => Promise<QueryExecution>,
  sql = 'select 1',
): ResultsRun & { cancelled: () => boolean } {
  const controller = new AbortController();
  return {
    id: `${title}-${Math.random().toString(36).slice(2)}`,
    title,
    sql,
    connectionName: 'local',
    engineKind: 'local',
    startedAt: Date.now(),
    execution: execution(controller.signal),
    cancel: () => controller.abort(),
    cancelled: () => controller.signal.aborted,
  };
}

async function execution(n: number, signal: AbortSignal): Promise<QueryExecution> {
  if (duck) return duck.execute(DUCK_SQL(n), { signal, pageSize: 2048 });
  return generated(n, signal);
}

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function webviewTab(title: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && t.label === title && t.input.viewType.includes('dataWorkbench.results'));
}

describe('Results panel (host)', function () {
  this.timeout(120_000);
  let panel: ResultsPanel;
  let storage: MemoryStorage;
  let history: QueryHistory;
  let dir: string;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    await ext.activate();
    try {
      duck = await createEngine(DEFAULT_LOCAL_CONNECTION, { cacheDir: mkdtempSync(path.join(os.tmpdir(), 'dw-results-duck-')) });
      await duck.connect();
      console.log('results tests: rows from the local DuckDB engine');
    } catch (e) {
      duck = undefined;
      console.log(
        `results tests: local DuckDB engine unavailable (${e instanceof Error ? e.message : e}); using an in-process page generator`,
      );
    }
    storage = new MemoryStorage();
    history = new QueryHistory(storage);
    panel = new ResultsPanel(ext.extensionUri, history, undefined);
    dir = mkdtempSync(path.join(os.tmpdir(), 'dw-results-it-'));
  });

  after(async () => {
    panel?.dispose();
    await duck?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('showRun opens one webview panel titled as given and resolves with the row count', async () => {
    const run = makeRun('events.sql:12', (signal) => execution(25_000, signal));
    const summary = await panel.showRun(run);
    assert.equal(summary.rowCount, 25_000);
    assert.equal(summary.cancelled, false);
    assert.deepEqual(
      summary.columns.map((c) => c.name),
      ['id', HOSTILE, 'score'],
    );
    await waitFor(() => webviewTab('events.sql:12'), 'the Results tab');
    assert.equal(panel.active?.session.store.get(24_999)[0], 24_999);

    // a second run reuses the same panel, retitled
    const again = await panel.showRun(makeRun('events.sql:40', (signal) => execution(10, signal)));
    assert.equal(again.rowCount, 10);
    await waitFor(() => webviewTab('events.sql:40'), 'the retitled tab');
    assert.equal(webviewTab('events.sql:12'), undefined);
    assert.equal(
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('dataWorkbench.results')).length,
      1,
    );
  });

  it('the page is served under a strict CSP with a fresh nonce, and data never goes into the HTML', () => {
    const html = panel.webviewPanel?.webview.html ?? '';
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const src = panel.webviewPanel!.webview.cspSource;
    assert.equal(
      csp.replace(/'nonce-[A-Za-z0-9+/=]{16,}'/g, "'nonce-N'"),
      `default-src 'none'; script-src 'nonce-N'; style-src ${src} 'nonce-N'; img-src ${src} data:; font-src ${src}`,
    );
    assert.ok(!html.includes(HOSTILE) && !html.includes('<script>alert'), 'no result data in the HTML');
    assert.doesNotMatch(html, /\son\w+=/i, 'no inline event handlers');
    const webview = panel.webviewPanel!.webview;
    const other = renderHtml(webview, vscode.Uri.file('/x'));
    const nonce = (h: string) => /'nonce-([^']+)'/.exec(h)?.[1];
    assert.notEqual(nonce(other), nonce(html), 'a new nonce per load');
  });

  it('exportResults streams the full result: CSV and JSON lines read back equal to the rows', async () => {
    const rows = 3000;
    await panel.showRun(makeRun('export.sql:1', (signal) => execution(rows, signal)));
    const csv = await panel.exportResults('csv', path.join(dir, 'out.csv'));
    assert.equal(csv, path.join(dir, 'out.csv'));
    const text = readFileSync(csv, 'utf8');
    assert.ok(text.startsWith(`id,${HOSTILE},score\r\n0,,0\r\n1,"<script>alert(1)</script>, ""q""\n1",0.25\r\n`));
    const jsonl = await panel.exportResults('jsonl', path.join(dir, 'out.jsonl'));
    const lines = readFileSync(jsonl!, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, rows);
    lines.forEach((obj, i) => assert.deepEqual(obj, { id: i, [HOSTILE]: rowFor(i)[1], score: i / 4 }));
  });

  it('exportResults writes Parquet that DuckDB reads back', async () => {
    const file = await panel.exportResults('parquet', path.join(dir, 'out.parquet'));
    assert.ok(file);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    try {
      const reader = await conn.runAndReadAll(
        `SELECT count(*)::INTEGER, sum(id)::BIGINT, count("${HOSTILE}")::INTEGER, max(score) FROM read_parquet('${file!.replace(/'/g, "''")}')`,
      );
      const [count, sum, nonNull, maxScore] = reader.getRowsJS()[0];
      assert.equal(count, 3000);
      assert.equal(Number(sum), (2999 * 3000) / 2);
      assert.equal(nonNull, 3000 - Math.ceil(3000 / 7));
      assert.equal(maxScore, 2999 / 4);
    } finally {
      conn.closeSync();
      db.closeSync();
    }
  });

  it('cancel stops the stream and resolves as cancelled with the rows received', async () => {
    const run = makeRun('slow.sql:1', async (signal) => generated(10_000_000, signal, 500, 20));
    const pending = panel.showRun(run);
    await waitFor(() => ((panel.active?.session.rowCount ?? 0) >= 1000 ? true : undefined), 'some rows');
    assert.equal(panel.cancelCurrent(), true);
    const summary = await pending;
    assert.equal(summary.cancelled, true);
    assert.equal(run.cancelled(), true);
    assert.ok(summary.rowCount >= 1000 && summary.rowCount < 10_000_000);
  });

  it('a new run cancels the one still running', async () => {
    const first = makeRun('first.sql:1', async (signal) => generated(10_000_000, signal, 500, 20));
    const firstDone = panel.showRun(first);
    await waitFor(() => ((panel.active?.session.rowCount ?? 0) > 0 ? true : undefined), 'first rows');
    const second = await panel.showRun(makeRun('second.sql:1', (signal) => execution(5, signal)));
    assert.equal(second.rowCount, 5);
    assert.equal((await firstDone).cancelled, true);
    assert.equal(first.cancelled(), true);
  });

  it('an engine error rejects after being shown, with line and column; history records every outcome', async () => {
    const sql = 'select *\n  frm events';
    const error = new EngineError('syntax error at or near "frm"', { category: 'syntax', position: 12 });
    const run = makeRun(
      'bad.sql:3',
      async () => {
        throw error;
      },
      sql,
    );
    await assert.rejects(panel.showRun(run), (e) => e === error);
    assert.deepEqual(locate({ sql }, 12), { line: 2, column: 3 }, 'position 12 is the f of frm');
    assert.deepEqual(
      locate({ sql, locate: (p) => ({ line: 40, column: p }) }, 12),
      { line: 40, column: 12 },
      "the runner's document mapping wins",
    );
    await waitFor(() => (history.list()[0]?.id === run.id ? true : undefined), 'history entry');
    const [failed] = history.list();
    assert.equal(failed.status, 'error');
    assert.equal(failed.sql, sql);
    assert.equal(failed.error, 'syntax error at or near "frm"');
    const statuses = history.list().map((e) => e.status);
    assert.ok(statuses.includes('done') && statuses.includes('cancelled'));
    const done = history.list().find((e) => e.id.startsWith('events.sql:12'));
    assert.equal(done?.rowCount, 25_000);
  });

  it("a statement run from the editor lands in the extension's panel; dataWorkbench.exportResults writes it", async function () {
    if (!duck) this.skip(); // needs the local DuckDB engine behind dataWorkbench.runStatement
    assert.equal(
      await vscode.commands.executeCommand('dataWorkbench.selectConnection', DEFAULT_LOCAL_CONNECTION.name),
      DEFAULT_LOCAL_CONNECTION.name,
    );
    const doc = await vscode.workspace.openTextDocument({
      language: 'sql',
      content: `SELECT range AS n, 'row ' || range AS label, NULL::VARCHAR AS nothing FROM range(1500)`,
    });
    await vscode.window.showTextDocument(doc);
    const summary = await vscode.commands.executeCommand<{ rowCount: number; cancelled: boolean } | undefined>(
      'dataWorkbench.runStatement',
      doc.uri,
      0,
    );
    assert.equal(summary?.rowCount, 1500);
    const target = path.join(dir, 'command.csv');
    assert.equal(await vscode.commands.executeCommand('dataWorkbench.exportResults', 'csv', target), target);
    const lines = readFileSync(target, 'utf8').split('\r\n');
    assert.equal(lines[0], 'n,label,nothing');
    assert.equal(lines[1500], '1499,row 1499,');
    assert.equal(lines.length, 1502); // header + rows + the empty string after the last CRLF
  });

  it('a result past dataWorkbench.results.memoryLimitMB keeps its first rows; the export still has every row', async function () {
    if (!duck) this.skip(); // needs the local DuckDB engine behind dataWorkbench.runStatement
    const config = vscode.workspace.getConfiguration('dataWorkbench');
    await config.update('results.memoryLimitMB', 1, vscode.ConfigurationTarget.Global);
    try {
      assert.equal(
        await vscode.commands.executeCommand('dataWorkbench.selectConnection', DEFAULT_LOCAL_CONNECTION.name),
        DEFAULT_LOCAL_CONNECTION.name,
      );
      const total = 200_000;
      const doc = await vscode.workspace.openTextDocument({
        language: 'sql',
        content: `SELECT range AS n, 'user ' || (range % 977) AS label FROM range(${total}) ORDER BY n`,
      });
      await vscode.window.showTextDocument(doc);
      const summary = await vscode.commands.executeCommand<{ rowCount: number; cancelled: boolean } | undefined>(
        'dataWorkbench.runStatement',
        doc.uri,
        0,
      );
      assert.ok(summary && summary.rowCount > 0 && summary.rowCount < total, `the grid kept ${summary?.rowCount} of ${total} rows`);
      const target = path.join(dir, 'truncated.csv');
      assert.equal(await vscode.commands.executeCommand('dataWorkbench.exportResults', 'csv', target), target);
      const lines = readFileSync(target, 'utf8').split('\r\n');
      assert.equal(lines[0], 'n,label');
      assert.equal(lines.length, total + 2); // header + every row + the empty string after the last CRLF
      assert.equal(lines[total], `${total - 1},user ${(total - 1) % 977}`);
    } finally {
      await config.update('results.memoryLimitMB', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('the contributed commands are registered', async () => {
    const commands = new Set(await vscode.commands.getCommands(true));
    assert.ok(commands.has('dataWorkbench.exportResults'));
    assert.ok(commands.has('dataWorkbench.showQueryHistory'));
  });
});
