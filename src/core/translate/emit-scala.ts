// Plan → Scala Spark: `functions._`, `Window`, one `val` per CTE, `val result` at the end.
import type { TranslateOptions } from './api';
import { colRef, formatAssign, inline, safeVarNames, WindowNames, type Chain } from './emit-common';
import { needsDecimal } from './emit-pyspark';
import { commentText, scalaStr } from './escape';
import type { FrameEdge, Named, Program, Rel, SExpr, SSort, SWindow } from './ir';

const OPS: Record<string, string> = { '==': '===', '!=': '=!=', '&': '&&', '|': '||' };
const PREC: Record<string, number> = {
  '*': 5,
  '/': 5,
  '%': 5,
  '+': 4,
  '-': 4,
  '==': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '&': 2,
  '|': 1,
};

function scValue(v: string | number | boolean | null, num?: string): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    const text = num ?? String(v);
    if (needsDecimal(num)) return `BigDecimal(${scalaStr(num!)})`;
    if (/^-?[0-9]+$/.test(text) && Math.abs(v) > 2147483647) return `${text}L`;
    return text;
  }
  return scalaStr(v);
}

type Bin = Extract<SExpr, { k: 'bin' }>;
/** The left operand continues the chain without parentheses (same precedence, left-associative). */
const PREC_CHAIN = (x: Bin): boolean => x.l.k === 'bin' && PREC[(x.l as Bin).op] === PREC[x.op];

class ScalaPrinter {
  readonly windows = new WindowNames();
  usedWindow = false;
  /** SQL-derived DataFrame variable → its safe name in Scala. */
  names = new Map<string, string>();

