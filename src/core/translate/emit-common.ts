// Shared emitter machinery: DataFrame method chains, line wrapping, hoisted window specs.
import type { Program, Rel, SWindow } from './ir';

export interface Chain {
  base: string;
  calls: string[];
}

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
  take(): Array<{ name: string; w: SWindow }> {
    return this.pending.splice(0);
  }
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

const PYTHON_KEYWORDS =
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type _';
const SCALA_KEYWORDS =
  'abstract case catch class def do else extends false final finally for forSome if implicit import lazy macro match new null object override package private protected return sealed super this throw trait try true type val var while with yield enum export given then';
/** Names the generated code itself uses (imports, the session, the final DataFrame). */
const PYTHON_OWN = 'F Window spark os Decimal result';
const SCALA_OWN = 'spark Window sys result BigDecimal org col lit when expr functions';

const PYTHON_RESERVED = new Set(`${PYTHON_KEYWORDS} ${PYTHON_OWN}`.split(' '));
const SCALA_RESERVED = new Set(`${SCALA_KEYWORDS} ${SCALA_OWN}`.split(' '));

/** Every function name called in the plans (Scala imports them unqualified from functions._). */
function functionNames(progs: Program[]): Set<string> {
  const out = new Set<string>();
  const stack: unknown[] = progs.flatMap((p) => [p.result, ...p.steps.map((s) => s.rel)]);
  while (stack.length) {
    const x = stack.pop();
    if (Array.isArray(x)) {
      for (const y of x) stack.push(y);
      continue;
    }
    if (!x || typeof x !== 'object') continue;
    const o = x as Record<string, unknown>;
    if (o.k === 'fn' && typeof o.name === 'string') out.add(o.name);
    for (const v of Object.values(o)) if (v && typeof v === 'object') stack.push(v);
  }
  return out;
}

/**
 * DataFrame variable names that are safe in the target: not a keyword, not a name the generated code
 * uses itself (F, spark, result, the window specs w1…, in Scala every function it calls), unique.
 * Returns the renaming (names that need none map to themselves).
 */
export function safeVarNames(progs: Program[], target: 'python' | 'scala'): Map<string, string> {
  const called = target === 'scala' ? functionNames(progs) : undefined;
  const base = target === 'python' ? PYTHON_RESERVED : SCALA_RESERVED;
  const isReserved = (n: string): boolean => base.has(n) || called?.has(n) === true || WINDOW_NAME.test(n);
  const declared = progs.flatMap((p) => [...p.steps.map((s) => s.name), ...(p.resultName ? [p.resultName] : [])]);
  const out = new Map<string, string>();
  const used = new Set(declared);
  for (const n of declared) {
    if (!isReserved(n)) {
      out.set(n, n);
      continue;
    }
    let m = `${n}_df`;
    for (let i = 2; used.has(m) || isReserved(m); i++) m = `${n}_df${i}`;
    used.add(m);
    out.set(n, m);
  }
  return out;
}

/** Window spec variables are w1, w2, …; a DataFrame variable never takes such a name. */
const WINDOW_NAME = /^w[0-9]+$/;
