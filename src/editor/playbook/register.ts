// Dataflow Runner playbook/cluster files in the editor: diagnostics while typing (debounced),
// hover, completion, "Preview Rendered Playbook" (read-only, secrets masked) and secret vars.
// Everything but the editor glue is in src/core/playbook.
import * as vscode from 'vscode';
import { Commands } from '../commands';
import { setting, SETTINGS_SECTION } from '../config';
import { untrustedMarkdown } from '../markdown';
import type { ConfigKind, Severity } from '../../core/playbook/index';
import { DEFAULT_PATTERNS, kindFromFileName, recognizeConfig, type FilePatterns } from '../../core/playbook/recognize';
import { maskedVars, maskSecretValues } from '../../core/playbook/vars';
import { promptSecret, secretValues, storeSecret, varsFor } from './vars';
import { notificationText } from '../../core/text/notification';

const SELECTOR: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }];
const PREVIEW_SCHEME = 'dataworkbench-rendered';
const DEBOUNCE_MS = 150;
// The checker (avsc, jsonc-parser, the template engine) loads on first use, not at activation.
const playbooks = (): Promise<typeof import('../../core/playbook/index')> => import('../../core/playbook/index');

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** File names VS Code's JSON service already covers through package.json's jsonValidation (same globs). */
const JSON_VALIDATION = DEFAULT_PATTERNS;

function patterns(uri: vscode.Uri): FilePatterns {
  return { playbook: setting('playbooks.playbookFilePatterns', uri), cluster: setting('playbooks.clusterFilePatterns', uri) };
}

function kindOf(doc: vscode.TextDocument): ConfigKind | undefined {
  if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') return undefined;
  if (doc.languageId !== 'json' && doc.languageId !== 'jsonc') return undefined;
  return recognizeConfig(vscode.workspace.asRelativePath(doc.uri, false), doc.getText(), patterns(doc.uri));
}

/** Field hovers and completions come from the generated JSON Schema where jsonValidation applies. */
function jsonServiceCovers(doc: vscode.TextDocument): boolean {
  return kindFromFileName(doc.uri.path, JSON_VALIDATION) !== undefined;
}

