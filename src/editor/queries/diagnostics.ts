// Query errors as Diagnostics at the exact line/column the engine reported. A statement's
// diagnostic goes away when that statement runs successfully or the text around it changes.
import * as vscode from 'vscode';
import { EngineError } from '../../core/engines/engine';
import { enginePositionToOffset } from '../../core/sql/positions';

interface Tracked {
  diagnostic: vscode.Diagnostic;
  /** The statement's range in the document, to clear it when that statement changes or succeeds. */
  statement: vscode.Range;
}

export class QueryDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('dataWorkbench');
  private readonly tracked = new Map<string, Tracked[]>();
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeTextDocument((e) => {
      const list = this.tracked.get(e.document.uri.toString());
      if (!list || e.contentChanges.length === 0) return;
      const keep = list.filter((t) => !e.contentChanges.some((c) => touches(c.range, t.statement)));
      if (keep.length !== list.length) this.set(e.document.uri, keep);
    });
  }

  /** Records an error for the statement at `[start, end)` of `doc`. Returns the diagnostic. */
  report(doc: vscode.TextDocument, start: number, end: number, error: unknown): vscode.Diagnostic {
    const message = error instanceof Error ? error.message : String(error);
    const position = error instanceof EngineError ? error.position : undefined;
    const at = position !== undefined ? doc.positionAt(enginePositionToOffset(start, end - start, position)) : doc.positionAt(start);
    const word = doc.getWordRangeAtPosition(at);
    const range =
      word && word.start.isEqual(at)
        ? word
        : new vscode.Range(at, doc.positionAt(Math.min(doc.offsetAt(at) + 1, Math.max(end, doc.offsetAt(at)))));
    const diagnostic = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'Data Workbench';
    if (error instanceof EngineError && error.details.code) diagnostic.code = error.details.code;
    const statement = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
    const others = (this.tracked.get(doc.uri.toString()) ?? []).filter((t) => !t.statement.intersection(statement));
    this.set(doc.uri, [...others, { diagnostic, statement }]);
    return diagnostic;
  }

  /** Clears diagnostics of statements overlapping `[start, end)` (after it ran successfully). */
  clear(doc: vscode.TextDocument, start: number, end: number): void {
    const list = this.tracked.get(doc.uri.toString());
    if (!list) return;
    const statement = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
    this.set(
      doc.uri,
      list.filter((t) => !t.statement.intersection(statement)),
    );
  }

  private set(uri: vscode.Uri, list: Tracked[]): void {
    if (list.length) this.tracked.set(uri.toString(), list);
    else this.tracked.delete(uri.toString());
    this.collection.set(
      uri,
      list.map((t) => t.diagnostic),
    );
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}

/** An edit touches a statement when it overlaps it or sits right at its edge. */
function touches(change: vscode.Range, statement: vscode.Range): boolean {
  return !change.end.isBefore(statement.start) && !change.start.isAfter(statement.end);
}
