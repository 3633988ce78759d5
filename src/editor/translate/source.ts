// Which SQL the translate command works on: the selection, the statement under the cursor (the
// same rule as Run, `statementAt`), or the whole file.
import * as vscode from 'vscode';
import { LineIndex } from '../../core/sql/positions';
import { splitStatements, statementAt, type SplitOptions } from '../../core/sql/split';

export interface SqlSource {
  doc: vscode.TextDocument;
  text: string;
  /** Offset of `text` in the document, to map refusal positions back. */
  start: number;
}

export function sourceFor(
  doc: vscode.TextDocument,
  selection: vscode.Selection | undefined,
  offset: number | undefined,
  whole: boolean,
  split: SplitOptions,
): SqlSource {
  if (whole) return { doc, text: doc.getText(), start: 0 };
  if (selection && !selection.isEmpty) return { doc, text: doc.getText(selection), start: doc.offsetAt(selection.start) };
  const at = offset ?? (selection ? doc.offsetAt(selection.active) : 0);
  const text = doc.getText();
  const hit = statementAt(splitStatements(text, split), at, text);
  if (!hit) return { doc, text, start: 0 };
  return { doc, text: hit.text, start: hit.start };
}

/** Document position of a 1-based line/column inside `src.text`. */
export function documentPosition(src: SqlSource, line: number, column: number): vscode.Position {
  const lines = new LineIndex(src.text);
  const lineStart = lines.lineStart(Math.min(Math.max(0, line - 1), lines.lineCount - 1)) ?? 0;
  return src.doc.positionAt(src.start + lineStart + column - 1);
}
