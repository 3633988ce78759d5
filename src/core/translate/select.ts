// One SELECT block → FROM/joins, WHERE (with semi/anti joins for [NOT] IN / [NOT] EXISTS), GROUP BY /
// aggregates / HAVING, window functions, DISTINCT and ORDER BY, in SQL's logical order.
import type { Expr, OrderItem, Query, Select } from './ast';
import { refuse, type Pos } from './errors';
import { COLLATION_NOTE, ExprResolver } from './expr';
import { planFrom, type CteEnv, type PlannedFrom } from './from';
import type { Column, Named, Rel, SExpr, SSort, SType } from './ir';
import type { PlanContext, Planned } from './planContext';
import { Scope } from './scope';
import { bin, col, lit, method, type Typed } from './typing';
import { andAll, conjuncts, exprKey, hasAggregate, hasWindow, rewrite, some } from './walk';

interface Item {
  e: SExpr;
  t: SType;
  name: string;
  star?: { sources: PlannedFrom['sources'] };
  pos: Pos;
  ast: Expr;
}

const splitAnd = (e: Expr): [Expr, Expr] | null => (e.k === 'bin' && e.op === 'AND' ? [e.l, e.r] : null);

function isSubqueryPredicate(e: Expr): boolean {
  if (e.k === 'unary' && e.op === 'NOT') return isSubqueryPredicate(e.e);
  return e.k === 'exists' || e.k === 'insub';
}

function defaultName(e: Expr, i: number): string {
  if (e.k === 'col') return e.parts[e.parts.length - 1];
  if (e.k === 'cast') return e.e.k === 'col' ? e.e.parts[e.e.parts.length - 1] : defaultName(e.e, i);
  if (e.k === 'func') return e.name.toLowerCase();
  if (e.k === 'extract') return 'extract';
  if (e.k === 'case') return 'case';
  return `_c${i}`;
}