  col(e: SExpr): string {
    switch (e.k) {
      case 'col':
        return `col(${scalaStr(colRef(e.name, e.qual))})`;
      case 'lit':
        return `lit(${scValue(e.value, e.num)})`;
      case 'raw':
        return scValue(e.value);
      case 'star':
        return `col(${scalaStr(e.qual ? `${e.qual}.*` : '*')})`;
      case 'fn':
        return `${e.name}(${e.args.map((a) => this.fnArg(e.name, a)).join(', ')})`;
      case 'bin': {
        // A flat chain (a || b || c …, x + y + …) is a left-deep tree: print its left spine in a loop.
        if (!PREC_CHAIN(e)) {
          const l = e.l.k === 'lit' ? this.col(e.l) : this.operand(e.l, e.op, false);
          return `${l} ${OPS[e.op] ?? e.op} ${e.r.k === 'lit' ? scValue(e.r.value, e.r.num) : this.operand(e.r, e.op, true)}`;
        }
        const spine = [e];
        for (let x = e; x.l.k === 'bin' && PREC_CHAIN(x); x = x.l) spine.push(x.l);
        const first = spine[spine.length - 1];
        let s = first.l.k === 'lit' ? this.col(first.l) : this.operand(first.l, first.op, false);
        for (let i = spine.length - 1; i >= 0; i--) {
          const x = spine[i];
          s += ` ${OPS[x.op] ?? x.op} ${x.r.k === 'lit' ? scValue(x.r.value, x.r.num) : this.operand(x.r, x.op, true)}`;
        }
        return s;
      }
      case 'not':
        return `!${this.atom(e.e)}`;
      case 'neg':
        return `-${this.atom(e.e)}`;
      case 'method': {
        // Scala: parameterless Column methods (isNull, isNotNull) take no parentheses.
        if (!e.args.length) return `${this.atom(e.e)}.${e.name}`;
        const args = e.args.map((a) => this.value(a)).join(', ');
        return `${this.atom(e.e)}.${e.name}(${args})`;
      }
      case 'when': {
        let s = '';
        e.cases.forEach(([c, v], i) => {
          s += `${i ? '.' : ''}when(${this.col(c)}, ${this.value(v)})`;
        });
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
    return pc < pp || (pc === pp && right) ? `(${s})` : s;
  }

  private atom(e: SExpr): string {
    const s = this.col(e);
    return e.k === 'bin' || e.k === 'neg' || e.k === 'not' ? `(${s})` : s;
  }

  private fnArg(fnName: string, e: SExpr): string {
    // count("*") and the String overloads of the aggregate functions take column names.
    if (e.k === 'raw' && fnName === 'count') return scValue(e.value);
    return this.col(e);
  }

  private value(e: SExpr): string {
    if (e.k === 'lit') return scValue(e.value, e.num);
    return this.col(e);
  }

  named(n: Named): string {
    if (n.e.k === 'star') return this.col(n.e);
    if (n.e.k === 'col' && n.e.name === n.name) return this.col(n.e);
    return `${this.atom(n.e)}.as(${scalaStr(n.name)})`;
  }

  sort(s: SSort): string {
    return `${this.atom(s.e)}.${s.desc ? 'desc' : 'asc'}_nulls_${s.nullsFirst ? 'first' : 'last'}`;
  }

  window(w: SWindow): string {
    const parts: string[] = [];
    if (w.partition.length) parts.push(`partitionBy(${w.partition.map((x) => this.col(x)).join(', ')})`);
    if (w.order.length) parts.push(`orderBy(${w.order.map((o) => this.sort(o)).join(', ')})`);
    if (w.frame) parts.push(`${w.frame.unit === 'rows' ? 'rowsBetween' : 'rangeBetween'}(${edge(w.frame.start)}, ${edge(w.frame.end)})`);
    if (!parts.length) parts.push('rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)');
    return `Window.${parts.join('.')}`;
  }

  chain(rel: Rel): Chain {
    switch (rel.k) {
      case 'table':
        return { base: `spark.table(${scalaStr(rel.name)})`, calls: [] };
      case 'var':
        return { base: this.names.get(rel.name) ?? rel.name, calls: [] };
      case 'alias':
        return this.push(rel.rel, `.alias(${scalaStr(rel.alias)})`);
      case 'join': {
        const right = inline(this.chain(rel.r));
        if (rel.how === 'cross') return this.push(rel.l, `.crossJoin(${right})`);
        return this.push(rel.l, `.join(${right}, ${this.col(rel.on!)}, ${scalaStr(rel.how)})`);
      }
      case 'filter':
        return this.push(rel.rel, `.filter(${this.col(rel.cond)})`);
      case 'select':
        return this.push(rel.rel, `.select(${rel.items.map((n) => this.named(n)).join(', ')})`);
      case 'agg': {
        const aggs = rel.aggs.map((n) => this.named(n)).join(', ');
        if (!rel.keys.length) return this.push(rel.rel, `.agg(${aggs})`);
        if (!rel.aggs.length) return this.push({ k: 'select', rel: rel.rel, items: rel.keys }, '.distinct()');
        const c = this.push(rel.rel, `.groupBy(${rel.keys.map((n) => this.named(n)).join(', ')})`);
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
          subtract: 'except',
          exceptAll: 'exceptAll',
        }[rel.op];
        return this.push(rel.l, `.${m}(${inline(this.chain(rel.r))})`);
      }
      case 'withColumn':
        return this.push(rel.rel, `.withColumn(${scalaStr(rel.name)}, ${this.col(rel.e)})`);
      case 'drop':
        return this.push(rel.rel, `.drop(${rel.cols.map((c) => scalaStr(c)).join(', ')})`);
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
  return `${x}L`;
}

export function emitScala(progs: Program[], opts: TranslateOptions): string {
  const p = new ScalaPrinter();
  p.names = safeVarNames(progs, 'scala');
  const body: string[] = [];
  const assign = (name: string, rel: Rel, comment?: string): void => {
    const text = formatAssign(`val ${p.names.get(name) ?? name}`, p.chain(rel), 'scala');
    for (const w of p.windows.take()) body.push(`val ${w.name} = ${p.window(w.w)}`);
    if (comment) body.push(`// ${commentText('scala', comment)}`);
    body.push(text);
  };
  for (const prog of progs) {
    for (const n of prog.notes) body.push(`// ${commentText('scala', n)}`);
    for (const s of prog.steps) assign(s.name, s.rel, s.comment);
    const target = prog.resultName ? p.names.get(prog.resultName)! : 'result';
    assign(target, prog.result);
    if (prog.write) {
      const w = prog.write;
      if (opts.writeMode === 'jdbc') {
        body.push(
          '',
          '// JDBC connection settings come from the environment, never from this file.',
          `${target}.write.format("jdbc")`,
          '  .option("url", sys.env("JDBC_URL"))',
          `  .option("dbtable", ${scalaStr(w.table)})`,
          '  .option("user", sys.env("JDBC_USER"))',
          '  .option("password", sys.env("JDBC_PASSWORD"))',
          '  .mode("append")',
          '  .save()',
          '',
        );
      } else if (w.positional) body.push('', `${target}.write.insertInto(${scalaStr(w.table)})`, '');
      else body.push('', `${target}.write.mode(${scalaStr(w.mode)}).saveAsTable(${scalaStr(w.table)})`, '');
    }
  }
  const head = ['import org.apache.spark.sql.functions._'];
  if (p.usedWindow) head.push('import org.apache.spark.sql.expressions.Window');
  const out = [...head, '', ...body];
  while (out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}
