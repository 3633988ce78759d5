// GROUP BY ROLLUP / CUBE / GROUPING SETS → UNION ALL of one plain GROUP BY per grouping set, with the
// keys a set leaves out replaced by NULL outside aggregates. That is what the SQL means (PostgreSQL,
// Redshift and Trino alike), and unlike DataFrame.rollup/cube it also covers arbitrary GROUPING SETS.
import type { Body, Expr, Select, SelectItem } from './ast';
import { refuse, type Pos } from './errors';
import { AGGREGATES } from './functions';

/** A GROUP BY element: a plain key (one set) or ROLLUP/CUBE/GROUPING SETS (several sets). */
export type GroupElement = { k: 'plain'; e: Expr } | { k: 'sets'; sets: Expr[][]; pos: Pos };

export function rollupSets(keys: Expr[]): Expr[][] {
  return Array.from({ length: keys.length + 1 }, (_, i) => keys.slice(0, keys.length - i));
}

export function cubeSets(keys: Expr[], pos: Pos): Expr[][] {
  if (keys.length > 8) refuse('CUBE over more than 8 keys is not supported', pos);
  const out: Expr[][] = [];
  // PostgreSQL's order: larger sets first.
  for (let size = keys.length; size >= 0; size--) {
    const pick = (start: number, acc: Expr[]): void => {
      if (acc.length === size) {
        out.push(acc);
        return;
      }
      for (let i = start; i < keys.length; i++) pick(i + 1, [...acc, keys[i]!]);
    };
    pick(0, []);
  }
  return out;
}

/** The grouping sets of a GROUP BY list: the cross product of its elements, or undefined if all are plain. */
export function groupingSets(elements: GroupElement[]): Expr[][] | undefined {
  if (!elements.some((x) => x.k === 'sets')) return undefined;
  let sets: Expr[][] = [[]];
  for (const el of elements) {
    const options = el.k === 'plain' ? [[el.e]] : el.sets;
    sets = sets.flatMap((s) => options.map((o) => [...s, ...o]));
  }
  if (sets.length > 64)
    refuse(
      `GROUP BY expands to ${sets.length} grouping sets; at most 64 are supported`,
      (elements.find((x) => x.k === 'sets') as { pos: Pos }).pos,
    );
  return sets;
}

const key = (e: Expr): string => JSON.stringify(e, (k, v) => (k === 'pos' ? undefined : v));

function mapExpr(e: Expr, f: (x: Expr) => Expr | undefined): Expr {
  const r = f(e);
  if (r) return r;
  const m = (x: Expr): Expr => mapExpr(x, f);
  switch (e.k) {
    case 'unary':
      return { ...e, e: m(e.e) };
    case 'bin':
      return { ...e, l: m(e.l), r: m(e.r) };
    case 'isnull':
    case 'isbool':
    case 'cast':
    case 'extract':
      return { ...e, e: m(e.e) };
    case 'between':
      return { ...e, e: m(e.e), lo: m(e.lo), hi: m(e.hi) };
    case 'inlist':
      return { ...e, e: m(e.e), list: e.list.map(m) };
    case 'insub':
      return { ...e, e: m(e.e) };
    case 'like':
      return { ...e, e: m(e.e), pattern: m(e.pattern) };
    case 'regex':
      return { ...e, e: m(e.e), pattern: m(e.pattern) };
    case 'case':
      return {
        ...e,
        operand: e.operand && m(e.operand),
        whens: e.whens.map((w) => ({ when: m(w.when), then: m(w.then) })),
        else: e.else && m(e.else),
      };
    // Aggregate arguments read the input rows, not the grouping keys; scalar functions are mapped.
    case 'func':
      return AGGREGATES.has(e.name) && !e.over ? e : { ...e, args: e.args.map(m) };
    default:
      return e;
  }
}

function anyExpr(e: Expr, pred: (x: Expr) => boolean): boolean {
  let found = false;
  mapExpr(e, (x) => {
    if (pred(x)) found = true;
    return undefined;
  });
  return found;
}

const isAggCall = (x: Expr): boolean => x.k === 'func' && AGGREGATES.has(x.name) && !x.over;

/** Rewrites a SELECT whose GROUP BY has grouping sets into a UNION ALL of plain GROUP BYs. */
export function expandGroupingSets(s: Select, sets: Expr[][], pos: Pos): Body {
  if (s.distinct || s.distinctOn) refuse('SELECT DISTINCT with ROLLUP, CUBE or GROUPING SETS is not supported', s.pos);
  const exprs = [...s.items.map((i) => i.e), ...(s.having ? [s.having] : [])];
  for (const e of exprs) {
    if (anyExpr(e, (x) => x.k === 'func' && !!x.over))
      refuse('window functions with ROLLUP, CUBE or GROUPING SETS are not supported', s.pos);
    if (anyExpr(e, (x) => x.k === 'func' && (x.name === 'GROUPING' || x.name === 'GROUPING_ID')))
      refuse('GROUPING() is not supported', s.pos);
  }
  if (!exprs.some((e) => isAggCall(e) || anyExpr(e, isAggCall)))
    refuse('ROLLUP, CUBE or GROUPING SETS without an aggregate is not supported', pos);
  // Ordinals name select items; an output alias used as a key is refused (SQL engines disagree on it).
  const resolve = (k: Expr): Expr => {
    if (k.k === 'num' && /^[0-9]+$/.test(k.text)) {
      const item = s.items[Number(k.text) - 1];
      if (!item) refuse(`GROUP BY position ${k.text} is not in the select list`, k.pos);
      return item!.e;
    }
    if (k.k === 'col' && k.parts.length === 1 && s.items.some((i) => i.alias === k.parts[0] && key(i.e) !== key(k))) {
      refuse(`grouping key ${k.parts[0]} is an output alias; with ROLLUP, CUBE or GROUPING SETS repeat the expression instead`, k.pos);
    }
    return k;
  };
  const resolved = sets.map((set) => set.map(resolve));
  const all = new Map<string, Expr>();
  for (const set of resolved) for (const k of set) all.set(key(k), k);
  const branches: Select[] = resolved.map((set) => {
    const present = new Set(set.map(key));
    const missing = new Set([...all.keys()].filter((k) => !present.has(k)));
    const nullOut = (e: Expr): Expr => mapExpr(e, (x) => (missing.has(key(x)) ? { k: 'null', pos: x.pos } : undefined));
    const items: SelectItem[] = s.items.map((it) => ({
      ...it,
      e: nullOut(it.e),
      alias: it.alias ?? (it.e.k === 'col' ? it.e.parts[it.e.parts.length - 1] : undefined),
    }));
    const uniq = [...new Map(set.map((k) => [key(k), k])).values()];
    return { ...s, items, groupBy: uniq, having: s.having && nullOut(s.having) };
  });
  return branches.slice(1).reduce<Body>((l, r) => ({ k: 'setop', op: 'union', all: true, l, r, pos }), branches[0]!);
}