export function planSelect(p: PlanContext, s: Select, orderBy: OrderItem[], env: CteEnv, outer?: Scope): Planned {
  if (!s.from) refuse('SELECT without FROM is not supported', s.pos);
  const whereParts = conjuncts(s.where, splitAnd);
  const subPreds = whereParts.filter(isSubqueryPredicate);
  const hasJoin = s.from.k === 'join';
  const qualify = hasJoin || subPreds.length > 0 || outer !== undefined;
  const taken = new Set<string>();
  for (let o = outer; o; o = o.outer) for (const src of o.sources) taken.add(src.dfAlias);
  const from = planFrom(s.from, {
    dialect: p.dialect,
    catalog: p.catalog,
    env,
    qualify,
    taken,
    derived: (item) => {
      const sub = p.planQuery(item.q, env);
      return { varName: p.bind(item.alias, sub), cols: sub.cols, oneRow: sub.oneRow };
    },
    lateral: (left, sub, how) => lateralJoin(p, env, taken, left, sub, how),
  });
  const scope = new Scope(from.sources, qualify, outer);
  for (const [k, v] of from.usingKeys) scope.usingKeys.set(k, v);
  let rel = from.rel;
  const crossJoins: CrossJoin[] = [];
  let phase: CrossJoin['phase'] = 'where';
  const r = new ExprResolver(p.dialect, scope, s.windows, {
    scalarSubquery: (q, pos) => scalarSubquery(p, q, pos, env, scope, crossJoins, phase),
    warn: (m) => p.notes.push(m),
  });

  // WHERE
  const conds = whereParts
    .filter((w) => !isSubqueryPredicate(w))
    .map((w) => {
      const c = r.resolve(w);
      if (hasAggregate(c.e)) refuse('aggregates are not allowed in WHERE', w.pos);
      if (hasWindow(c.e)) refuse('window functions are not allowed in WHERE; filter in an outer query', w.pos);
      return c.e;
    });

  // SELECT list (resolved before applying cross joins, which scalar subqueries may add)
  phase = 'select';
  const items: Item[] = [];
  const itemNames = new Set<string>();
  const nextSuffix = new Map<string, number>();
  const aliases = new Set(s.items.map((o) => o.alias).filter((a): a is string => a !== undefined));
  s.items.forEach((it, i) => {
    if (it.e.k === 'star') {
      const srcs = it.e.table ? from.sources.filter((x) => x.sqlName === (it.e as { table?: string }).table) : from.sources;
      if (!srcs.length) refuse(`no table named ${it.e.table} in FROM`, it.pos);
      const lat = srcs.find((x) => x.lateral);
      if (lat) refuse(`* over the LATERAL subquery ${lat.sqlName} is not supported: list its columns`, it.pos);
      if (!it.e.table && scope.usingKeys.size) {
        // SELECT * over USING joins lists each key once, first; spell the columns out.
        if (srcs.some((x) => !x.cols)) refuse('SELECT * over a USING join needs the columns of every table to be known', it.pos);
        for (const [k, v] of scope.usingKeys) {
          items.push({ e: v.e, t: v.t, name: k, pos: it.pos, ast: it.e });
          itemNames.add(k);
        }
        for (const src of srcs)
          for (const c of src.cols!) {
            if (!scope.usingKeys.has(c.name)) {
              items.push({ e: col(c.name, qualify ? src.dfAlias : undefined), t: c.type, name: c.name, pos: it.pos, ast: it.e });
              itemNames.add(c.name);
            }
          }
        return;
      }
      items.push({ e: { k: 'star' }, t: 'unknown', name: '*', star: { sources: srcs }, pos: it.pos, ast: it.e });
      return;
    }
    const x = r.resolve(it.e);
    let name = it.alias ?? defaultName(it.e, i);
    // Unnamed expressions get unique names (two MAX(…) would both be "max"), so later references stay unambiguous.
    // Sets, not scans of the list: a select list can have tens of thousands of items.
    if (!it.alias && (itemNames.has(name) || aliases.has(name))) {
      const base = name;
      let n = nextSuffix.get(base) ?? 2;
      while (itemNames.has(`${base}_${n}`) || aliases.has(`${base}_${n}`)) n++;
      name = `${base}_${n}`;
      nextSuffix.set(base, n + 1);
    }
    items.push({ e: x.e, t: x.t, name, pos: it.pos, ast: it.e });
    itemNames.add(name);
  });

  const grouped = s.groupBy.length > 0 || s.having !== undefined || items.some((x) => hasAggregate(x.e));
  const hiddenCols: string[] = [];
  // Filter first with the conditions that need no scalar subquery, then cross join the one-row subquery
  // results and apply the rest. In an aggregate query, scalar subqueries of the select list and HAVING
  // join the aggregated rows instead.
  const sqNames = new Set(crossJoins.map((c) => c.name));
  const usesSq = (c: SExpr): boolean => some(c, (x) => x.k === 'col' && sqNames.has(x.name));
  const early = andAll(conds.filter((c) => !usesSq(c)));
  if (early) rel = { k: 'filter', rel, cond: early };
  // A WHERE condition on one scalar subquery that nothing else uses is a semi join with that one row.
  const usedElsewhere = (name: string): boolean =>
    crossJoins.some((c) => c.name === name && c.phase === 'select') ||
    items.some((it) => some(it.e, (x) => x.k === 'col' && x.name === name));
  const semi = new Set<string>();
  for (const c of conds.filter(usesSq)) {
    const names = [...sqNames].filter((n) => some(c, (x) => x.k === 'col' && x.name === n));
    if (names.some((n) => crossJoins.some((x) => x.name === n && x.on))) continue;
    if (
      names.length !== 1 ||
      usedElsewhere(names[0]) ||
      conds.filter(usesSq).some((o) => o !== c && some(o, (x) => x.k === 'col' && x.name === names[0]))
    )
      continue;
    const cj = crossJoins.find((x) => x.name === names[0])!;
    const alias = names[0].slice(1);
    const on = rewrite(c, (x) => (x.k === 'col' && !x.qual && x.name === cj.name ? col(cj.name, alias) : undefined));
    const semiJoin = (input: Rel): Rel => ({ k: 'join', l: input, r: { k: 'alias', rel: cj.rel, alias }, how: 'left_semi', on });
    // When the condition reads one table that no outer join pads with NULLs, filter that table before joining.
    const quals = new Set<string>();
    some(c, (x) => {
      if (x.k === 'col' && x.qual && x.qual !== alias) quals.add(x.qual);
      return false;
    });
    const pushed = quals.size === 1 ? pushIntoSource(rel, [...quals][0], semiJoin) : undefined;
    rel = pushed ?? semiJoin(rel);
    semi.add(cj.name);
  }
  for (const cj of crossJoins) {
    if (cj.on && grouped) refuse('a correlated scalar subquery in an aggregate query is not supported', cj.pos!);
    if ((!grouped || cj.phase === 'where') && !semi.has(cj.name))
      rel = cj.on ? { k: 'join', l: rel, r: cj.rel, how: 'left', on: cj.on } : { k: 'join', l: rel, r: cj.rel, how: 'cross' };
  }
  const late = andAll(conds.filter((c) => usesSq(c) && ![...semi].some((n) => some(c, (x) => x.k === 'col' && x.name === n))));
  if (late) rel = { k: 'filter', rel, cond: late };
  for (const sp of subPreds) rel = subqueryJoin(p, sp, rel, env, scope, r);

  if (s.distinctOn) {
    // DISTINCT ON (keys) … ORDER BY: the first row per key in ORDER BY order.
    if (grouped) refuse('DISTINCT ON together with GROUP BY or aggregates is not supported', s.pos);
    if (!orderBy.length) refuse('DISTINCT ON without ORDER BY keeps an arbitrary row per key; add an ORDER BY', s.pos);
    const byItem = (x: Expr): SExpr => {
      if (x.k === 'num' && /^[0-9]+$/.test(x.text)) {
        const it = items[Number(x.text) - 1];
        if (!it || it.star) refuse(`position ${x.text} is not in the select list`, x.pos);
        return it.e;
      }
      if (x.k === 'col' && x.parts.length === 1 && !r.scope.tryResolve(x.parts, x.pos)) {
        const it = items.find((i) => i.name === (x as { parts: string[] }).parts[0] && !i.star);
        if (it) return it.e;
      }
      return r.resolve(x).e;
    };
    const rn = p.hidden('rn');
    const w = {
      partition: s.distinctOn.map(byItem),
      order: orderBy.map((o) => ({ e: byItem(o.e), desc: o.desc, nullsFirst: r.nullsFirst(o.desc, o.nulls) })),
    };
    rel = { k: 'withColumn', rel, name: rn, e: { k: 'over', fn: { k: 'fn', name: 'row_number', args: [] }, w } };
    rel = { k: 'filter', rel, cond: bin('==', col(rn), lit(1)) };
    hiddenCols.push(rn);
  }

  let post: Named[];
  let outCols: Column[] | null;
  let extraSort: (o: OrderItem) => SExpr | undefined = () => undefined;
  if (grouped) {
    const g = planGroup(p, s, items, r, rel, crossJoins);
    rel = g.rel;
    post = g.post;
    outCols = items.map((x) => ({ name: x.name, type: x.t }));
    extraSort = g.liftOrder;
  } else {
    post = [];
    outCols = [];
    for (const it of items) {
      if (it.star) {
        for (const src of it.star.sources) {
          post.push({ e: { k: 'star', qual: qualify ? src.dfAlias : undefined }, name: '*' });
          if (outCols && src.cols) outCols.push(...src.cols);
          else outCols = null;
        }
      } else {
        post.push({ e: it.e, name: it.name });
        outCols?.push({ name: it.name, type: it.t });
      }
    }
    extraSort = (o) => r.resolve(o.e).e;
  }

  // ORDER BY: output names and positions first, then expressions over the input.
  const sortKeys: SSort[] = [];
  const hiddenSort: string[] = [];
  for (const o of orderBy) {
    const nullsFirst = r.nullsFirst(o.desc, o.nulls);
    let e: SExpr | undefined;
    if (o.e.k === 'num' && /^[0-9]+$/.test(o.e.text)) {
      const i = Number(o.e.text);
      if (i < 1 || i > items.length || items[i - 1].star) refuse(`ORDER BY position ${i} is not in the select list`, o.pos);
      e = col(items[i - 1].name);
    } else if (
      o.e.k === 'col' &&
      o.e.parts.length === 1 &&
      items.some((x) => x.name === (o.e as { parts: string[] }).parts[0] && !x.star)
    ) {
      e = col(o.e.parts[0]);
    } else {
      const x = extraSort(o);
      if (!x) refuse('cannot resolve this ORDER BY expression', o.pos);
      const k = exprKey(x);
      const hit = post.find((n) => exprKey(n.e) === k);
      // A column that a `*` in the select list already outputs.
      const viaStar = x.k === 'col' && post.some((n) => n.e.k === 'star' && (!n.e.qual || n.e.qual === x.qual));
      if (hit) e = col(hit.name);
      else if (viaStar && x.k === 'col') {
        if (post.filter((n) => n.e.k === 'star').length > 1 || items.some((it) => !it.star && it.name === x.name))
          refuse(`ORDER BY ${x.name} is ambiguous in the select list`, o.pos);
        e = col(x.name);
      } else {
        if (s.distinct) refuse('with SELECT DISTINCT, ORDER BY expressions must appear in the select list', o.pos);
        const plain = x.k === 'col' && !post.some((n) => n.name === x.name || n.e.k === 'star') ? x.name : undefined;
        const name = plain ?? p.hidden('sort');
        post.push({ e: x, name });
        hiddenSort.push(name);
        e = col(name);
      }
    }
    const sortedItem = items.find((it) => !it.star && e !== undefined && e.k === 'col' && it.name === e.name);
    if (p.dialect === 'postgres' && sortedItem?.t === 'string') p.notes.push(COLLATION_NOTE);
    sortKeys.push({ e, desc: o.desc, nullsFirst });
  }

  const joined = crossJoins.filter((c) => !semi.has(c.name));
  const trivial = post.length === 1 && post[0].e.k === 'star' && !post[0].e.qual;
  if (!trivial || joined.length || hiddenCols.length) rel = selectOrKeep(rel, post, sortKeys.length > 0);
  // `SELECT * FROM agg_cte ORDER BY name`: a sort key that is also a column of the aggregate's input
  // (COALESCE(d.plan, …) AS plan) can be resolved against that input; qualify it by the output instead.
  const sortsAggregate = trivial && !joined.length && !hiddenCols.length && isAggregate(p, rel);
  if ((joined.length || hiddenCols.length) && post.some((n) => n.e.k === 'star'))
    rel = { k: 'drop', rel, cols: [...joined.map((c) => c.name), ...hiddenCols] };
  if (s.distinct) rel = { k: 'distinct', rel };
  if (sortKeys.length && (qualify || sortsAggregate)) {
    // After a join, name the projected result so sort keys cannot be read as columns of a joined table.
    rel = { k: 'alias', rel, alias: 'out' };
    for (const k of sortKeys) if (k.e.k === 'col' && !k.e.qual) k.e = col(k.e.name, 'out');
  }
  if (sortKeys.length) rel = { k: 'sort', rel, keys: sortKeys };
  if (hiddenSort.length) rel = { k: 'drop', rel, cols: hiddenSort };
  const oneRow =
    (grouped && !s.groupBy.length && !s.having) ||
    (!grouped && !s.where && !hasJoin && from.oneRow === true && !items.some((x) => hasWindow(x.e)));
  return { rel, cols: outCols, oneRow };
}

