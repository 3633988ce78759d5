// Which SQL the translate command works on: the selection, the statement under the cursor, or the whole file.
import * as vscode from 'vscode';
import { splitStatements } from '../../core/sql/split';

export interface SqlSource {
  doc: vscode.TextDocument;
  text: string;
  /** Offset of `text` in the document, to map refusal positions back. */
  start: number;
}

export function sourceFor(doc: vscode.TextDocument, selection: vscode.Selection | undefined, offset: number | undefined, whole: boolean): SqlSource {
  if (whole) return { doc, text: doc.getText(), start: 0 };
  if (selection && !selection.isEmpty) return { doc, text: doc.getText(selection), start: doc.offsetAt(selection.start) };
  const at = offset ?? (selection ? doc.offsetAt(selection.active) : 0);
  const statements = splitStatements(doc.getText());
  const hit = statements.find((s) => at >= s.start && at <= s.terminatorEnd) ?? statements.find((s) => s.start >= at) ?? statements[statements.length - 1];
  if (!hit) return { doc, text: doc.getText(), start: 0 };
  return { doc, text: hit.text, start: hit.start };
}

/** Document position of a 1-based line/column inside `src.text`. */
export function documentPosition(src: SqlSource, line: number, column: number): vscode.Position {
  const lines = src.text.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
  return src.doc.positionAt(src.start + offset + column - 1);
}
