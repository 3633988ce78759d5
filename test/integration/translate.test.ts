// In-host tests of "Translate SQL to DataFrame": the statement under the cursor, a selection, Scala by
// argument, and a refusal that lands on the offending token of the document.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TranslateCommandResult } from '../../src/editor/translate/register';

const EXTENSION_ID = 'data-workbench.data-workbench';

describe('translate to DataFrame', function () {
  this.timeout(60_000);
  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    await ext.activate();
  });

  const sql = [
    "SELECT app_id, COUNT(*) AS n FROM atomic.events WHERE event = 'page_view' GROUP BY 1 ORDER BY n DESC;",
    '',
    'SELECT event_id,',
    '       geo_to_tz(geo_country) AS tz',
    'FROM atomic.events;',
  ].join('\n');

  it('translates the statement under the cursor into a Python document', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: sql });
    const r = await vscode.commands.executeCommand<TranslateCommandResult>('dataWorkbench.translateToDataFrame', {
      uri: doc.uri,
      offset: 10,
      silent: true,
    });
    assert.ok(r && r.ok, JSON.stringify(r));
    assert.match(r.code, /^result = \(/m);
    assert.match(r.code, /F\.col\("n"\)\.desc_nulls_first\(\)/);
    assert.ok(r.document);
    const out = await vscode.workspace.openTextDocument(r.document);
    assert.equal(out.languageId, 'python');
    assert.equal(out.getText(), r.code);
  });

  it('translates to Scala on request', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: sql });
    const r = await vscode.commands.executeCommand<TranslateCommandResult>('dataWorkbench.translateToDataFrame', {
      uri: doc.uri,
      offset: 0,
      target: 'scala',
      silent: true,
    });
    assert.ok(r && r.ok);
    assert.match(r.code, /^val result = /m);
    const out = await vscode.workspace.openTextDocument(r.document!);
    // Scala highlighting needs a Scala extension; without one the document is plain text.
    const scalaKnown = (await vscode.languages.getLanguages()).includes('scala');
    assert.equal(out.languageId, scalaKnown ? 'scala' : 'plaintext');
  });

  it('refuses an unknown function at its position in the document', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: sql });
    const r = await vscode.commands.executeCommand<TranslateCommandResult>('dataWorkbench.translateToDataFrame', {
      uri: doc.uri,
      offset: sql.indexOf('geo_to_tz'),
      silent: true,
    });
    assert.ok(r && !r.ok);
    assert.equal(r.reason, 'unknown function GEO_TO_TZ');
    assert.deepEqual([r.line, r.column], [4, 8]);
  });

  it('translates a statement past the inline limit in the worker thread (dist/translate-worker.js)', async () => {
    const items = Array.from({ length: 3000 }, (_, i) => `event_id AS c${i}`);
    const big = `SELECT ${items.join(', ')} FROM atomic.events;`;
    assert.ok(big.length > 20_000, 'longer than INLINE_LIMIT, so the editor hands it to the worker');
    const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: big });
    const r = await vscode.commands.executeCommand<TranslateCommandResult>('dataWorkbench.translateToDataFrame', {
      uri: doc.uri,
      offset: 0,
      silent: true,
    });
    assert.ok(r && r.ok, JSON.stringify(r).slice(0, 500));
    assert.match(r.code, /"c0"/);
    assert.match(r.code, /"c2999"/);
  });

  it('translates the selection when there is one', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: sql });
    const editor = await vscode.window.showTextDocument(doc);
    const start = sql.indexOf('SELECT app_id');
    editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(sql.indexOf(' GROUP BY')));
    // A selection without GROUP BY: a plain aggregate over the whole table.
    const r = await vscode.commands.executeCommand<TranslateCommandResult>('dataWorkbench.translateToDataFrame');
    assert.ok(r && !r.ok, 'app_id without GROUP BY must be refused');
    assert.match(r.reason, /app_id must appear in GROUP BY/);
    assert.deepEqual([r.line, r.column], [1, 8]);
  });
});
