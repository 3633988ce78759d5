// The SQL dialect of each open .sql document: a status-bar choice for the file, else a leading
// `-- dialect: NAME` comment, else the active connection's. The status bar shows which and why.
import * as vscode from 'vscode';
import { Commands } from '../commands';
import { DIALECT_LABELS, dialectOfConnection, dialectOverride, SQL_DIALECTS, type SqlDialect } from '../../core/sql/language/dialect';
import type { ConnectionManager } from '../connections/manager';

const STATE_KEY = 'dataWorkbench.sqlDialectByFile';

export class DocumentDialects implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly status = vscode.window.createStatusBarItem('dataWorkbench.sqlDialect', vscode.StatusBarAlignment.Right, 100);
  private readonly chosen: Map<string, SqlDialect>;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly connections: ConnectionManager,
  ) {
    this.chosen = new Map(
      Object.entries(context.workspaceState.get<Record<string, SqlDialect>>(STATE_KEY) ?? {}).filter(([, d]) => SQL_DIALECTS.includes(d)),
    );
    this.status.name = 'SQL Dialect';
    this.status.command = Commands.setSqlDialect;
    this.subscriptions.push(
      this.changed,
      this.status,
      connections.onDidChangeActive(() => {
        this.changed.fire();
        this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Editing the first lines may add or change a `-- dialect:` comment.
        if (e.document === vscode.window.activeTextEditor?.document && e.contentChanges.some((c) => c.range.start.line < 20)) this.update();
      }),
    );
    this.update();
  }

  dialectOf(doc: vscode.TextDocument): { dialect: SqlDialect; why: 'file' | 'comment' | 'connection' } {
    const picked = this.chosen.get(doc.uri.toString());
    if (picked) return { dialect: picked, why: 'file' };
    const commented = dialectOverride(doc.getText(new vscode.Range(0, 0, 40, 0)));
    if (commented) return { dialect: commented, why: 'comment' };
    return { dialect: dialectOfConnection(this.connections.active.kind), why: 'connection' };
  }

  async pick(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'sql') return;
    const follow = `Follow the connection (${DIALECT_LABELS[dialectOfConnection(this.connections.active.kind)]})`;
    const items = [
      { label: follow, dialect: undefined as SqlDialect | undefined },
      ...SQL_DIALECTS.map((d) => ({ label: DIALECT_LABELS[d], dialect: d as SqlDialect | undefined })),
    ];
    const choice = await vscode.window.showQuickPick(items, {
      placeHolder: 'SQL dialect for this file (completion, diagnostics, formatting)',
    });
    if (!choice) return;
    const key = doc.uri.toString();
    if (choice.dialect) this.chosen.set(key, choice.dialect);
    else this.chosen.delete(key);
    await this.context.workspaceState.update(STATE_KEY, Object.fromEntries(this.chosen));
    this.changed.fire();
    this.update();
  }

  private update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'sql') {
      this.status.hide();
      return;
    }
    const { dialect, why } = this.dialectOf(doc);
    this.status.text = `SQL: ${DIALECT_LABELS[dialect]}`;
    this.status.tooltip =
      why === 'file'
        ? 'Dialect chosen for this file. Click to change.'
        : why === 'comment'
          ? "Dialect from the file's `-- dialect:` comment. Click to override."
          : `Dialect of the active connection (${this.connections.active.name}). Click to choose one for this file.`;
    this.status.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
