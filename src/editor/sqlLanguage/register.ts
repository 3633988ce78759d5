// SQL language features for .sql files: completion, signature help, hover, go to definition,
// outline, folding, syntax diagnostics and formatting. The logic is in src/core/sql/language;
// this file maps it to VS Code's providers. Core modules load on first use.
import * as vscode from 'vscode';
import { Commands } from '../commands';
import { untrustedMarkdown } from '../markdown';
import { splitOptionsFor } from '../../core/sql/dialect';
import type { SplitOptions } from '../../core/sql/split';
import type { SqlDialect } from '../../core/sql/language/dialect';
import type { CompletionKind } from '../../core/sql/language/completion';
import type { EngineCache } from '../connections/engines';
import type { ConnectionManager } from '../connections/manager';
import { catalogSources, SqlCatalogs, type CatalogSourceFactory } from './catalogs';
import { DocumentDialects } from './dialects';
import { notificationText } from '../../core/text/notification';
import { changesCatalog } from '../../core/sql/catalogChange';
import type { RanStatement } from '../queries/runner';

const SQL: vscode.DocumentSelector = { language: 'sql' };
/** How long completion and hover wait for a catalog's first load before answering without it. */
const CATALOG_WAIT_MS = 4000;
const DIAGNOSTIC_DELAY_MS = 400;

let loaded: Promise<typeof import('../../core/sql/language/index')> | undefined;
/** The language core, a bundle of its own loaded on first use. */
const language = (): Promise<typeof import('../../core/sql/language/index')> => (loaded ??= import('../../core/sql/language/index'));

const KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  schema: vscode.CompletionItemKind.Module,
  table: vscode.CompletionItemKind.Class,
  view: vscode.CompletionItemKind.Interface,
  column: vscode.CompletionItemKind.Field,
  cte: vscode.CompletionItemKind.Struct,
  alias: vscode.CompletionItemKind.Variable,
  keyword: vscode.CompletionItemKind.Keyword,
  function: vscode.CompletionItemKind.Function,
};

