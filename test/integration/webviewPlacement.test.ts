// In-host tests of where WebviewHost puts a panel: a panel the user asked for comes to the front
// with focus, and one opened beside another never covers it, whichever group is active meanwhile.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { WebviewHost } from '../../src/editor/webview/host';

const EXTENSION_ID = 'data-workbench.data-workbench';

async function until(ok: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('webview panel placement', function () {
  this.timeout(60_000);
  const hosts: WebviewHost[] = [];
  let extensionUri: vscode.Uri;
  const host = (name: string): WebviewHost => {
    const h = new WebviewHost(extensionUri, { viewType: `dataWorkbench.test.${name}`, bundle: 'stepMonitor' });
    hosts.push(h);
    return h;
  };
  const panelOf = (h: WebviewHost): vscode.WebviewPanel => {
    assert.ok(h.webviewPanel, 'the panel is open');
    return h.webviewPanel;
  };

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    extensionUri = ext.extensionUri;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(async () => {
    for (const h of hosts) h.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens beside the given panel even while another group is active, and a requested panel comes to the front with focus', async () => {
    // Files of the workspace (not untitled ones, whose close would ask to save).
    const [first, second] = await vscode.workspace.findFiles('*.sql', undefined, 2);
    assert.ok(first && second, 'the workspace holds two SQL files');
    const doc = await vscode.workspace.openTextDocument(first);
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);

    const form = host('form');
    form.show('Form', { focus: true });
    await until(
      () => panelOf(form).viewColumn === vscode.ViewColumn.Two && panelOf(form).active,
      'the asked-for panel is active beside the editor',
    );

    // The form's click has not made its group active yet (the editor still is): the second panel
    // still opens right of the form, and the form stays in view.
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    const monitor = host('monitor');
    monitor.show('Monitor', { beside: panelOf(form).viewColumn });
    await until(() => panelOf(monitor).viewColumn === vscode.ViewColumn.Three, 'the second panel is in the third group');
    assert.equal(panelOf(form).visible, true, 'the form is still visible');
    assert.equal(vscode.window.activeTextEditor?.document, doc, 'opening beside did not take focus');

    // A document covers the form; asking for the form again brings it back, focused.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(second), vscode.ViewColumn.Two);
    await until(() => !panelOf(form).visible, 'the form is covered');
    form.show('Form', { focus: true });
    await until(() => panelOf(form).visible && panelOf(form).active, 'the form is in front and active again');
    assert.equal(panelOf(form).viewColumn, vscode.ViewColumn.Two, 'it came back in its own group');
  });
});
