// Shared emitter machinery: DataFrame method chains, line wrapping, hoisted window specs.
import type { Rel, SExpr, SWindow } from './ir';
import { exprKey } from './walk';

export interface Chain { base: string; calls: string[] }

export class WindowNames {
  private readonly names = new Map<string, string>();
  readonly pending: Array<{ name: string; w: SWindow }> = [];
  nameFor(w: SWindow): string {
    const key = JSON.stringify(w, (k, v) => (k === 'pos' ? undefined : v));
    let n = this.names.get(key);
    if (!n) {
      n = `w${this.names.size + 1}`;
      this.names.set(key, n);
      this.pending.push({ name: n, w });
    }
    return n;
  }
  take(): Array<{ name: string; w: SWindow }> { return this.pending.splice(0); }
}

/** Formats `lhs = chain` on one line when short, otherwise one call per line. */
export function formatAssign(lhs: string, c: Chain, style: 'python' | 'scala', width = 110): string {
  const oneLine = `${lhs} = ${c.base}${c.calls.join('')}`;
  if (oneLine.length <= width || c.calls.length < 2) return oneLine;
  if (style === 'python') return `${lhs} = (\n    ${c.base}\n${c.calls.map((x) => `    ${x}`).join('\n')}\n)`;
  return `${lhs} = ${c.base}\n${c.calls.map((x) => `  ${x}`).join('\n')}`;
}

export const inline = (c: Chain): string => c.base + c.calls.join('');

/** True when the relation reads as a single name (so it can be an argument without a temporary). */
export function isSimple(rel: Rel): boolean {
  return rel.k === 'table' || rel.k === 'var' || (rel.k === 'alias' && isSimple(rel.rel));
}

/**
 * A column reference as Spark parses it in `col("…")` and string column arguments: a name that is not a
 * plain identifier (spaces, dots, other characters from a quoted SQL identifier) is backtick-quoted, so
 * `"Unique Users"` is one column and `"rev.total"` is not read as `rev` → `total`.
 */
export function colRef(name: string, qual?: string): string {
  const part = (x: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(x) ? x : `\`${x.replace(/`/g, '``')}\``);
  return qual ? `${part(qual)}.${part(name)}` : part(name);
}

export function usesWindow(e: SExpr): boolean {
  return JSON.stringify(e).includes('"k":"over"');
}

export { exprKey };
