// Structural helpers over Spark expressions: identity keys, aggregate/window detection, rewriting.
import type { SExpr } from './ir';

/** Structural identity of an expression, ignoring source positions. */
export function exprKey(e: SExpr): string {
  return JSON.stringify(e, (k, v) => (k === 'pos' ? undefined : v));
}

export function children(e: SExpr): SExpr[] {
  switch (e.k) {
    case 'fn': return e.args;
    case 'bin': return [e.l, e.r];
    case 'not': case 'neg': return [e.e];
    case 'method': return [e.e, ...e.args];
    case 'when': return [...e.cases.flat(), ...(e.else ? [e.else] : [])];
    case 'over': return [e.fn, ...e.w.partition, ...e.w.order.map((o) => o.e)];
    default: return [];
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
    case 'fn': return { ...e, args: e.args.map(m) };
    case 'bin': return { ...e, l: m(e.l), r: m(e.r) };
    case 'not': case 'neg': return { ...e, e: m(e.e) };
    case 'method': return { ...e, e: m(e.e), args: e.args.map(m) };
    case 'when': return { ...e, cases: e.cases.map(([c, v]) => [m(c), m(v)] as [SExpr, SExpr]), else: e.else ? m(e.else) : undefined };
    case 'over': {
      const fnPart = e.fn.k === 'fn' ? { ...e.fn, args: e.fn.args.map(m) } : m(e.fn);
      return { ...e, fn: fnPart, w: { ...e.w, partition: e.w.partition.map(m), order: e.w.order.map((o) => ({ ...o, e: m(o.e) })) } };
    }
    default: return e;
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
