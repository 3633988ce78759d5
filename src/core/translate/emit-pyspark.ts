// Plan → idiomatic PySpark: `F` functions, `Window` specs, one named DataFrame per CTE, `result` at the end.
import type { TranslateOptions } from './api';
import { colRef, formatAssign, inline, safeVarNames, WindowNames, type Chain } from './emit-common';
import { commentText, pyStr } from './escape';
import type { FrameEdge, Named, Program, Rel, SExpr, SSort, SWindow } from './ir';

const PREC: Record<string, number> = {
  '*': 5,
  '/': 5,
  '%': 5,
  '+': 4,
  '-': 4,
  '&': 3,
  '|': 2,
  '==': 1,
  '!=': 1,
  '<': 1,
  '<=': 1,
  '>': 1,
  '>=': 1,
};

const MAX_LONG = 9223372036854775807n;

/** Whether a number must be a Decimal in the code: an integer too large for a long. */
export const needsDecimal = (num: string | undefined): boolean =>
  num !== undefined && /^-?[0-9]+$/.test(num) && BigInt(num.replace('-', '')) > MAX_LONG;

function pyValue(v: string | number | boolean | null, num?: string): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return needsDecimal(num) ? `Decimal(${pyStr(num!)})` : (num ?? String(v));
  return pyStr(v);
}

type Bin = Extract<SExpr, { k: 'bin' }>;
/** The left operand continues the chain without parentheses (same precedence, left-associative). */
const PREC_CHAIN = (x: Bin): boolean => x.l.k === 'bin' && PREC[(x.l as Bin).op] === PREC[x.op] && PREC[x.op] !== 1;

class PyPrinter {
  readonly windows = new WindowNames();
  usedWindow = false;
  /** SQL-derived DataFrame variable → its safe name in Python. */
  names = new Map<string, string>();

  /** A Column-valued expression. */
  col(e: SExpr): string {
    switch (e.k) {
      case 'col':
        return `F.col(${pyStr(colRef(e.name, e.qual))})`;
      case 'lit':
        return `F.lit(${pyValue(e.value, e.num)})`;
      case 'raw':
        return pyValue(e.value);
      case 'star':
        return `F.col(${pyStr(e.qual ? `${e.qual}.*` : '*')})`;
      case 'fn':
        return `F.${e.name}(${e.args.map((a) => this.fnArg(a)).join(', ')})`;
      case 'bin': {
        // A flat chain (a | b | c …, x + y + …) is a left-deep tree: print its left spine in a loop.
        if (!PREC_CHAIN(e)) {
          const l = e.l.k === 'lit' ? this.col(e.l) : this.operand(e.l, e.op, false);
          return `${l} ${e.op} ${e.r.k === 'lit' ? pyValue(e.r.value, e.r.num) : this.operand(e.r, e.op, true)}`;
        }
        const spine = [e];
        for (let x = e; x.l.k === 'bin' && PREC_CHAIN(x); x = x.l) spine.push(x.l);
        const first = spine[spine.length - 1];
        let s = first.l.k === 'lit' ? this.col(first.l) : this.operand(first.l, first.op, false);
        for (let i = spine.length - 1; i >= 0; i--) {
          const x = spine[i];
          s += ` ${x.op} ${x.r.k === 'lit' ? pyValue(x.r.value, x.r.num) : this.operand(x.r, x.op, true)}`;
        }
        return s;
      }
      case 'not':
        return `~${this.atom(e.e)}`;
      case 'neg':
        return `-${this.atom(e.e)}`;
      case 'method':
        return `${this.atom(e.e)}.${e.name}(${e.args.map((a) => this.value(a)).join(', ')})`;
      case 'when': {
        let s = 'F';
        for (const [c, v] of e.cases) s += `.when(${this.col(c)}, ${this.value(v)})`;
        if (e.else) s += `.otherwise(${this.value(e.else)})`;
        return s;
      }
      case 'over': {
        this.usedWindow = true;
        return `${this.col(e.fn)}.over(${this.windows.nameFor(e.w)})`;
      }
    }
  }

