// In-host tests of the editor layer: commands, running statements from the sample workspace on
// the local DuckDB engine, diagnostics at the engine's position, switching connections, views.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { collectRows, EngineError, type Engine } from '../../src/core/engines/engine';
import { createEngine } from '../../src/core/engines/factory';
import { DEFAULT_LOCAL_CONNECTION } from '../../src/core/connections/types';
import { splitStatements } from '../../src/core/sql/split';
import type { RunSummary } from '../../src/editor/results/api';

const EXTENSION_ID = 'data-workbench.data-workbench';
const LOCAL = DEFAULT_LOCAL_CONNECTION.name;

const EDITOR_COMMANDS = [
  'dataWorkbench.runStatement',
  'dataWorkbench.runStatementAtCursor',
  'dataWorkbench.runAllStatements',
  'dataWorkbench.cancelQuery',
  'dataWorkbench.selectConnection',
  'dataWorkbench.addConnection',
  'dataWorkbench.removeConnection',
  'dataWorkbench.setConnectionPassword',
  'dataWorkbench.generateSampleEvents',
  'dataWorkbench.addLocalFileAsTable',
  'dataWorkbench.showLog',
];

function exampleUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run on a copy of examples/ as the workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function openAt(doc: vscode.TextDocument, offset: number): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(doc);
  const at = doc.positionAt(offset);
  editor.selection = new vscode.Selection(at, at);
  return editor;
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

