// Asks which playbook to submit when an action starts outside one (a run in the Manifests view, a
// cluster in the Clusters view): the workspace's playbook files, the open one first.
import * as vscode from 'vscode';
import { setting } from '../config';
import { notificationText } from '../../core/text/notification';

export async function pickPlaybook(title: string): Promise<vscode.Uri | undefined> {
  const globs = setting('playbooks.playbookFilePatterns').map((g) => (g.includes('/') ? g : `**/${g}`));
  const found = new Map<string, vscode.Uri>();
  for (const glob of globs)
    for (const uri of await vscode.workspace.findFiles(glob, '**/node_modules/**', 200)) found.set(uri.toString(), uri);
  const active = vscode.window.activeTextEditor?.document.uri;
  const uris = [...found.values()].sort((a, b) =>
    a.toString() === active?.toString() ? -1 : b.toString() === active?.toString() ? 1 : a.path.localeCompare(b.path),
  );
  if (!uris.length) {
    void vscode.window.showWarningMessage(
      notificationText(`Data Workbench: no playbook files in this workspace (patterns: ${globs.join(', ')}).`),
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    uris.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title, placeHolder: 'Playbook whose steps to submit' },
  );
  return picked?.uri;
}
