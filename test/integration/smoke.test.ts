// In-host smoke test: the extension activates in a real VS Code and registers its commands.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'data-workbench.data-workbench';

// Commands other features and tests call by id (docs/architecture.md).
const CONTRACT_COMMANDS = [
  'dataWorkbench.runStatement',
  'dataWorkbench.runStatementAtCursor',
  'dataWorkbench.runAllStatements',
  'dataWorkbench.cancelQuery',
  'dataWorkbench.selectConnection',
  'dataWorkbench.showLog',
];

describe('extension smoke', () => {
  let extension: vscode.Extension<unknown>;

  before(async () => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not loaded in this VS Code`);
    extension = found;
    await extension.activate();
  });

  it('activates', () => {
    assert.equal(extension.isActive, true);
    console.log(`ext host node ${process.version}, vscode ${vscode.version}`);
  });

  it('registers every command its package.json contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed: { command: string }[] = extension.packageJSON.contributes?.commands ?? [];
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'contributed but not registered');
  });

  it('registers the commands other features call by id', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      CONTRACT_COMMANDS.filter((id) => !registered.has(id)),
      [],
    );
  });

  it('contributes the Data Workbench view container with its three views', async () => {
    const views: Record<string, { id: string }[]> = extension.packageJSON.contributes?.views ?? {};
    assert.deepEqual((views.dataWorkbench ?? []).map((v) => v.id).sort(), [
      'dataWorkbench.catalog',
      'dataWorkbench.clusters',
      'dataWorkbench.manifests',
    ]);
    // Revealing a view runs its focus command; it fails if the view was not registered.
    await vscode.commands.executeCommand('dataWorkbench.clusters.focus');
  });
});
