// FROM clause → joined DataFrames with aliases, plus the scope used to resolve column names.
import type { Dialect } from './api';
import type { FromItem } from './ast';
import type { Catalog } from './catalog';
import { refuse } from './errors';
import { ExprResolver } from './expr';
import type { Column, Rel, SExpr } from './ir';
import { Scope, type Source } from './scope';
import { bin, common, fn, type Typed } from './typing';
import { andAll, conjuncts, some } from './walk';

export interface CteBinding {
  varName: string;
  cols: Column[] | null;
  oneRow?: boolean;
}
export type CteEnv = Map<string, CteBinding>;

export interface PlannedFrom {
  rel: Rel;
  sources: Source[];
  usingKeys: Map<string, Typed>;
  oneRow?: boolean;
}

export interface FromContext {
  dialect: Dialect;
  catalog: Catalog;
  env: CteEnv;
  qualify: boolean;
  /** DataFrame aliases already used by enclosing queries (correlation must not clash). */
  taken: Set<string>;
  /** Plans a derived table and binds it to a variable; returns the variable and its columns. */
  derived(q: Extract<FromItem, { k: 'sub' }>): CteBinding;
  /** Plans `left JOIN LATERAL (subquery)` (decorrelated); absent where LATERAL cannot be planned. */
  lateral?(left: PlannedFrom, sub: Extract<FromItem, { k: 'sub' }>, how: 'left' | 'inner'): PlannedFrom;
}

export function planFrom(item: FromItem, ctx: FromContext): PlannedFrom {
  switch (item.k) {
    case 'table': {
      const full = item.schema ? `${item.schema}.${item.name}` : item.name;
      const cte = item.schema ? undefined : ctx.env.get(item.name);
      if (!cte) refuseSystemObject(item);
      const base: Rel = cte ? { k: 'var', name: cte.varName } : { k: 'table', name: full };
      const cols = cte ? cte.cols : ctx.catalog.columns(full);
      return { ...bindSource(base, item.alias ?? item.name, cols, ctx), oneRow: cte?.oneRow };
    }
    case 'sub': {
      if (item.lateral)
        refuse(
          'a LATERAL subquery must follow the tables it refers to: t CROSS JOIN LATERAL (…) x, t LEFT JOIN LATERAL (…) x ON true',
          item.pos,
        );
      const b = ctx.derived(item);
      return { ...bindSource({ k: 'var', name: b.varName }, item.alias, b.cols, ctx), oneRow: b.oneRow };
    }
    case 'join': {
      const l = planFrom(item.l, ctx);
      if (item.r.k === 'sub' && item.r.lateral) return planLateral(l, item, item.r, ctx);
      const r = planFrom(item.r, ctx);
      for (const s of r.sources) {
        if (l.sources.some((x) => x.sqlName === s.sqlName))
          refuse(`table name ${s.sqlName} is used twice in FROM; give one an alias`, item.pos);
      }
      const sources = [...l.sources, ...r.sources];
      const usingKeys = new Map([...l.usingKeys, ...r.usingKeys]);
      if (item.kind === 'cross') return { rel: { k: 'join', l: l.rel, r: r.rel, how: 'cross' }, sources, usingKeys };
      let on: SExpr;
      if (item.using) {
        const conds: SExpr[] = [];
        for (const key of item.using) {
          const lk = sideKey(l, key, item.pos);
          const rk = sideKey(r, key, item.pos);
          conds.push(bin('==', lk.e, rk.e));
          const merged: Typed =
            item.kind === 'right' ? rk : item.kind === 'full' ? { e: fn('coalesce', lk.e, rk.e), t: common([lk.t, rk.t]) } : lk;
          usingKeys.set(key, merged);
        }
        on = andAll(conds)!;
      } else {
        const scope = new Scope(sources, true);
        for (const [k, v] of usingKeys) scope.usingKeys.set(k, v);
        const cond = new ExprResolver(ctx.dialect, scope).resolve(item.on!).e;
        on = cond;
        // Conditions on the joined table alone filter it before the join (same result for INNER and LEFT).
        if ((item.kind === 'inner' || item.kind === 'left') && r.sources.length === 1) {
          const rAlias = r.sources[0].dfAlias;
          const parts = splitAnd(on);
          const rightOnly = parts.filter((c) => {
            const q = sidesOf(c, new Set());
            return q.size === 1 && q.has(rAlias);
          });
          const rest = parts.filter((c) => !rightOnly.includes(c));
          if (rightOnly.length && rest.length) {
            return {
              rel: { k: 'join', l: l.rel, r: { k: 'filter', rel: r.rel, cond: andAll(rightOnly)! }, how: item.kind, on: andAll(rest)! },
              sources,
              usingKeys,
            };
          }
        }
      }
      return { rel: { k: 'join', l: l.rel, r: r.rel, how: item.kind, on }, sources, usingKeys };
    }
  }
}