/** A scalar subquery's result joined in: a one-row cross join, or (correlated) a left join on its keys. */
interface CrossJoin {
  rel: Rel;
  name: string;
  phase: 'where' | 'select';
  on?: SExpr;
  pos?: Pos;
}

/** Whether `rel` is an aggregate, directly or as a DataFrame variable bound to one (a CTE). */
function isAggregate(p: PlanContext, rel: Rel): boolean {
  if (rel.k === 'var') {
    const step = p.steps.find((st) => st.name === rel.name);
    return step !== undefined && isAggregate(p, step.rel);
  }
  if (rel.k === 'alias') return isAggregate(p, rel.rel);
  return rel.k === 'agg';
}

/** Skips a select that would only repeat the aggregate's own output. */
function selectOrKeep(rel: Rel, post: Named[], sorted: boolean): Rel {
  // Sorting right after an aggregate by a name that also exists in its input is resolved against the
  // input by some DataFrame front ends; an explicit select makes the output columns unambiguous.
  if (rel.k === 'agg' && !sorted) {
    const produced = [...rel.keys, ...rel.aggs].map((n) => n.name);
    if (
      produced.length === post.length &&
      post.every((n, i) => n.e.k === 'col' && !n.e.qual && n.e.name === produced[i] && n.name === produced[i])
    )
      return rel;
  }
  return { k: 'select', rel, items: post };
}