export function registerPlaybooks(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const collection = vscode.languages.createDiagnosticCollection('dataflow-runner');
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const previews = new Map<string, string>();
  const previewChanged = new vscode.EventEmitter<vscode.Uri>();

  const validateNow = async (doc: vscode.TextDocument): Promise<void> => {
    const kind = kindOf(doc);
    if (!kind) {
      collection.delete(doc.uri);
      return;
    }
    const version = doc.version;
    const vars = await varsFor(doc);
    if (doc.isClosed || doc.version !== version) return; // a newer validation is on its way
    const { validateConfig } = await playbooks();
    const text = doc.getText();
    const fileName = doc.uri.path.split('/').pop() ?? 'playbook.json';
    const result = validateConfig(text, {
      expectedKind: kindFromFileName(vscode.workspace.asRelativePath(doc.uri, false), patterns(doc.uri)),
      vars: new Set([...vars.values.keys(), ...vars.secretNames]),
      varsHint: vars.hint,
      fileName,
      documentKey: doc.uri.toString(),
    });
    collection.set(
      doc.uri,
      result.diagnostics.map((d) => {
        const start = doc.positionAt(d.offset);
        const end = doc.positionAt(d.offset + Math.max(d.length, 1));
        const diagnostic = new vscode.Diagnostic(new vscode.Range(start, end), d.message, SEVERITY[d.severity]);
        diagnostic.source = 'dataflow-runner';
        diagnostic.code = d.code;
        return diagnostic;
      }),
    );
  };
  const validate = (doc: vscode.TextDocument): void => {
    const key = doc.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        validateNow(doc).catch((e: unknown) =>
          log.error(`playbook validation of ${vscode.workspace.asRelativePath(doc.uri)} failed: ${(e as Error).message}`),
        );
      }, DEBOUNCE_MS),
    );
  };
  const revalidateAll = (): void => vscode.workspace.textDocuments.forEach(validate);

  context.subscriptions.push(
    collection,
    previewChanged,
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
    vscode.workspace.onDidOpenTextDocument(validate),
    vscode.workspace.onDidChangeTextDocument((e) => validate(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => collection.delete(doc.uri)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS_SECTION}.playbooks`)) revalidateAll();
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (doc.uri.path.endsWith('.vars')) revalidateAll();
    }),
  );
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.vars');
  context.subscriptions.push(
    watcher,
    watcher.onDidChange(revalidateAll),
    watcher.onDidCreate(revalidateAll),
    watcher.onDidDelete(revalidateAll),
  );
  revalidateAll();

  context.subscriptions.push(
    vscode.languages.registerHoverProvider(SELECTOR, {
      async provideHover(doc, position) {
        const kind = kindOf(doc);
        if (!kind) return undefined;
        const vars = await varsFor(doc);
        const { hoverAt } = await playbooks();
        const h = hoverAt(doc.getText(), doc.offsetAt(position), kind, vars, !jsonServiceCovers(doc));
        if (!h) return undefined;
        return new vscode.Hover(
          untrustedMarkdown(h.markdown),
          new vscode.Range(doc.positionAt(h.offset), doc.positionAt(h.offset + h.length)),
        );
      },
    }),
  );

  const ITEM_KIND = {
    field: vscode.CompletionItemKind.Property,
    value: vscode.CompletionItemKind.EnumMember,
    var: vscode.CompletionItemKind.Variable,
    function: vscode.CompletionItemKind.Function,
  };
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(
      SELECTOR,
      {
        async provideCompletionItems(doc, position) {
          const kind = kindOf(doc);
          if (!kind) return undefined;
          const vars = await varsFor(doc);
          const { completionsAt } = await playbooks();
          const r = completionsAt(
            doc.getText(),
            doc.offsetAt(position),
            kind,
            [...vars.values.keys(), ...vars.secretNames],
            !jsonServiceCovers(doc),
          );
          if (!r) return undefined;
          const range = new vscode.Range(doc.positionAt(r.replaceOffset), doc.positionAt(r.replaceOffset + r.replaceLength));
          return r.items.map((i) => {
            const item = new vscode.CompletionItem(i.label, ITEM_KIND[i.kind]);
            item.insertText = i.insertText;
            item.range = range;
            if (i.documentation) item.documentation = untrustedMarkdown(i.documentation);
            return item;
          });
        },
      },
      '.',
      '"',
    ),
  );

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, {
      onDidChange: previewChanged.event,
      provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? '',
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.previewRenderedPlaybook, async (arg?: vscode.Uri) => {
      const doc = arg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(arg) : vscode.window.activeTextEditor?.document;
      if (!doc || !kindOf(doc)) {
        void vscode.window.showErrorMessage('Open a Dataflow Runner playbook or cluster file to preview it rendered.');
        return undefined;
      }
      const vars = await varsFor(doc);
      const secrets = await secretValues(context, vars.secretNames);
      if (!secrets) return undefined;
      const name = doc.uri.path.split('/').pop() ?? 'playbook.json';
      const folder = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath;
      const { nodeRenderEnv, renderPlaybook } = await playbooks();
      // base64File reads relative to the workspace folder, as the runner does from where it is started.
      const env = nodeRenderEnv(folder ?? process.cwd());
      // Rendered with the real secret values to find the runner's errors; shown rendered with masks.
      const real = renderPlaybook(doc.getText(), new Map([...vars.values, ...secrets]), env, name, kindOf(doc));
      if (!real.ok) {
        const message = maskSecretValues(real.error, secrets.values());
        log.warn(`preview of ${vscode.workspace.asRelativePath(doc.uri)}: ${message}`);
        void vscode.window.showErrorMessage(notificationText(`Dataflow Runner would fail: ${message}`));
        return { ok: false, error: message };
      }
      const shown = renderPlaybook(doc.getText(), maskedVars(new Map([...vars.values, ...secrets]), vars.secretNames), env, name);
      const text = shown.ok ? shown.text : maskSecretValues(real.text, secrets.values());
      const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: doc.uri.path.replace(/(\.jsonc?)?$/, '.rendered.json') });
      previews.set(uri.toString(), text);
      previewChanged.fire(uri);
      const preview = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(preview, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: false });
      log.info(
        `previewed ${vscode.workspace.asRelativePath(doc.uri)} rendered with vars ${[...vars.values.keys(), ...vars.secretNames].join(', ') || '(none)'}`,
      );
      return { ok: true, uri: uri.toString() };
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.setPlaybookSecretVar, async () => {
      const doc = vscode.window.activeTextEditor?.document;
      const known = doc ? [...(await varsFor(doc)).secretNames] : setting('playbooks.secretVars');
      const name = known.length
        ? await vscode.window.showQuickPick(known, {
            title: 'Secret var to set',
            placeHolder: 'Names come from dataWorkbench.playbooks.secretVars',
          })
        : await vscode.window.showInputBox({ title: 'Secret var name', prompt: 'Also list it in dataWorkbench.playbooks.secretVars' });
      if (!name) return;
      const value = await promptSecret(name);
      if (value === undefined) return;
      await storeSecret(context, name, value);
      log.info(`stored playbook secret var "${name}"`);
    }),
  );
}