/** Catalog schemas of Redshift and PostgreSQL, and the prefixes of Redshift's system tables and views. */
const SYSTEM_SCHEMAS = new Set(['pg_catalog', 'information_schema', 'pg_internal', 'pg_toast', 'sys']);
const SYSTEM_PREFIX = /^(stl|stv|svl|svv|svcs|stcs|sys|pg)_/;

/** System tables and views describe the source database itself; Spark has no such tables. */
function refuseSystemObject(item: Extract<FromItem, { k: 'table' }>): void {
  const schema = item.schema?.toLowerCase();
  const name = item.name.toLowerCase();
  if ((schema && SYSTEM_SCHEMAS.has(schema)) || (!schema && SYSTEM_PREFIX.test(name))) {
    const full = item.schema ? `${item.schema}.${item.name}` : item.name;
    refuse(
      `${full} is a ${schema === 'information_schema' ? 'catalog view' : 'system table or view'} of the source database (Redshift/PostgreSQL); Spark has no such table, so the query has no DataFrame equivalent. Query it on the database, or read its data from a Spark table that holds a copy`,
      item.pos,
    );
  }
}

function planLateral(
  l: PlannedFrom,
  item: Extract<FromItem, { k: 'join' }>,
  sub: Extract<FromItem, { k: 'sub' }>,
  ctx: FromContext,
): PlannedFrom {
  if (item.kind === 'right' || item.kind === 'full')
    refuse(`${item.kind.toUpperCase()} JOIN LATERAL is not supported (only CROSS/INNER/LEFT JOIN LATERAL)`, item.pos);
  if (item.using) refuse('JOIN LATERAL … USING is not supported: correlate inside the subquery and join ON true', item.pos);
  if (item.on && !(item.on.k === 'bool' && item.on.value))
    refuse("JOIN LATERAL is supported only with ON true: put the conditions into the subquery's WHERE", item.on.pos);
  if (l.sources.some((x) => x.sqlName === sub.alias)) refuse(`table name ${sub.alias} is used twice in FROM; give one an alias`, sub.pos);
  if (!ctx.lateral) refuse('LATERAL subqueries are not supported here', sub.pos);
  return ctx.lateral(l, sub, item.kind === 'left' ? 'left' : 'inner');
}

function bindSource(base: Rel, sqlName: string, cols: Column[] | null, ctx: FromContext): PlannedFrom {
  let dfAlias = sqlName;
  for (let n = 1; ctx.taken.has(dfAlias); n++) dfAlias = `${sqlName}_${n}`;
  const rel: Rel = ctx.qualify ? { k: 'alias', rel: base, alias: dfAlias } : base;
  return { rel, sources: [{ sqlName, dfAlias, cols }], usingKeys: new Map() };
}

function sideKey(side: PlannedFrom, key: string, pos: FromItem['pos']): Typed {
  const merged = side.usingKeys.get(key);
  if (merged) return merged;
  const known = side.sources.filter((s) => s.cols?.some((c) => c.name === key));
  const unknown = side.sources.filter((s) => s.cols === null);
  if (known.length > 1) refuse(`USING column ${key} is ambiguous`, pos);
  const src = known[0] ?? (unknown.length === 1 && side.sources.length === 1 ? unknown[0] : undefined);
  if (!src) refuse(`USING column ${key} is not in ${side.sources.map((s) => s.sqlName).join(', ')}`, pos);
  return { e: { k: 'col', name: key, qual: src.dfAlias }, t: src.cols?.find((c) => c.name === key)?.type ?? 'unknown' };
}

function sidesOf(e: SExpr, out: Set<string>): Set<string> {
  some(e, (x) => {
    if (x.k === 'col' && x.qual) out.add(x.qual);
    return false;
  });
  return out;
}

function splitAnd(e: SExpr): SExpr[] {
  return conjuncts(e, (x) => (x.k === 'bin' && x.op === '&' ? [x.l, x.r] : null));
}