/** Wraps the FROM source aliased `alias` with `f`, unless an outer join can pad it with NULLs. */
function pushIntoSource(rel: Rel, alias: string, f: (r: Rel) => Rel): Rel | undefined {
  if (rel.k === 'alias' && rel.alias === alias) return f(rel);
  if (rel.k === 'filter') {
    const inner = pushIntoSource(rel.rel, alias, f);
    return inner && { ...rel, rel: inner };
  }
  if (rel.k !== 'join') return undefined;
  const leftPadded = rel.how === 'right' || rel.how === 'full';
  const rightPadded = rel.how === 'left' || rel.how === 'full' || rel.how === 'left_semi' || rel.how === 'left_anti';
  if (!leftPadded) {
    const l = pushIntoSource(rel.l, alias, f);
    if (l) return { ...rel, l };
  }
  if (!rightPadded) {
    const r = pushIntoSource(rel.r, alias, f);
    if (r) return { ...rel, r };
  }
  return undefined;
}

function planGroup(
  p: PlanContext,
  s: Select,
  items: Item[],
  r: ExprResolver,
  input: Rel,
  crossJoins: CrossJoin[],
): { rel: Rel; post: Named[]; liftOrder: (o: OrderItem) => SExpr } {
  const constant = (x: SExpr): boolean => x.k === 'col' && !x.qual && crossJoins.some((c) => c.phase === 'select' && c.name === x.name);
  for (const it of items) if (it.star) refuse('SELECT * cannot be combined with GROUP BY or aggregates', it.pos);
  // GROUP BY: positions, input columns, then output aliases (PostgreSQL's rule).
  const keyExprs: Array<{ e: SExpr; t: SType }> = s.groupBy.map((g) => {
    if (g.k === 'num' && /^[0-9]+$/.test(g.text)) {
      const i = Number(g.text);
      if (i < 1 || i > items.length) refuse(`GROUP BY position ${i} is not in the select list`, g.pos);
      if (hasAggregate(items[i - 1].e)) refuse(`GROUP BY position ${i} refers to an aggregate`, g.pos);
      return items[i - 1];
    }
    if (g.k === 'col' && g.parts.length === 1 && !r.scope.tryResolve(g.parts, g.pos)) {
      const hit = items.find((x) => x.name === g.parts[0]);
      if (hit) return hit;
    }
    return r.resolve(g);
  });
  const keys: Named[] = [];
  const keyIndex = new Map<string, string>();
  keyExprs.forEach((k, i) => {
    const key = exprKey(k.e);
    if (keyIndex.has(key)) return;
    const item = items.find((x) => exprKey(x.e) === key);
    const name = item?.name ?? (k.e.k === 'col' && !keys.some((x) => x.name === (k.e as { name: string }).name) ? k.e.name : `_g${i}`);
    keys.push({ e: k.e, name });
    keyIndex.set(key, name);
  });
  const aggs: Named[] = [];
  const aggIndex = new Map<string, string>();
  const check = (e: SExpr, pos: Pos): void => {
    rewrite(e, (x) => {
      if (keyIndex.has(exprKey(x))) return x;
      if (x.k === 'fn' && x.agg) return x;
      if (constant(x)) return x;
      if (x.k === 'col')
        refuse(`column ${x.qual ? x.qual + '.' : ''}${x.name} must appear in GROUP BY or be used in an aggregate`, x.pos ?? pos);
      return undefined;
    });
  };
  const lift = (e: SExpr, pos: Pos): SExpr =>
    rewrite(e, (x) => {
      const k = exprKey(x);
      const key = keyIndex.get(k);
      if (key) return col(key);
      if (x.k === 'fn' && x.agg) {
        let name = aggIndex.get(k);
        if (!name) {
          name = p.hidden('agg');
          aggs.push({ e: x, name });
          aggIndex.set(k, name);
        }
        return col(name);
      }
      if (constant(x)) return x;
      if (x.k === 'col')
        refuse(`column ${x.qual ? x.qual + '.' : ''}${x.name} must appear in GROUP BY or be used in an aggregate`, x.pos ?? pos);
      return undefined;
    });
  const post: Named[] = [];
  for (const it of items) {
    const k = exprKey(it.e);
    const key = keyIndex.get(k);
    if (key) {
      post.push({ e: col(key), name: it.name });
      continue;
    }
    if (
      hasAggregate(it.e) &&
      !hasWindow(it.e) &&
      !some(it.e, constant) &&
      !aggs.some((a) => a.name === it.name) &&
      !keys.some((x) => x.name === it.name)
    ) {
      check(it.e, it.pos);
      aggs.push({ e: it.e, name: it.name });
      aggIndex.set(k, it.name);
      post.push({ e: col(it.name), name: it.name });
      continue;
    }
    post.push({ e: lift(it.e, it.pos), name: it.name });
  }
  let having: SExpr | undefined;
  if (s.having) having = lift(r.resolve(s.having).e, s.having.pos);
  let rel: Rel = { k: 'agg', rel: input, keys, aggs };
  for (const cj of crossJoins) if (cj.phase === 'select') rel = { k: 'join', l: rel, r: cj.rel, how: 'cross' };
  if (having) rel = { k: 'filter', rel, cond: having };
  return { rel, post, liftOrder: (o) => lift(r.resolve(o.e).e, o.pos) };
}

