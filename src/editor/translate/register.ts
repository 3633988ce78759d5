// "Translate SQL to DataFrame": selection / statement under the cursor / whole file → PySpark (or Scala)
// opened beside the SQL. Refusals show the reason and put the cursor on the offending token.
import path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../commands';
import { setting } from '../config';
import { splitOptionsFor } from '../../core/sql/dialect';
import { splitStatements } from '../../core/sql/split';
import type { Dialect, Target, TranslateOptions, TranslateResult, WriteMode } from '../../core/translate/index';
import type * as Translator from '../../core/translate/offthread';
import { documentPosition, sourceFor } from './source';
import { notificationText } from '../../core/text/notification';

export interface TranslateCommandArgs {
  uri?: vscode.Uri;
  /** Any offset inside the statement to translate. */
  offset?: number;
  /** Translate the whole document. */
  whole?: boolean;
  target?: Target;
  dialect?: Dialect;
  /** Do not open an editor (tests). */
  silent?: boolean;
}

export type TranslateCommandResult = TranslateResult & { document?: vscode.Uri };

const LANGUAGE: Record<Target, string> = { pyspark: 'python', scala: 'scala' };

function settings(): { target: Target; writeMode: WriteMode; dialect: Dialect } {
  return { target: setting('translate.target'), writeMode: setting('translate.writeMode'), dialect: setting('translate.dialect') };
}

// The translator is its own bundle (dist/engines/translate.js), loaded on the first translation.
let translator: Promise<typeof Translator> | undefined;
const loadTranslator = (): Promise<typeof Translator> => (translator ??= import('../../core/translate/offthread'));

/** Large inputs translate in a worker thread (dist/translate-worker.js) with progress and Cancel; the host never waits. */
async function translateInBackground(sql: string, options: TranslateOptions, extensionPath: string): Promise<TranslateResult | undefined> {
  const { INLINE_LIMIT, TranslationCancelled, translateOffThread } = await loadTranslator();
  const workerFile = path.join(extensionPath, 'dist', 'translate-worker.js');
  if (sql.length <= INLINE_LIMIT) return translateOffThread(sql, options, { workerFile, timeoutMs: 60_000 });
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Translating SQL to DataFrame…', cancellable: true },
    async (_progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        return await translateOffThread(sql, options, { workerFile, timeoutMs: 60_000, signal: abort.signal });
      } catch (e) {
        if (e instanceof TranslationCancelled) return undefined;
        throw e;
      } finally {
        sub.dispose();
      }
    },
  );
}

async function run(
  args: TranslateCommandArgs,
  log: vscode.LogOutputChannel,
  extensionPath: string,
): Promise<TranslateCommandResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  const doc = args.uri ? await vscode.workspace.openTextDocument(args.uri) : editor?.document;
  if (!doc) {
    void vscode.window.showErrorMessage('Open a SQL file to translate it to a DataFrame.');
    return undefined;
  }
  const sameEditor = editor && editor.document.uri.toString() === doc.uri.toString() ? editor : undefined;
  const s = settings();
  const dialect = args.dialect ?? s.dialect;
  const src = sourceFor(
    doc,
    args.offset === undefined ? sameEditor?.selection : undefined,
    args.offset,
    args.whole === true,
    splitOptionsFor(dialect),
  );
  const target = args.target ?? s.target;
  const fileName = vscode.workspace.asRelativePath(doc.uri);
  const started = performance.now();
  const result = await translateInBackground(src.text, { dialect, target, writeMode: s.writeMode, fileName }, extensionPath);
  if (!result) {
    log.info(`translate ${fileName}: cancelled`);
    return undefined;
  }
  log.info(`translate ${fileName} → ${target}: ${result.ok ? 'ok' : 'refused'} in ${(performance.now() - started).toFixed(1)} ms`);
  if (!result.ok) {
    const pos = documentPosition(src, result.line, result.column);
    const where = `${fileName}:${pos.line + 1}:${pos.character + 1}`;
    log.warn(`translate refused at ${where}: ${result.reason}`);
    if (!args.silent) {
      const target = await vscode.window.showTextDocument(doc, { preserveFocus: false });
      target.selection = new vscode.Selection(pos, pos);
      target.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      void vscode.window.showErrorMessage(notificationText(`Cannot translate faithfully (${where}): ${result.reason}`));
    }
    return { ...result, line: pos.line + 1, column: pos.character + 1 };
  }
  for (const w of result.warnings) log.info(`translate note: ${w}`);
  if (result.warnings.length && !args.silent)
    void vscode.window.showWarningMessage(notificationText(`Translated with caveats: ${result.warnings.join(' ')}`));
  const out = await vscode.workspace.openTextDocument({ language: LANGUAGE[target], content: result.code });
  if (!args.silent) await vscode.window.showTextDocument(out, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  return { ...result, document: out.uri };
}

class TranslateCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    return splitStatements(doc.getText(), splitOptionsFor(settings().dialect))
      .filter((st) => /^\s*(with|select|create|insert|\()/i.test(st.text))
      .map((st) => {
        const at = new vscode.Range(st.line, st.column, st.line, st.column);
        const args: TranslateCommandArgs = { uri: doc.uri, offset: st.start };
        return new vscode.CodeLens(at, {
          title: '$(arrow-swap) DataFrame',
          tooltip: 'Translate this statement to Spark DataFrame code',
          command: Commands.translateToDataFrame,
          arguments: [args],
        });
      });
  }
}

function toArgs(a: unknown, b: unknown): TranslateCommandArgs {
  if (a instanceof vscode.Uri)
    return { uri: a, offset: typeof b === 'number' ? b : undefined, whole: typeof b !== 'number' && !vscode.window.activeTextEditor };
  if (a && typeof a === 'object') return a as TranslateCommandArgs;
  return {};
}

export function registerTranslate(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider({ language: 'sql' }, new TranslateCodeLensProvider()),
    vscode.commands.registerCommand(Commands.translateToDataFrame, (a?: unknown, b?: unknown) =>
      run(toArgs(a, b), log, context.extensionPath),
    ),
    vscode.commands.registerCommand(Commands.translateToDataFrameAs, async (a?: unknown, b?: unknown) => {
      const picked = await vscode.window.showQuickPick(
        [
          { label: 'PySpark', target: 'pyspark' as Target },
          { label: 'Scala', target: 'scala' as Target },
        ],
        { placeHolder: 'Translate SQL to which DataFrame API?' },
      );
      if (!picked) return undefined;
      return run({ ...toArgs(a, b), target: picked.target }, log, context.extensionPath);
    }),
  );
}