describe('editor layer', function () {
  // The first local query loads the sample events into DuckDB.
  this.timeout(180_000);
  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    await ext.activate();
    assert.equal(await vscode.commands.executeCommand('dataWorkbench.selectConnection', LOCAL), LOCAL);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('dataWorkbench').update('connections', undefined, vscode.ConfigurationTarget.Global);
    // Leave no editors or Results panel behind for the next test file.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('registers every editor command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      EDITOR_COMMANDS.filter((c) => !registered.has(c)),
      [],
    );
  });

  it('the three views exist', async () => {
    for (const view of ['clusters', 'manifests', 'catalog']) await vscode.commands.executeCommand(`dataWorkbench.${view}.focus`);
  });

  it('shows a Run CodeLens above every statement of a SQL file', async () => {
    const doc = await vscode.workspace.openTextDocument(exampleUri('sessionization_30min.sql'));
    const statements = splitStatements(doc.getText());
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)).filter(
      (l) => l.command?.command === 'dataWorkbench.runStatement',
    );
    assert.deepEqual(
      lenses.map((l) => [
        l.range.start.line,
        l.command?.title,
        (l.command?.arguments?.[0] as vscode.Uri).toString(),
        l.command?.arguments?.[1],
      ]),
      statements.map((s) => [s.line, '$(play) Run', doc.uri.toString(), s.start]),
    );
  });

  it('selectConnection with a name switches the active connection and returns it', async () => {
    const pg = { name: 'Integration PG', kind: 'postgres', host: '127.0.0.1', port: 1, database: 'none', user: 'nobody' };
    await vscode.workspace.getConfiguration('dataWorkbench').update('connections', [pg], vscode.ConfigurationTarget.Global);
    assert.equal(await vscode.commands.executeCommand('dataWorkbench.selectConnection', pg.name), pg.name);
    // An unknown name leaves the active connection as it was.
    assert.equal(await vscode.commands.executeCommand('dataWorkbench.selectConnection', 'No Such Connection'), pg.name);
    assert.equal(await vscode.commands.executeCommand('dataWorkbench.selectConnection', LOCAL), LOCAL);
    // Removing the active connection's entry falls back to the local one.
    await vscode.commands.executeCommand('dataWorkbench.selectConnection', pg.name);
    assert.equal(await vscode.commands.executeCommand('dataWorkbench.removeConnection', pg.name), true);
    assert.equal(await vscode.commands.executeCommand('dataWorkbench.selectConnection', 'No Such Connection'), LOCAL);
  });

  describe('on the local DuckDB engine', () => {
    let reference: Engine;

    before(async () => {
      // The same engine the extension builds, driven directly, is the reference for results.
      reference = await createEngine(DEFAULT_LOCAL_CONNECTION);
      await reference.connect();
    });

    after(async () => {
      await reference?.dispose();
    });

    it('Run at cursor on an example returns the rows the local engine returns', async () => {
      const doc = await vscode.workspace.openTextDocument(exampleUri('pageview_geo_summary.sql'));
      const statement = splitStatements(doc.getText())[0];
      // Cursor in the middle of the first statement, nothing selected.
      await openAt(doc, statement.start + Math.floor(statement.text.length / 2));
      const summary = await vscode.commands.executeCommand<RunSummary | undefined>('dataWorkbench.runStatementAtCursor');
      assert.ok(summary, 'the run returned no summary');
      const expected = await collectRows(await reference.execute(statement.text));
      assert.ok(expected.length > 0, 'the example returns rows on the sample');
      assert.equal(summary.rowCount, expected.length);
      assert.equal(summary.cancelled, false);
      assert.deepEqual(
        summary.columns.map((c) => c.name),
        ['geo_country', 'geo_city', 'page_views', 'last_page_view'],
      );
    });

    it('runStatement (CodeLens) runs the statement around an offset, and a selection runs only itself', async () => {
      const doc = await vscode.workspace.openTextDocument(exampleUri('sessions_per_user.sql'));
      const [, second] = splitStatements(doc.getText());
      const viaLens = await vscode.commands.executeCommand<RunSummary>('dataWorkbench.runStatement', doc.uri, second.start);
      const expected = await collectRows(await reference.execute(second.text));
      assert.equal(viaLens?.rowCount, expected.length);

      const editor = await vscode.window.showTextDocument(doc);
      const text = 'SELECT 42 AS answer';
      await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount, 0), `\n${text};\n`));
      const start = doc.getText().lastIndexOf(text);
      editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(start + text.length));
      const viaSelection = await vscode.commands.executeCommand<RunSummary>('dataWorkbench.runStatementAtCursor');
      assert.deepEqual([viaSelection?.rowCount, viaSelection?.columns.map((c) => c.name)], [1, ['answer']]);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('a bad statement yields a diagnostic at the engine-reported line and column, cleared by a fix', async () => {
      const sql =
        'SELECT 1;\n\n-- broken on purpose\nSELECT event,\n       count(*) AS n\n  FROM atomic.events\n GROUP BY event\n ORDER BY nope;\n';
      const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: sql });
      const bad = splitStatements(sql)[1];
      await openAt(doc, bad.start + 3);
      const summary = await vscode.commands.executeCommand<RunSummary | undefined>('dataWorkbench.runStatementAtCursor');
      assert.equal(summary, undefined, 'a failed run returns undefined');

      // Where the engine itself says the error is, mapped into the document.
      const err = await reference.execute(bad.text).then(
        () => assert.fail('the statement should fail'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof EngineError, `expected an EngineError, got ${String(err)}`);
      assert.ok(err.position !== undefined, 'the local engine reports where the error is');
      const expected = doc.positionAt(bad.start + err.position - 1);
      assert.equal(
        doc.getText().slice(doc.offsetAt(expected), doc.offsetAt(expected) + 4),
        'nope',
        'the engine points at the unknown column',
      );

      const diagnostics = await waitFor(() => {
        const d = vscode.languages.getDiagnostics(doc.uri);
        return d.length ? d : undefined;
      }, 'a diagnostic');
      assert.equal(diagnostics.length, 1);
      assert.deepEqual([diagnostics[0].range.start.line, diagnostics[0].range.start.character], [expected.line, expected.character]);
      assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
      assert.equal(diagnostics[0].message, err.message);

      // Fix the statement: the edit inside it clears the diagnostic, and the fixed run succeeds.
      // (A workspace edit: the Results panel may have taken the editor's place.)
      const nope = doc.getText().indexOf('nope');
      const fix = new vscode.WorkspaceEdit();
      fix.replace(doc.uri, new vscode.Range(doc.positionAt(nope), doc.positionAt(nope + 4)), 'n');
      assert.ok(await vscode.workspace.applyEdit(fix));
      await waitFor(() => (vscode.languages.getDiagnostics(doc.uri).length === 0 ? true : undefined), 'the diagnostic to clear');
      await openAt(doc, bad.start + 3);
      const fixed = await vscode.commands.executeCommand<RunSummary>('dataWorkbench.runStatementAtCursor');
      assert.ok(fixed && fixed.rowCount > 0);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('the extension keeps working after a failure', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: 'SELECT * FROM no_such_table;\nSELECT 7 AS seven;' });
      const [first, second] = splitStatements(doc.getText());
      assert.equal(await vscode.commands.executeCommand('dataWorkbench.runStatement', doc.uri, first.start), undefined);
      const ok = await vscode.commands.executeCommand<RunSummary>('dataWorkbench.runStatement', doc.uri, second.start);
      assert.equal(ok?.rowCount, 1);
      // Run all stops at the first failure.
      const all = await vscode.commands.executeCommand<RunSummary[]>('dataWorkbench.runAllStatements', doc.uri);
      assert.deepEqual(all, []);
    });

    it('Run All runs every statement of an example in order', async () => {
      const uri = exampleUri('revenue.sql');
      const doc = await vscode.workspace.openTextDocument(uri);
      const statements = splitStatements(doc.getText());
      const all = await vscode.commands.executeCommand<RunSummary[]>('dataWorkbench.runAllStatements', uri);
      assert.equal(all.length, statements.length);
      for (let i = 0; i < statements.length; i++) {
        assert.equal(all[i].rowCount, (await collectRows(await reference.execute(statements[i].text))).length, `statement ${i + 1}`);
      }
    });

    it('generates sample events to a file and adds that file as a local table', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'dw-sample-'));
      try {
        const file = path.join(dir, 'events.tsv');
        const result = await vscode.commands.executeCommand<{ file: string; events: number }>(
          'dataWorkbench.generateSampleEvents',
          file,
          500,
          2,
        );
        assert.equal(result?.events, 500);
        assert.equal(readFileSync(file, 'utf8').split('\n').filter(Boolean).length, 500);

        const table = await vscode.commands.executeCommand<string>('dataWorkbench.addLocalFileAsTable', vscode.Uri.file(file), 'my_events');
        assert.equal(table, 'my_events');
        const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: 'SELECT * FROM my_events' });
        const summary = await vscode.commands.executeCommand<RunSummary>('dataWorkbench.runStatement', doc.uri, 0);
        assert.equal(summary?.rowCount, 500);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
