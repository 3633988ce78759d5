// In-host: completion's catalog follows DDL run from the editor. A table created on the local DuckDB
// connection is offered right after, and no longer once it is dropped, with no manual refresh.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_LOCAL_CONNECTION } from '../../src/core/connections/types';

const EXTENSION_ID = 'data-workbench.data-workbench';
const PROBE = 'dw_ddl_probe';

async function offered(doc: vscode.TextDocument): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    doc.positionAt(doc.getText().length),
  );
  return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function run(sql: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: sql });
  await vscode.window.showTextDocument(doc);
  const summary = await vscode.commands.executeCommand<{ cancelled: boolean } | undefined>('dataWorkbench.runStatement', doc.uri, 0);
  assert.ok(summary && !summary.cancelled, `ran: ${sql}`);
}

describe('SQL catalog after DDL', function () {
  // The first local query loads the sample events into DuckDB.
  this.timeout(180_000);

  it('a table created from the editor is completed at once; once dropped it is not', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    await vscode.commands.executeCommand('dataWorkbench.selectConnection', DEFAULT_LOCAL_CONNECTION.name);
    await run(`DROP TABLE IF EXISTS atomic.${PROBE}`);
    await vscode.commands.executeCommand('dataWorkbench.refreshSqlCatalog');
    const query = await vscode.workspace.openTextDocument({ language: 'sql', content: 'SELECT * FROM atomic.' });
    await eventually(async () => (await offered(query)).includes('events'), 'atomic.events is offered');
    assert.ok(!(await offered(query)).includes(PROBE));

    await run(`CREATE TABLE atomic.${PROBE} (probe_col INTEGER)`);
    await eventually(async () => (await offered(query)).includes(PROBE), `${PROBE} is offered after CREATE TABLE`);

    await run(`DROP TABLE atomic.${PROBE}`);
    await eventually(async () => !(await offered(query)).includes(PROBE), `${PROBE} is gone after DROP TABLE`);
  });
});
