// Query → relational plan: CTEs, set operations, ORDER BY / LIMIT. SELECT blocks are in select.ts.
import type { Dialect } from './api';
import type { Body, OrderItem, Query } from './ast';
import type { Catalog } from './catalog';
import { refuse } from './errors';
import type { CteEnv } from './from';
import type { Column, Program, Rel, SSort } from './ir';
import type { Scope } from './scope';
import type { PlanContext, Planned } from './planContext';
import { planSelect } from './select';
import { bin, col, fn, numLit } from './typing';

/** Set operations per DataFrame variable in a long UNION/INTERSECT/EXCEPT chain (Python compiles ~1,400 chained calls). */
const SETOP_CHUNK = 200;

const RESERVED_NAMES = new Set([
  'F',
  'Window',
  'spark',
  'result',
  'and',
  'or',
  'not',
  'in',
  'is',
  'if',
  'else',
  'for',
  'from',
  'import',
  'class',
  'def',
  'return',
  'with',
  'as',
  'lambda',
  'pass',
  'type',
  'val',
  'var',
  'object',
  'os',
  'None',
  'True',
  'False',
  'w',
]);

export class Planner implements PlanContext {
  readonly steps: Program['steps'] = [];
  readonly notes: string[] = [];
  private readonly used = new Set<string>();
  private hiddenCount = 0;

  constructor(
    readonly dialect: Dialect,
    readonly catalog: Catalog,
  ) {}