  private operand(e: SExpr, parentOp: string, right: boolean): string {
    const s = this.col(e);
    if (e.k !== 'bin') return s;
    const pc = PREC[e.op];
    const pp = PREC[parentOp];
    const wrap = pc < pp || (pc === pp && right) || (pc === 1 && pp === 1);
    return wrap ? `(${s})` : s;
  }

  private atom(e: SExpr): string {
    const s = this.col(e);
    return e.k === 'bin' || e.k === 'neg' || e.k === 'not' ? `(${s})` : s;
  }

  /** Argument of an F function: column names as strings, literals wrapped, parameters plain. */
  private fnArg(e: SExpr): string {
    if (e.k === 'col') return pyStr(colRef(e.name, e.qual));
    return this.col(e);
  }

  /** Argument where PySpark treats plain Python values as literals (when, isin, like, cast...). */
  private value(e: SExpr): string {
    if (e.k === 'lit') return pyValue(e.value, e.num);
    return this.col(e);
  }

  named(n: Named): string {
    if (n.e.k === 'star') return pyStr(n.e.qual ? `${n.e.qual}.*` : '*');
    if (n.e.k === 'col' && n.e.name === n.name) return pyStr(colRef(n.e.name, n.e.qual));
    const s = this.col(n.e);
    return `${n.e.k === 'bin' || n.e.k === 'not' || n.e.k === 'neg' ? `(${s})` : s}.alias(${pyStr(n.name)})`;
  }

  sort(s: SSort): string {
    const dir = `${s.desc ? 'desc' : 'asc'}_nulls_${s.nullsFirst ? 'first' : 'last'}`;
    const base = s.e.k === 'col' ? this.col(s.e) : this.atom(s.e);
    return `${base}.${dir}()`;
  }

  window(w: SWindow): string {
    const parts: string[] = [];
    const keys = (xs: SExpr[]): string => xs.map((x) => this.fnArg(x)).join(', ');
    if (w.partition.length) parts.push(`partitionBy(${keys(w.partition)})`);
    if (w.order.length) parts.push(`orderBy(${w.order.map((o) => this.sort(o)).join(', ')})`);
    if (w.frame) parts.push(`${w.frame.unit === 'rows' ? 'rowsBetween' : 'rangeBetween'}(${edge(w.frame.start)}, ${edge(w.frame.end)})`);
    // The whole input as one frame (an empty partitionBy() means the same).
    if (!parts.length) parts.push('rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)');
    return `Window.${parts.join('.')}`;
  }

