// Where a playbook's vars come from in the editor: the `.vars` file next to it, the
// `dataWorkbench.playbooks.vars` setting, and secret vars (names in settings, values in SecretStorage).
import * as vscode from 'vscode';
import { setting } from '../config';
import { parseVarsFile, varsFileFor } from '../../core/playbook/vars';

const secretKey = (name: string): string => `dataWorkbench.playbookVar.${name}`;

export interface EditorVars {
  /** Non-secret values (the .vars file, then settings over it). */
  values: Map<string, string>;
  secretNames: Set<string>;
  /** Where to define a var, said in "not defined" messages. */
  hint: string;
}

export async function varsFor(doc: vscode.TextDocument): Promise<EditorVars> {
  const values = new Map<string, string>();
  const varsPath = varsFileFor(doc.uri.path);
  if (doc.uri.scheme === 'file') {
    try {
      const bytes = await vscode.workspace.fs.readFile(doc.uri.with({ path: varsPath }));
      for (const [k, v] of parseVarsFile(Buffer.from(bytes).toString('utf8')).vars) values.set(k, v);
    } catch {
      // No .vars file: settings only.
    }
  }
  const byFile = setting('playbooks.vars', doc.uri);
  const relative = vscode.workspace.asRelativePath(doc.uri, false);
  for (const key of ['*', relative]) for (const [k, v] of Object.entries(byFile[key] ?? {})) if (typeof v === 'string') values.set(k, v);
  const secretNames = new Set(setting('playbooks.secretVars', doc.uri).filter((n) => typeof n === 'string'));
  const varsName = varsPath.split('/').pop();
  return {
    values,
    secretNames,
    hint: `(add it to ${varsName}, the dataWorkbench.playbooks.vars setting, or dataWorkbench.playbooks.secretVars)`,
  };
}

/** Secret values, asking for (and storing) each one that is not stored yet; undefined if the user cancels. */
export async function secretValues(context: vscode.ExtensionContext, names: Iterable<string>): Promise<Map<string, string> | undefined> {
  const out = new Map<string, string>();
  for (const name of names) {
    let value = await context.secrets.get(secretKey(name));
    if (value === undefined) {
      value = await promptSecret(name);
      if (value === undefined) return undefined;
      await context.secrets.store(secretKey(name), value);
    }
    out.set(name, value);
  }
  return out;
}

export function promptSecret(name: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `Playbook secret var "${name}"`,
    prompt: 'Kept in VS Code secret storage; never written to a file or the log.',
    password: true,
    ignoreFocusOut: true,
  });
}

export async function storeSecret(context: vscode.ExtensionContext, name: string, value: string): Promise<void> {
  await context.secrets.store(secretKey(name), value);
}
