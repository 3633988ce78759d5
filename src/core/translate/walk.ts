// Structural helpers over Spark expressions: identity keys, aggregate/window detection, rewriting.
import type { SExpr } from './ir';

/**
 * Structural identity of an expression, ignoring source positions: the text JSON.stringify gives
 * without the `pos` keys. Written out because the planner asks for it on every node (JSON.stringify
 * with a replacer function was a tenth of translation time); subtrees deeper than DEEP go back to
 * JSON.stringify, which does not exhaust the stack on the thousands-deep chains the parser allows.
 */
export function exprKey(e: SExpr): string {
  return keyOf(e, 0);
}

const DEEP = 200;
const quotedKeys = new Map<string, string>();
const withoutPos = (k: string, v: unknown): unknown => (k === 'pos' ? undefined : v);

function keyOf(v: unknown, depth: number): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      break;
    default:
      return 'null'; // undefined or a function inside an array (JSON's rule)
  }
  if (v === null) return 'null';
  if (depth > DEEP) return JSON.stringify(v, withoutPos);
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + keyOf(v[i], depth + 1);
    return out + ']';
  }
  let out = '{';
  for (const k of Object.keys(v)) {
    if (k === 'pos') continue;
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined || typeof x === 'function') continue;
    let q = quotedKeys.get(k);
    if (q === undefined) quotedKeys.set(k, (q = JSON.stringify(k) + ':'));
    out += (out.length > 1 ? ',' : '') + q + keyOf(x, depth + 1);
  }
  return out + '}';
}

export function children(e: SExpr): SExpr[] {
  switch (e.k) {
    case 'fn':
      return e.args;
    case 'bin':
      return [e.l, e.r];
    case 'not':
    case 'neg':
      return [e.e];
    case 'method':
      return [e.e, ...e.args];
    case 'when':
      return [...e.cases.flat(), ...(e.else ? [e.else] : [])];
    case 'over':
      return [e.fn, ...e.w.partition, ...e.w.order.map((o) => o.e)];
    default:
      return [];
  }
}

/** Whether any node of `e` satisfies `pred` (a loop, not recursion: chains can be thousands of nodes deep). */
export function some(e: SExpr, pred: (x: SExpr) => boolean): boolean {
  const stack: SExpr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (pred(x)) return true;
    if (x.k === 'bin') stack.push(x.r, x.l);
    else if (x.k === 'col' || x.k === 'lit' || x.k === 'raw' || x.k === 'star') continue;
    else for (const c of children(x)) stack.push(c);
  }
  return false;
}

/** An aggregate call outside any window. */
export function hasAggregate(e: SExpr): boolean {
  if (e.k === 'over') return children(e).slice(1).some(hasAggregate) || (e.fn.k === 'fn' && e.fn.args.some(hasAggregate));
  if (e.k === 'fn' && e.agg) return true;
  return children(e).some(hasAggregate);
}

export const hasWindow = (e: SExpr): boolean => some(e, (x) => x.k === 'over');

/** Rebuilds `e`, replacing subtrees for which `f` returns a value (not descending into them). */
export function rewrite(e: SExpr, f: (x: SExpr) => SExpr | undefined): SExpr {
  const r = f(e);
  if (r) return r;
  const m = (x: SExpr): SExpr => rewrite(x, f);
  switch (e.k) {
    case 'fn':
      return { ...e, args: e.args.map(m) };
    case 'bin':
      return { ...e, l: m(e.l), r: m(e.r) };
    case 'not':
    case 'neg':
      return { ...e, e: m(e.e) };
    case 'method':
      return { ...e, e: m(e.e), args: e.args.map(m) };
    case 'when':
      return { ...e, cases: e.cases.map(([c, v]) => [m(c), m(v)] as [SExpr, SExpr]), else: e.else ? m(e.else) : undefined };
    case 'over': {
      const fnPart = e.fn.k === 'fn' ? { ...e.fn, args: e.fn.args.map(m) } : m(e.fn);
      return { ...e, fn: fnPart, w: { ...e.w, partition: e.w.partition.map(m), order: e.w.order.map((o) => ({ ...o, e: m(o.e) })) } };
    }
    default:
      return e;
  }
}

export function conjuncts<T extends { k: string }>(e: T | undefined, isAnd: (x: T) => [T, T] | null): T[] {
  if (!e) return [];
  const out: T[] = [];
  const stack = [e];
  while (stack.length) {
    const x = stack.pop()!;
    const split = isAnd(x);
    if (split) stack.push(split[1], split[0]);
    else out.push(x);
  }
  return out;
}

export function andAll(conds: SExpr[]): SExpr | undefined {
  return conds.reduce<SExpr | undefined>((a, c) => (a ? { k: 'bin', op: '&', l: a, r: c } : c), undefined);
}