function scalarSubquery(
  p: PlanContext,
  q: Query,
  pos: Pos,
  env: CteEnv,
  scope: Scope,
  crossJoins: CrossJoin[],
  phase: CrossJoin['phase'],
): Typed {
  // Only a subquery that has exactly one row by construction can become a cross join without changing the
  // row count (an aggregate without GROUP BY, or a projection of one). The subquery is planned without the
  // outer scope, so a correlated reference fails to resolve and is refused.
  const correlated = correlatedScalar(p, q, pos, env, scope, phase);
  if (correlated) {
    crossJoins.push(correlated.join);
    scope.extras.set(correlated.join.name, correlated.value);
    return correlated.value;
  }
  const sub = p.planQuery(q, env);
  if (!sub.oneRow) refuse('only scalar subqueries that return one row by construction (an aggregate without GROUP BY) are supported', pos);
  if (!sub.cols || sub.cols.length !== 1) refuse('a scalar subquery must return exactly one column', pos);
  const c = sub.cols[0];
  const name = p.hidden('sq');
  const bound = p.bind('scalar', sub);
  crossJoins.push({ rel: { k: 'select', rel: { k: 'var', name: bound }, items: [{ e: col(c.name), name }] }, name, phase });
  const t: Typed = { e: col(name), t: c.type };
  scope.extras.set(name, t);
  return t;
}

/** The FROM of a subquery (EXISTS, correlated scalar), qualified, with names the outer query
 * uses taken, and its scope nested in the outer one so correlated references resolve. */
function planSubqueryFrom(p: PlanContext, fromItems: NonNullable<Select['from']>, env: CteEnv, taken: Set<string>, scope: Scope) {
  const from = planFrom(fromItems, {
    dialect: p.dialect,
    catalog: p.catalog,
    env,
    qualify: true,
    taken,
    derived: (item) => {
      const sub = p.planQuery(item.q, env);
      return { varName: p.bind(item.alias, sub), cols: sub.cols };
    },
  });
  const inner = new Scope(from.sources, true, scope);
  for (const [k, v] of from.usingKeys) inner.usingKeys.set(k, v);
  return { from, inner };
}

/**
 * A correlated scalar subquery `(SELECT agg FROM t WHERE local AND t.k = outer.o …)` → the aggregate per
 * correlation key, left-joined on the keys. Grouping by the keys keeps one row per key, so the join never
 * multiplies outer rows; an outer row without a match (no inner rows, or a NULL key) gets the aggregate
 * of an empty input: 0 for COUNT, NULL for the others. Undefined when the subquery is not correlated.
 */