  chain(rel: Rel): Chain {
    switch (rel.k) {
      case 'table':
        return { base: `spark.table(${pyStr(rel.name)})`, calls: [] };
      case 'var':
        return { base: this.names.get(rel.name) ?? rel.name, calls: [] };
      case 'alias':
        return this.push(rel.rel, `.alias(${pyStr(rel.alias)})`);
      case 'join': {
        const right = inline(this.chain(rel.r));
        if (rel.how === 'cross') return this.push(rel.l, `.crossJoin(${right})`);
        return this.push(rel.l, `.join(${right}, ${this.col(rel.on!)}, ${pyStr(rel.how)})`);
      }
      case 'filter':
        return this.push(rel.rel, `.filter(${this.col(rel.cond)})`);
      case 'select':
        return this.push(rel.rel, `.select(${rel.items.map((n) => this.named(n)).join(', ')})`);
      case 'agg': {
        const aggs = rel.aggs.map((n) => this.named(n)).join(', ');
        if (!rel.keys.length) return this.push(rel.rel, `.agg(${aggs})`);
        const keys = rel.keys.map((n) => this.named(n)).join(', ');
        // GROUP BY without aggregates is a DISTINCT over the keys.
        if (!rel.aggs.length) return this.push({ k: 'select', rel: rel.rel, items: rel.keys }, '.distinct()');
        const c = this.push(rel.rel, `.groupBy(${keys})`);
        c.calls.push(`.agg(${aggs})`);
        return c;
      }
      case 'distinct':
        return this.push(rel.rel, '.distinct()');
      case 'sort':
        return this.push(rel.rel, `.orderBy(${rel.keys.map((k) => this.sort(k)).join(', ')})`);
      case 'limit':
        return this.push(rel.rel, `.limit(${rel.n})`);
      case 'offset':
        return this.push(rel.rel, `.offset(${rel.n})`);
      case 'setop': {
        const m = {
          union: 'union',
          unionAll: 'union',
          intersect: 'intersect',
          intersectAll: 'intersectAll',
          subtract: 'subtract',
          exceptAll: 'exceptAll',
        }[rel.op];
        return this.push(rel.l, `.${m}(${inline(this.chain(rel.r))})`);
      }
      case 'withColumn':
        return this.push(rel.rel, `.withColumn(${pyStr(rel.name)}, ${this.col(rel.e)})`);
      case 'drop':
        return this.push(rel.rel, `.drop(${rel.cols.map((c) => pyStr(c)).join(', ')})`);
    }
  }

  private push(rel: Rel, call: string): Chain {
    const c = this.chain(rel);
    return { base: c.base, calls: [...c.calls, call] };
  }
}

function edge(x: FrameEdge): string {
  if (x === 'unboundedPreceding') return 'Window.unboundedPreceding';
  if (x === 'unboundedFollowing') return 'Window.unboundedFollowing';
  if (x === 'currentRow') return 'Window.currentRow';
  return String(x);
}

export function emitPySpark(progs: Program[], opts: TranslateOptions): string {
  const p = new PyPrinter();
  p.names = safeVarNames(progs, 'python');
  const body: string[] = [];
  const out: string[] = [];
  const assign = (name: string, rel: Rel, comment?: string): void => {
    const text = formatAssign(p.names.get(name) ?? name, p.chain(rel), 'python');
    for (const w of p.windows.take()) body.push(`${w.name} = ${p.window(w.w)}`);
    if (comment) body.push(`# ${commentText('pyspark', comment)}`);
    body.push(text);
  };
  for (const prog of progs) {
    for (const n of prog.notes) body.push(`# ${commentText('pyspark', n)}`);
    for (const s of prog.steps) assign(s.name, s.rel, s.comment);
    const target = prog.resultName ? p.names.get(prog.resultName)! : 'result';
    assign(target, prog.result);
    if (prog.write) body.push('', ...writeLines(target, prog.write, opts), '');
  }
  const head = ['from pyspark.sql import functions as F'];
  if (p.usedWindow) head.push('from pyspark.sql.window import Window');
  if (body.some((l) => l.includes('Decimal("'))) head.unshift('from decimal import Decimal');
  if (progs.some((x) => x.write) && opts.writeMode === 'jdbc') head.unshift('import os');
  out.push(...head, '', ...body);
  while (out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}

function writeLines(df: string, w: NonNullable<Program['write']>, opts: TranslateOptions): string[] {
  if (opts.writeMode === 'jdbc') {
    return [
      '# JDBC connection settings come from the environment, never from this file.',
      '(',
      `    ${df}.write.format("jdbc")`,
      '    .option("url", os.environ["JDBC_URL"])',
      `    .option("dbtable", ${pyStr(w.table)})`,
      '    .option("user", os.environ["JDBC_USER"])',
      '    .option("password", os.environ["JDBC_PASSWORD"])',
      '    .mode("append")',
      '    .save()',
      ')',
    ];
  }
  if (w.positional) return [`${df}.write.insertInto(${pyStr(w.table)})`];
  return [`${df}.write.mode(${pyStr(w.mode)}).saveAsTable(${pyStr(w.table)})`];
}