  /** A fresh DataFrame variable name based on a SQL name. */
  varName(base: string): string {
    let name = base.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([0-9])/, '_$1') || 'df';
    if (RESERVED_NAMES.has(name)) name += '_df';
    let out = name;
    for (let n = 2; this.used.has(out); n++) out = `${name}_${n}`;
    this.used.add(out);
    return out;
  }

  hidden(prefix: string): string {
    return `_${prefix}${this.hiddenCount++}`;
  }

  bind(base: string, p: Planned, comment?: string): string {
    if (p.rel.k === 'var') return p.rel.name;
    const name = this.varName(base);
    this.steps.push({ name, rel: p.rel, comment });
    return name;
  }

  planQuery(q: Query, env: CteEnv, outer?: Scope): Planned {
    const local: CteEnv = new Map(env);
    for (const cte of q.ctes) {
      let p = this.planQuery(cte.q, local);
      if (cte.columns) {
        if (!p.cols) refuse(`cannot rename the columns of CTE ${cte.name}: its columns are unknown`, cte.pos);
        if (p.cols.length !== cte.columns.length)
          refuse(`CTE ${cte.name} names ${cte.columns.length} columns but its query returns ${p.cols.length}`, cte.pos);
        const cols = p.cols;
        p = {
          rel: { k: 'select', rel: p.rel, items: cols.map((c, i) => ({ e: col(c.name), name: cte.columns![i] })) },
          cols: cols.map((c, i) => ({ name: cte.columns![i], type: c.type })),
        };
      }
      local.set(cte.name, { varName: this.bind(cte.name, p), cols: p.cols, oneRow: p.oneRow });
    }
    let p: Planned;
    if (q.body.k === 'select') p = planSelect(this, q.body, q.orderBy, local, outer);
    else {
      p = this.planBody(q.body, local);
      if (q.orderBy.length) p = { rel: { k: 'sort', rel: p.rel, keys: this.outputOrder(q.orderBy, p.cols) }, cols: p.cols };
    }
    if (q.offset) {
      const skipped = this.skipRows(p.rel, q.offset.n, q.limit?.n);
      if (skipped) return { rel: skipped, cols: p.cols, oneRow: false };
      p = { rel: { k: 'offset', rel: p.rel, n: q.offset.n }, cols: p.cols, oneRow: false };
    }
    if (q.limit) {
      if (!q.orderBy.length) this.notes.push('LIMIT without ORDER BY returns arbitrary rows, in SQL as in Spark.');
      p = { rel: { k: 'limit', rel: p.rel, n: q.limit.n }, cols: p.cols, oneRow: p.oneRow && q.limit.n > 0 };
    }
    return p;
  }

  /**
   * ORDER BY … [LIMIT l] OFFSET n without DataFrame.offset (Spark ≥ 3.4 only): number the sorted rows
   * with row_number() over the full ORDER BY and keep rows n+1 … n+l. Ties are as arbitrary as in SQL.
   * Undefined when the rows are not sorted (then only DataFrame.offset expresses it).
   */
  skipRows(rel: Rel, n: number, limit: number | undefined): Rel | undefined {
    // Projections above the sort (dropping hidden sort keys) are re-applied after the filter.
    const above: Array<Extract<Rel, { k: 'select' | 'drop' }>> = [];
    let r = rel;
    while (r.k === 'select' || r.k === 'drop') {
      above.push(r);
      r = r.rel;
    }
    if (r.k !== 'sort') return undefined;
    this.notes.push(
      'OFFSET is computed with row_number() over the whole ORDER BY (DataFrame.offset needs Spark 3.4); that window has no partitions, so the numbering runs in a single task.',
    );
    const rn = this.hidden('row');
    const past = bin('>', col(rn), numLit(String(n)));
    const cond = limit === undefined ? past : bin('&', past, bin('<=', col(rn), numLit(String(n + limit))));
    let out: Rel = { k: 'withColumn', rel: r.rel, name: rn, e: { k: 'over', fn: fn('row_number'), w: { partition: [], order: r.keys } } };
    out = { k: 'filter', rel: out, cond };
    out = { k: 'sort', rel: out, keys: [{ e: col(rn), desc: false, nullsFirst: false }] };
    out = { k: 'drop', rel: out, cols: [rn] };
    for (const a of above.reverse()) out = { ...a, rel: out };
    return out;
  }

  planBody(b: Body, env: CteEnv): Planned {
    if (b.k === 'select') return planSelect(this, b, [], env);
    if (b.k === 'paren') return this.planQuery(b.q, env);
    // `a UNION ALL b UNION ALL …` is a left-deep tree as deep as the chain is long: walk its left spine in a
    // loop, and bind every SETOP_CHUNK operations to a variable so no emitted method chain gets too long.
    const spine: Array<Extract<Body, { k: 'setop' }>> = [];
    let leftmost: Body = b;
    while (leftmost.k === 'setop') {
      spine.push(leftmost);
      leftmost = leftmost.l;
    }
    let acc = this.planBody(leftmost, env);
    for (let i = spine.length - 1; i >= 0; i--) {
      acc = this.setop(spine[i], acc, this.planBody(spine[i].r, env));
      if (i > 0 && (spine.length - i) % SETOP_CHUNK === 0) acc = { rel: { k: 'var', name: this.bind('set_part', acc) }, cols: acc.cols };
    }
    return acc;
  }

  private setop(b: Extract<Body, { k: 'setop' }>, l: Planned, r: Planned): Planned {
    if (l.cols && r.cols && l.cols.length !== r.cols.length)
      refuse(`each ${b.op.toUpperCase()} query must have the same number of columns (${l.cols.length} vs ${r.cols.length})`, b.pos);
    const op =
      b.op === 'union'
        ? b.all
          ? 'unionAll'
          : 'union'
        : b.op === 'intersect'
          ? b.all
            ? 'intersectAll'
            : 'intersect'
          : b.all
            ? 'exceptAll'
            : 'subtract';
    const cols =
      l.cols && r.cols
        ? l.cols.map((c, i) => ({ name: c.name, type: c.type === r.cols![i].type ? c.type : c.type === 'null' ? r.cols![i].type : c.type }))
        : l.cols;
    const rel: Rel = { k: 'setop', op: op === 'union' ? 'unionAll' : op, l: l.rel, r: r.rel };
    return { rel: op === 'union' ? { k: 'distinct', rel } : rel, cols };
  }

  /** ORDER BY after a set operation: output names and ordinals only. */
  outputOrder(items: OrderItem[], cols: Column[] | null): SSort[] {
    return items.map((o) => {
      const nullsFirst = o.nulls ? o.nulls === 'first' : this.dialect === 'athena' ? false : o.desc;
      if (o.e.k === 'num' && /^[0-9]+$/.test(o.e.text)) {
        const i = Number(o.e.text);
        if (!cols) refuse('ORDER BY position needs known output columns', o.pos);
        if (i < 1 || i > cols.length) refuse(`ORDER BY position ${i} is not in the select list`, o.pos);
        return { e: col(cols[i - 1].name), desc: o.desc, nullsFirst };
      }
      if (o.e.k === 'col' && o.e.parts.length === 1) {
        if (cols && !cols.some((c) => c.name === (o.e as { parts: string[] }).parts[0]))
          refuse(`ORDER BY column ${o.e.parts[0]} is not an output column of the set operation`, o.pos);
        return { e: col(o.e.parts[0]), desc: o.desc, nullsFirst };
      }
      return refuse('ORDER BY after UNION/INTERSECT/EXCEPT must name an output column or position', o.pos);
    });
  }
}
