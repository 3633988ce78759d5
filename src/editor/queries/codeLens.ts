// "▶ Run" above every statement of a SQL document.
import * as vscode from 'vscode';
import { Commands } from '../commands';
import { splitStatements, type SplitOptions, type SqlStatement } from '../../core/sql/split';

/** Statements of a document, split once per document version, the way the active connection's
 * dialect reads strings (`options`). */
export class StatementCache {
  private readonly cache = new Map<string, { version: number; dialect: string; statements: SqlStatement[] }>();

  constructor(private readonly options: () => SplitOptions) {}

  get(doc: vscode.TextDocument): SqlStatement[] {
    const key = doc.uri.toString();
    const options = this.options();
    const dialect = JSON.stringify(options);
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version && hit.dialect === dialect) return hit.statements;
    const statements = splitStatements(doc.getText(), options);
    this.cache.set(key, { version: doc.version, dialect, statements });
    return statements;
  }

  forget(doc: vscode.TextDocument): void {
    this.cache.delete(doc.uri.toString());
  }
}

export class RunCodeLensProvider implements vscode.CodeLensProvider {
  constructor(
    private readonly statements: StatementCache,
    /** Fires when statements may split differently (the active connection's dialect changed). */
    readonly onDidChangeCodeLenses?: vscode.Event<void>,
  ) {}

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    return this.statements.get(doc).map((s) => {
      const at = new vscode.Range(s.line, s.column, s.line, s.column);
      return new vscode.CodeLens(at, {
        title: '$(play) Run',
        tooltip: 'Run this statement on the active connection',
        command: Commands.runStatement,
        arguments: [doc.uri, s.start],
      });
    });
  }
}
