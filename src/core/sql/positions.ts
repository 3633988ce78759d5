// Offset ↔ (line, column) conversion for a text, 0-based like VS Code. Lines end at `\n`, and
// `\r\n` counts as one line break (as in VS Code), so a column never points into it.

export interface LineColumn {
  /** 0-based line. */
  line: number;
  /** 0-based column in UTF-16 code units (what VS Code positions use). */
  column: number;
}

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): LineColumn {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // A `\r` of a `\r\n` belongs to the line break: clamp the column to the line's content.
    let column = o - this.starts[lo];
    const lineEnd = this.lineEnd(lo);
    if (o > lineEnd) column = lineEnd - this.starts[lo];
    return { line: lo, column };
  }

  /** Offset of the first character of a 0-based line, or undefined past the last line. */
  lineStart(line: number): number | undefined {
    return line >= 0 && line < this.starts.length ? this.starts[line] : undefined;
  }

  offsetAt(pos: LineColumn): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    return Math.min(start + Math.max(0, pos.column), this.lineEnd(pos.line));
  }

  /** Offset of the end of a line's content (before `\r\n` / `\n`). */
  private lineEnd(line: number): number {
    let end = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13 && line + 1 < this.starts.length) end--;
    return end;
  }
}

export function offsetToPosition(text: string, offset: number): LineColumn {
  return new LineIndex(text).positionAt(offset);
}

export function positionToOffset(text: string, pos: LineColumn): number {
  return new LineIndex(text).offsetAt(pos);
}

/** 1-based character position of 1-based `line`:`column` in `text` (as servers report them), or
 * undefined when the line does not exist or the column runs past the end of the text. */
export function offsetOfLineColumn(text: string, line: number, column: number): number | undefined {
  if (line < 1 || column < 1) return undefined;
  const start = new LineIndex(text).lineStart(line - 1);
  if (start === undefined) return undefined;
  const offset = start + column;
  return offset <= text.length + 1 ? offset : undefined;
}

/** 1-based line and column of a 1-based character position in `text` (clamped to the text). */
export function lineColumnOfPosition(text: string, position: number): { line: number; column: number } {
  const at = new LineIndex(text).positionAt(Math.max(0, position - 1));
  return { line: at.line + 1, column: at.column + 1 };
}

/** Finds Trino/Athena-style "line 3:14" in a server message. */
export function lineColumnIn(message: string): { line: number; column: number } | undefined {
  const m = /\bline (\d+):(\d+)\b/i.exec(message);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}

/** Where a 1-based character position reported by an engine for `statement` lands in the
 * document, given the statement's start offset there. Out-of-range positions clamp to the statement. */
export function enginePositionToOffset(statementStart: number, statementLength: number, position: number): number {
  const inside = Math.max(0, Math.min(position - 1, statementLength));
  return statementStart + inside;
}