function correlatedScalar(
  p: PlanContext,
  q: Query,
  pos: Pos,
  env: CteEnv,
  scope: Scope,
  phase: CrossJoin['phase'],
): { join: CrossJoin; value: Typed } | undefined {
  const b = q.body;
  if (b.k !== 'select' || !b.from || q.ctes.length) return undefined;
  const taken = new Set<string>();
  for (let o: Scope | undefined = scope; o; o = o.outer) for (const src of o.sources) taken.add(src.dfAlias);
  const { from, inner } = planSubqueryFrom(p, b.from, env, taken, scope);
  const innerAliases = new Set(from.sources.map((x) => x.dfAlias));
  const usesInner = (e: SExpr): boolean => some(e, (x) => x.k === 'col' && x.qual !== undefined && innerAliases.has(x.qual));
  const ir = new ExprResolver(p.dialect, inner, b.windows);
  const local: SExpr[] = [];
  const keys: Array<{ inner: SExpr; outer: SExpr }> = [];
  for (const c of conjuncts(b.where, splitAnd)) {
    if (isSubqueryPredicate(c)) return undefined;
    inner.usedOuter = false;
    const whole = ir.resolve(c).e;
    if (!inner.usedOuter) {
      local.push(whole);
      continue;
    }
    // Only equalities between an inner and an outer expression can be decorrelated by grouping.
    if (c.k !== 'bin' || c.op !== '=') refuse('a correlated scalar subquery may only correlate with equalities (inner = outer)', c.pos);
    const sides = [c.l, c.r].map((x) => {
      inner.usedOuter = false;
      const e = ir.resolve(x).e;
      return { e, outer: inner.usedOuter, inner: usesInner(e) };
    });
    const inSide = sides.find((x) => !x.outer && x.inner);
    const outSide = sides.find((x) => x.outer && !x.inner);
    if (!inSide || !outSide || inSide === outSide)
      refuse('a correlated scalar subquery may only correlate with equalities (inner = outer)', c.pos);
    keys.push({ inner: inSide!.e, outer: outSide!.e });
  }
  if (!keys.length) return undefined;
  if (b.groupBy.length || b.having || b.distinct || b.distinctOn || q.limit || q.offset) {
    refuse('a correlated scalar subquery must be a single aggregate without GROUP BY, HAVING, DISTINCT or LIMIT', pos);
  }
  if (b.items.length !== 1 || b.items[0].e.k === 'star') refuse('a scalar subquery must return exactly one column', pos);
  inner.usedOuter = false;
  const v = ir.resolve(b.items[0].e);
  if (inner.usedOuter) refuse('the select list of a correlated scalar subquery may not use outer columns', b.items[0].pos);
  if (!hasAggregate(v.e) || hasWindow(v.e))
    refuse('a correlated scalar subquery must compute an aggregate (one row per outer row)', b.items[0].pos);
  if (some(v.e, (x) => x.k === 'col' && !usesInner(x) && x.qual === undefined))
    refuse('the select list of a correlated scalar subquery may use only its own columns', b.items[0].pos);
  const ckNames = keys.map(() => p.hidden('ck'));
  const name = p.hidden('sq');
  let input = from.rel;
  const lw = andAll(local);
  if (lw) input = { k: 'filter', rel: input, cond: lw };
  const agg: Rel = { k: 'agg', rel: input, keys: keys.map((k, i) => ({ e: k.inner, name: ckNames[i] })), aggs: [{ e: v.e, name }] };
  const bound = p.bind('scalar', { rel: agg, cols: null });
  const on = andAll(keys.map((k, i) => bin('==', k.outer, col(ckNames[i], bound))))!;
  // The aggregate of no rows: COUNT gives 0, every other aggregate NULL.
  const empty = rewrite(v.e, (x) =>
    x.k === 'fn' && x.agg ? (x.name === 'count' || x.name === 'countDistinct' ? lit(0) : lit(null)) : undefined,
  );
  const matched = method(col(ckNames[0], bound), 'isNotNull');
  const value: SExpr =
    empty.k === 'lit' && empty.value === null ? col(name, bound) : { k: 'when', cases: [[matched, col(name, bound)]], else: empty };
  return { join: { rel: { k: 'alias', rel: { k: 'var', name: bound }, alias: bound }, name, phase, on, pos }, value: { e: value, t: v.t } };
}

/**
 * `left [LEFT|CROSS] JOIN LATERAL (SELECT items FROM t WHERE local AND t.k = left.o … [ORDER BY … LIMIT n]) x [ON true]`
 * → the subquery's rows with their correlation keys, cut to the first n per key by row_number() over
 * (PARTITION BY keys ORDER BY …), then joined to `left` on the keys (left join for LEFT JOIN, inner
 * otherwise). Equality never matches a NULL key, in SQL as in the Spark join, so such outer rows get no
 * match. The pick must be deterministic: every selected column must be an ORDER BY key, so rows that
 * tie on the ORDER BY are identical in the result (a selected correlation key is constant per key and counts).
 */