export function registerSqlLanguage(
  context: vscode.ExtensionContext,
  connections: ConnectionManager,
  engines: EngineCache,
  log: vscode.LogOutputChannel,
  statementRan?: vscode.Event<RanStatement>,
  sourceFor: CatalogSourceFactory = catalogSources(engines),
): void {
  const dialects = new DocumentDialects(context, connections);
  const catalogs = new SqlCatalogs(sourceFor, log);
  const problems = vscode.languages.createDiagnosticCollection('dataWorkbench.sqlSyntax');
  const lang = (doc: vscode.TextDocument): { dialect: SqlDialect; split: SplitOptions } => {
    const { dialect } = dialects.dialectOf(doc);
    return { dialect, split: splitOptionsFor(dialect) };
  };
  const catalog = async () => {
    const index = catalogs.indexFor(connections.active);
    if (index) await catalogs.ready(index, CATALOG_WAIT_MS);
    return index?.loaded ? index : undefined;
  };

  const prefetch = (editor: vscode.TextEditor | undefined): void => {
    const index = editor?.document.languageId === 'sql' ? catalogs.indexFor(connections.active) : undefined;
    if (index && catalogs.willLoad(index)) void catalogs.ready(index, 0);
  };

  let duckdbWarned = false;
  let duckdbChecker: Promise<import('../../core/sql/language/duckdbSyntax').DuckDbSyntaxChecker> | undefined;
  const timers = new Map<string, NodeJS.Timeout>();
  const check = (doc: vscode.TextDocument, delay: number): void => {
    if (doc.languageId !== 'sql') return;
    const key = doc.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        if (doc.isClosed) return;
        void language().then(async ({ sqlProblems, duckdbProblems, DuckDbSyntaxChecker }) => {
          const { dialect, split } = lang(doc);
          const version = doc.version;
          const text = doc.getText();
          const found = sqlProblems(text, dialect, split);
          const show = (list: typeof found): void =>
            problems.set(
              doc.uri,
              list.map((p) => {
                const d = new vscode.Diagnostic(
                  new vscode.Range(doc.positionAt(p.start), doc.positionAt(p.end)),
                  p.message,
                  vscode.DiagnosticSeverity.Error,
                );
                d.source = 'Data Workbench';
                return d;
              }),
            );
          show(found);
          if (dialect !== 'duckdb') return;
          // DuckDB's own parser, for what the conservative checks cannot see (`SELECT * FORM t`).
          try {
            duckdbChecker ??= DuckDbSyntaxChecker.open();
            const engine = await duckdbProblems(text, await duckdbChecker, (s, e) => found.some((p) => p.start >= s && p.start <= e));
            if (!doc.isClosed && doc.version === version && lang(doc).dialect === 'duckdb')
              show([...found, ...engine].sort((a, b) => a.start - b.start));
          } catch (e) {
            if (!duckdbWarned) log.warn(`DuckDB syntax check unavailable: ${e instanceof Error ? e.message : String(e)}`);
            duckdbWarned = true;
          }
        });
      }, delay),
    );
  };
  const checkAll = (): void => {
    for (const doc of vscode.workspace.textDocuments) check(doc, 0);
  };

  const formatRange = async (
    doc: vscode.TextDocument,
    range: vscode.Range,
    options?: vscode.FormattingOptions,
  ): Promise<vscode.TextEdit[]> => {
    const { formatSql } = await language();
    try {
      const text = await formatSql(doc.getText(range), lang(doc).dialect, {
        tabWidth: options?.tabSize,
        useTabs: options ? !options.insertSpaces : undefined,
      });
      return [vscode.TextEdit.replace(range, text)];
    } catch (e) {
      void vscode.window.showWarningMessage(notificationText(`Data Workbench: ${(e as Error).message}`));
      return [];
    }
  };
  const editorOptions = (editor: vscode.TextEditor): vscode.FormattingOptions => ({
    tabSize: Number(editor.options.tabSize) || 2,
    insertSpaces: editor.options.insertSpaces !== false,
  });

  context.subscriptions.push(
    dialects,
    problems,
    dialects.onDidChange(checkAll),
    vscode.workspace.onDidOpenTextDocument((doc) => check(doc, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => check(e.document, DIAGNOSTIC_DELAY_MS)),
    vscode.workspace.onDidCloseTextDocument((doc) => problems.delete(doc.uri)),
    // Start reading the catalog when a SQL file comes into view, so the first completion has it.
    vscode.window.onDidChangeActiveTextEditor((editor) => prefetch(editor)),
    {
      dispose: () => {
        for (const t of timers.values()) clearTimeout(t);
        void duckdbChecker?.then(
          (c) => c.dispose(),
          () => undefined,
        );
      },
    },

    vscode.languages.registerCompletionItemProvider(
      SQL,
      {
        async provideCompletionItems(doc, position) {
          const { complete } = await language();
          const { dialect, split } = lang(doc);
          const offset = doc.offsetAt(position);
          const index = await catalog();
          const r = await complete(doc.getText(), offset, { dialect, split, catalog: index });
          const range = new vscode.Range(doc.positionAt(r.from), position);
          const items = r.items.map((i) => {
            const item = new vscode.CompletionItem({ label: i.label, description: i.detail }, KINDS[i.kind]);
            item.range = range;
            item.sortText = i.sortText;
            if (i.insertText && i.insertText !== i.label) {
              item.insertText = i.insertText;
              item.filterText = i.label;
            }
            if (i.documentation) item.documentation = i.documentation; // plain text: catalog comments are data
            return item;
          });
          // A catalog still loading: let the editor ask again on the next keystroke.
          const pending = catalogs.indexFor(connections.active);
          const loading = !index && pending !== undefined && catalogs.willLoad(pending);
          return new vscode.CompletionList(items, r.incomplete || loading);
        },
      },
      '.',
    ),

    vscode.languages.registerSignatureHelpProvider(
      SQL,
      {
        async provideSignatureHelp(doc, position) {
          const { signatureHelp } = await language();
          const { dialect, split } = lang(doc);
          const r = await signatureHelp(doc.getText(), doc.offsetAt(position), dialect, split);
          if (!r) return undefined;
          const help = new vscode.SignatureHelp();
          help.signatures = r.signatures.map((s) => {
            const info = new vscode.SignatureInformation(`${s.name}(${s.params.join(', ')}) → ${s.returns}`, s.doc);
            info.parameters = s.params.map((p) => new vscode.ParameterInformation(p));
            return info;
          });
          help.activeSignature = 0;
          help.activeParameter = Math.min(r.activeParameter, Math.max(0, (r.signatures[0]?.params.length ?? 1) - 1));
          return help;
        },
      },
      '(',
      ',',
    ),

    vscode.languages.registerHoverProvider(SQL, {
      async provideHover(doc, position) {
        const { hover } = await language();
        const r = await hover(doc.getText(), doc.offsetAt(position), await catalog(), lang(doc).split);
        return r
          ? new vscode.Hover(untrustedMarkdown(r.contents), new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)))
          : undefined;
      },
    }),

    vscode.languages.registerDefinitionProvider(SQL, {
      async provideDefinition(doc, position) {
        const { definition } = await language();
        const r = definition(doc.getText(), doc.offsetAt(position), lang(doc).split);
        return r ? new vscode.Location(doc.uri, new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end))) : undefined;
      },
    }),

    vscode.languages.registerDocumentSymbolProvider(
      SQL,
      {
        async provideDocumentSymbols(doc) {
          const { outline } = await language();
          const range = (s: number, e: number): vscode.Range => new vscode.Range(doc.positionAt(s), doc.positionAt(e));
          return outline(doc.getText(), lang(doc).split).map((s) => {
            const symbol = new vscode.DocumentSymbol(
              s.name,
              s.detail,
              vscode.SymbolKind.Module,
              range(s.start, s.end),
              range(s.selectionStart, s.selectionEnd),
            );
            symbol.children = s.children.map(
              (c) =>
                new vscode.DocumentSymbol(
                  c.name,
                  c.detail,
                  vscode.SymbolKind.Struct,
                  range(c.start, c.end),
                  range(c.selectionStart, c.selectionEnd),
                ),
            );
            return symbol;
          });
        },
      },
      { label: 'SQL statements' },
    ),

    vscode.languages.registerFoldingRangeProvider(SQL, {
      async provideFoldingRanges(doc) {
        const { foldingRanges } = await language();
        return foldingRanges(doc.getText(), lang(doc).split).map(
          (r) => new vscode.FoldingRange(r.startLine, r.endLine, r.kind === 'comment' ? vscode.FoldingRangeKind.Comment : undefined),
        );
      },
    }),

    vscode.languages.registerDocumentFormattingEditProvider(SQL, {
      provideDocumentFormattingEdits: (doc, options) => formatRange(doc, new vscode.Range(0, 0, doc.lineCount, 0), options),
    }),
    vscode.languages.registerDocumentRangeFormattingEditProvider(SQL, {
      provideDocumentRangeFormattingEdits: (doc, range, options) => formatRange(doc, range, options),
    }),

    vscode.commands.registerCommand(Commands.formatStatement, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'sql') return;
      const { splitStatements, statementAt } = await language();
      const doc = editor.document;
      const statement = statementAt(splitStatements(doc.getText(), lang(doc).split), doc.offsetAt(editor.selection.active), doc.getText());
      if (!statement) return;
      const edits = await formatRange(
        doc,
        new vscode.Range(doc.positionAt(statement.start), doc.positionAt(statement.end)),
        editorOptions(editor),
      );
      await editor.edit((b) => {
        for (const e of edits) b.replace(e.range, e.newText);
      });
    }),
    vscode.commands.registerCommand(Commands.formatDocument, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'sql') return;
      const doc = editor.document;
      const edits = await formatRange(doc, new vscode.Range(0, 0, doc.lineCount, 0), editorOptions(editor));
      await editor.edit((b) => {
        for (const e of edits) b.replace(e.range, e.newText);
      });
    }),
    vscode.commands.registerCommand(Commands.setSqlDialect, () => dialects.pick()),
    vscode.commands.registerCommand(Commands.refreshSqlCatalog, async () => {
      try {
        const tables = await catalogs.refresh(connections.active);
        if (tables === undefined)
          void vscode.window.showInformationMessage(
            notificationText(`Data Workbench: no catalog is available for ${connections.active.name} yet.`),
          );
        return tables;
      } catch (e) {
        void vscode.window.showErrorMessage(
          notificationText(`Data Workbench: could not read the catalog of ${connections.active.name}: ${(e as Error).message}`),
        );
        return undefined;
      }
    }),
  );
  // After DDL that ran to its end, the catalog of its connection is read again (when one is in use),
  // so completion offers the table just created and no longer the one just dropped.
  if (statementRan)
    context.subscriptions.push(
      statementRan(({ connection, sql }) => {
        if (!changesCatalog(sql, splitOptionsFor(connection.kind)) || !catalogs.hasIndexFor(connection)) return;
        catalogs.refresh(connection).then(
          () => log.debug(`SQL catalog of ${connection.name} read again after DDL`),
          (e: unknown) =>
            log.warn(`SQL catalog of ${connection.name} could not be read after DDL: ${e instanceof Error ? e.message : String(e)}`),
        );
      }),
    );
  checkAll();
  prefetch(vscode.window.activeTextEditor);
}
