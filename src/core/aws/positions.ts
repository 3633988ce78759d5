// "line L:C" in a server message → 1-based character offset into the statement text.

/** Offset of line `line` (1-based), column `column` (1-based) in `sql`, or undefined if out of range. */
export function offsetOfLineColumn(sql: string, line: number, column: number): number | undefined {
  if (line < 1 || column < 1) return undefined;
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = sql.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  const offset = start + column;
  return offset <= sql.length + 1 ? offset : undefined;
}

/** Finds Trino/Athena-style "line 3:14" in `message`. */
export function lineColumnIn(message: string): { line: number; column: number } | undefined {
  const m = /\bline (\d+):(\d+)\b/i.exec(message);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}