function lateralJoin(
  p: PlanContext,
  env: CteEnv,
  taken: Set<string>,
  left: PlannedFrom,
  item: Extract<NonNullable<Select['from']>, { k: 'sub' }>,
  how: 'left' | 'inner',
): PlannedFrom {
  const q = item.q;
  const b = q.body;
  if (b.k !== 'select' || !b.from || q.ctes.length)
    refuse('a LATERAL subquery must be a single SELECT … FROM … (no WITH or set operation)', item.pos);
  if (b.groupBy.length || b.having || b.distinct || b.distinctOn || q.offset)
    refuse('a LATERAL subquery with GROUP BY, HAVING, DISTINCT or OFFSET is not supported', item.pos);
  const innerTaken = new Set([...taken, ...left.sources.map((x) => x.dfAlias)]);
  const from = planFrom(b.from, {
    dialect: p.dialect,
    catalog: p.catalog,
    env,
    qualify: true,
    taken: innerTaken,
    derived: (d) => {
      const sub = p.planQuery(d.q, env);
      return { varName: p.bind(d.alias, sub), cols: sub.cols };
    },
  });
  const outerScope = new Scope(left.sources, true);
  for (const [k, v] of left.usingKeys) outerScope.usingKeys.set(k, v);
  const inner = new Scope(from.sources, true, outerScope);
  for (const [k, v] of from.usingKeys) inner.usingKeys.set(k, v);
  const innerAliases = new Set(from.sources.map((x) => x.dfAlias));
  const usesInner = (e: SExpr): boolean => some(e, (x) => x.k === 'col' && x.qual !== undefined && innerAliases.has(x.qual));
  const ir = new ExprResolver(p.dialect, inner, b.windows, { warn: (m) => p.notes.push(m) });
  const local: SExpr[] = [];
  const keys: Array<{ inner: SExpr; outer: SExpr }> = [];
  const corrMsg = 'a LATERAL subquery may correlate with the preceding tables only by equalities in its WHERE (inner = outer)';
  for (const c of conjuncts(b.where, splitAnd)) {
    if (isSubqueryPredicate(c)) refuse('IN/EXISTS subqueries inside a LATERAL subquery are not supported', c.pos);
    inner.usedOuter = false;
    const whole = ir.resolve(c).e;
    if (!inner.usedOuter) {
      local.push(whole);
      continue;
    }
    if (c.k !== 'bin' || c.op !== '=') refuse(corrMsg, c.pos);
    const sides = [c.l, c.r].map((x) => {
      inner.usedOuter = false;
      const e = ir.resolve(x).e;
      return { e, outer: inner.usedOuter, inner: usesInner(e) };
    });
    const inSide = sides.find((x) => !x.outer && x.inner);
    const outSide = sides.find((x) => x.outer && !x.inner);
    if (!inSide || !outSide || inSide === outSide) refuse(corrMsg, c.pos);
    keys.push({ inner: inSide!.e, outer: outSide!.e });
  }
  if (!keys.length) refuse(`${corrMsg}; an uncorrelated LATERAL subquery is a plain derived table: drop LATERAL`, item.pos);
  const items: Array<{ e: SExpr; t: SType; name: string }> = [];
  b.items.forEach((it, i) => {
    if (it.e.k === 'star') refuse('* in a LATERAL subquery is not supported: list the columns', it.pos);
    inner.usedOuter = false;
    const x = ir.resolve(it.e);
    if (inner.usedOuter) refuse('the select list of a LATERAL subquery may not use columns of the preceding tables', it.pos);
    if (hasAggregate(x.e) || hasWindow(x.e)) refuse('aggregates and window functions in a LATERAL subquery are not supported', it.pos);
    const name = it.alias ?? defaultName(it.e, i);
    if (items.some((o) => o.name === name)) refuse(`column ${name} appears twice in the LATERAL subquery; give it an alias`, it.pos);
    items.push({ e: x.e, t: x.t, name });
  });
  const ckNames = keys.map(() => p.hidden('ck'));
  let rel: Rel = from.rel;
  const lw = andAll(local);
  if (lw) rel = { k: 'filter', rel, cond: lw };
  if (q.limit) {
    if (!q.orderBy.length) refuse('LIMIT in a LATERAL subquery needs an ORDER BY (otherwise the rows kept are arbitrary)', q.limit.pos);
    const order: SSort[] = q.orderBy.map((o) => {
      if (o.e.k === 'num') refuse('ORDER BY position in a LATERAL subquery is not supported: repeat the expression', o.pos);
      let x: Typed | undefined;
      if (o.e.k === 'col' && o.e.parts.length === 1 && !inner.tryResolve(o.e.parts, o.pos))
        x = items.find((it) => it.name === (o.e as { parts: string[] }).parts[0]);
      if (!x) {
        inner.usedOuter = false;
        x = ir.resolve(o.e);
        if (inner.usedOuter) refuse('the ORDER BY of a LATERAL subquery may not use columns of the preceding tables', o.pos);
      }
      if (p.dialect === 'postgres' && x.t === 'string') p.notes.push(COLLATION_NOTE);
      const e = x.e;
      return { e, desc: o.desc, nullsFirst: ir.nullsFirst(o.desc, o.nulls) };
    });
    // Correlation keys are constant within a partition (NULL-key partitions never match), so they count as order keys.
    const orderKeys = new Set([...order.map((o) => exprKey(o.e)), ...keys.map((k) => exprKey(k.inner))]);
    const loose = b.items.find((_, i) => !orderKeys.has(exprKey(items[i].e)));
    if (loose) {
      refuse(
        `LATERAL … ORDER BY … LIMIT: ${items[b.items.indexOf(loose)].name} is not an ORDER BY key, so rows that tie on the ORDER BY could differ in it and the row kept would be arbitrary; add every selected column to the ORDER BY`,
        loose.pos,
      );
    }
    const rn = p.hidden('rn');
    const w = { partition: keys.map((k) => k.inner), order };
    rel = { k: 'withColumn', rel, name: rn, e: { k: 'over', fn: { k: 'fn', name: 'row_number', args: [] }, w } };
    rel = { k: 'filter', rel, cond: bin('<=', col(rn), lit(q.limit.n)) };
  }
  rel = {
    k: 'select',
    rel,
    items: [...keys.map((k, i) => ({ e: k.inner, name: ckNames[i] })), ...items.map((x) => ({ e: x.e, name: x.name }))],
  };
  const cols: Column[] = items.map((x) => ({ name: x.name, type: x.t }));
  const varName = p.bind(item.alias, { rel, cols });
  let dfAlias = item.alias;
  for (let n = 1; taken.has(dfAlias) || left.sources.some((x) => x.dfAlias === dfAlias); n++) dfAlias = `${item.alias}_${n}`;
  const on = andAll(keys.map((k, i) => bin('==', k.outer, col(ckNames[i], dfAlias))))!;
  return {
    rel: { k: 'join', l: left.rel, r: { k: 'alias', rel: { k: 'var', name: varName }, alias: dfAlias }, how, on },
    sources: [...left.sources, { sqlName: item.alias, dfAlias, cols, lateral: true }],
    usingKeys: left.usingKeys,
  };
}

function subqueryJoin(p: PlanContext, pred: Expr, rel: Rel, env: CteEnv, scope: Scope, r: ExprResolver): Rel {
  let not = false;
  let e = pred;
  while (e.k === 'unary' && e.op === 'NOT') {
    not = !not;
    e = e.e;
  }
  if (e.k === 'insub') {
    if (e.not) not = !not;
    const sub = p.planQuery(e.q, env);
    if (sub.cols && sub.cols.length !== 1) refuse('the IN subquery must return exactly one column', e.pos);
    if (!sub.cols) refuse('the IN subquery must return one known column', e.pos);
    const x = r.resolve(e.e);
    const subVar = p.bind('in_sub', sub);
    const subCol = col(sub.cols[0].name, subVar);
    const right: Rel = { k: 'alias', rel: { k: 'var', name: subVar }, alias: subVar };
    const cond = bin('==', x.e, subCol);
    if (!not) return { k: 'join', l: rel, r: right, how: 'left_semi', on: cond };
    // x NOT IN (S) keeps a row only if no s in S makes `x = s` TRUE or NULL: a NULL in S, or a NULL x
    // with a non-empty S, removes it (a null-aware anti join).
    const nullAware = bin('|', bin('|', cond, method(subCol, 'isNull')), method(x.e, 'isNull'));
    return { k: 'join', l: rel, r: right, how: 'left_anti', on: nullAware };
  }
  if (e.k !== 'exists') return refuse('unsupported subquery predicate', e.pos);
  if (e.not) not = !not;
  const q = e.q;
  const b = q.body;
  if (b.k !== 'select' || b.groupBy.length || b.having || q.limit || q.offset || q.ctes.length) {
    refuse('EXISTS subqueries must be a plain SELECT … FROM … WHERE (no GROUP BY, LIMIT or WITH)', e.pos);
  }
  if (!b.from) refuse('EXISTS subquery needs FROM', b.pos);
  const taken = new Set(scope.sources.map((x) => x.dfAlias));
  const { from, inner } = planSubqueryFrom(p, b.from, env, taken, scope);
  const ir = new ExprResolver(p.dialect, inner, b.windows);
  const local: SExpr[] = [];
  const correlated: SExpr[] = [];
  for (const c of conjuncts(b.where, splitAnd)) {
    if (isSubqueryPredicate(c)) refuse('nested subquery predicates inside EXISTS are not supported', c.pos);
    inner.usedOuter = false;
    const x = ir.resolve(c).e;
    (inner.usedOuter ? correlated : local).push(x);
  }
  let right = from.rel;
  const lw = andAll(local);
  if (lw) right = { k: 'filter', rel: right, cond: lw };
  const on = andAll(correlated) ?? lit(true);
  return { k: 'join', l: rel, r: right, how: not ? 'left_anti' : 'left_semi', on };
}
