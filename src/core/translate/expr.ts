// SQL expression → typed Spark expression, keeping the source dialect's meaning (integer division, NULL
// handling, implicit casts of literals, interval arithmetic) or refusing.
import type { Dialect } from './api';
import type { Expr, Query, WindowSpec } from './ast';
import { castTo } from './casts';
import { dateAdd, extractPart, intervalSeconds, normalizePart } from './dates';
import { refuse, type Pos } from './errors';
import { checkedRegex, similarToRegex } from './regex';
import { AGGREGATES, FUNCTIONS, WINDOW_ONLY, type FnCall } from './functions';
import type { FrameEdge, SExpr, SSort, SType, SWindow } from './ir';
import type { Scope } from './scope';
import { exprKey, rewrite } from './walk';
import {
  bin,
  cast,
  common,
  epochSeconds,
  fn,
  intCast,
  isInt,
  isNumeric,
  isTemporal,
  lit,
  method,
  numLit,
  raw,
  widen,
  type Typed,
} from './typing';

export interface ExprHooks {
  /** Records a caveat for the user (returned as a translation warning). */
  warn?(message: string): void;
  /** Uncorrelated scalar subquery → a hidden column; may refuse. */
  scalarSubquery?(q: Query, pos: Pos): Typed;
}

export const COLLATION_NOTE =
  'PostgreSQL compares and sorts text by the database collation, Spark by code point: text ordering matches only under COLLATE "C".';

export class ExprResolver {
  constructor(
    readonly dialect: Dialect,
    readonly scope: Scope,
    readonly windows: Map<string, WindowSpec> = new Map(),
    readonly hooks: ExprHooks = {},
  ) {}

  /** Default NULL placement of an ascending/descending sort in the source engine. */
  nullsFirst(desc: boolean, explicit?: 'first' | 'last'): boolean {
    if (explicit) return explicit === 'first';
    return this.dialect === 'athena' ? false : desc;
  }

  resolve(e: Expr): Typed {
    switch (e.k) {
      case 'col':
        return this.scope.resolve(e.parts, e.pos);
      case 'star':
        return refuse('* is only allowed in the select list or COUNT(*)', e.pos);
      case 'num':
        return numberLiteral(e.text, e.pos);
      case 'str':
        return { e: lit(e.value), t: 'string' };
      case 'null':
        return { e: lit(null), t: 'null' };
      case 'bool':
        return { e: lit(e.value), t: 'bool' };
      case 'typedlit': {
        if (e.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(e.value)) refuse(`invalid DATE literal '${e.value}'`, e.pos);
        return { e: cast(lit(e.value), e.type), t: e.type };
      }
      case 'interval':
        return { e: numLit(String(intervalSeconds(e.value, e.unit, e.pos))), t: 'interval' };
      case 'unary': {
        const x = this.resolve(e.e);
        if (e.op === 'NOT') return { e: { k: 'not', e: x.e }, t: 'bool' };
        if (e.op === '+') return x;
        if (!isNumeric(x.t) && x.t !== 'interval' && x.t !== 'unknown') refuse(`cannot negate a ${x.t}`, e.pos);
        return { e: { k: 'neg', e: x.e }, t: x.t };
      }
      case 'bin':
        return this.binary(e);
      case 'isnull':
        return { e: method(this.resolve(e.e).e, e.not ? 'isNotNull' : 'isNull'), t: 'bool' };
      case 'isbool': {
        const x = this.resolve(e.e).e;
        // IS TRUE / IS FALSE never yield NULL.
        const test = method(x, 'eqNullSafe', lit(e.value));
        return { e: e.not ? { k: 'not', e: test } : test, t: 'bool' };
      }
      case 'between': {
        const x = this.resolve(e.e);
        const lo = this.coerceLiteral(this.resolve(e.lo), x.t, e.lo.pos);
        const hi = this.coerceLiteral(this.resolve(e.hi), x.t, e.hi.pos);
        const r = bin('&', bin('>=', x.e, lo.e), bin('<=', x.e, hi.e));
        return { e: e.not ? { k: 'not', e: r } : r, t: 'bool' };
      }
      case 'inlist': {
        const x = this.resolve(e.e);
        const items = e.list.map((i) => this.coerceLiteral(this.resolve(i), x.t, i.pos));
        const isin = method(x.e, 'isin', ...items.map((i) => (i.e.k === 'lit' ? { k: 'raw' as const, value: i.e.value } : i.e)));
        return { e: e.not ? { k: 'not', e: isin } : isin, t: 'bool' };
      }
      case 'like':
        return this.like(e);
      case 'regex':
        return this.regex(e);
      case 'case':
        return this.caseExpr(e);
      case 'cast':
        return castTo(this.resolve(e.e), e.type, this.dialect);
      case 'extract':
        return extractPart(normalizePart(e.field, e.pos), this.resolve(e.e), this.dialect, e.pos);
      case 'func':
        return this.func(e);
      case 'subq':
        if (!this.hooks.scalarSubquery) refuse('a scalar subquery is not supported here', e.pos);
        return this.hooks.scalarSubquery(e.q, e.pos);
      case 'insub': {
        const op = e.not ? 'NOT IN' : 'IN';
        return refuse(
          `${op} (subquery) is translated only as a WHERE condition combined with AND (a ${e.not ? 'null-aware anti' : 'semi'} join). Here (in CASE, OR, the select list or a join condition) its NULL result matters: x ${op} (subquery) is NULL when x is NULL or the subquery returns a NULL and there is no match, and a join keeps or drops rows but cannot produce that three-valued value. Move it to WHERE … AND, or write it with [NOT] EXISTS`,
          e.pos,
        );
      }
      case 'exists':
        return refuse('EXISTS is only supported as a condition of WHERE combined with AND', e.pos);
    }
  }

  /** A string literal compared with a typed value takes that type, as in PostgreSQL. */
  coerceLiteral(x: Typed, to: SType, pos: Pos): Typed {
    if (x.e.k !== 'lit' || x.t !== 'string') return x;
    const v = String(x.e.value);
    if (to === 'date' || to === 'timestamp') return { e: cast(lit(v), to), t: to };
    if (isNumeric(to)) {
      if (!/^\s*[+-]?[0-9]+(\.[0-9]*)?\s*$/.test(v)) refuse(`'${v}' is not a valid number`, pos);
      return { e: numLit(v.trim()), t: to };
    }
    if (to === 'bool') return { e: lit(/^(t|true|y|yes|on|1)$/i.test(v.trim())), t: 'bool' };
    return x;
  }

  /**
   * A binary operator. Long flat chains (`a OR b OR …`, `x + y + …`) are left-deep trees as deep as the
   * chain is long, so the left spine is walked in a loop and only right operands recurse.
   */
  private binary(e: Expr & { k: 'bin' }): Typed {
    if (e.l.k !== 'bin') return this.combine(e, this.resolve(e.l), this.resolve(e.r));
    const spine: Array<Expr & { k: 'bin' }> = [];
    let leftmost: Expr = e;
    while (leftmost.k === 'bin') {
      spine.push(leftmost);
      leftmost = leftmost.l;
    }
    if (spine.length > MAX_CHAIN) {
      refuse(
        `more than ${MAX_CHAIN} operators in one chain (AND, OR, +, ||, comparisons …): Python cannot compile an expression that deep; use IN (…) for a list of alternatives, or split the expression into CTE columns`,
        spine[spine.length - 1 - MAX_CHAIN].pos,
      );
    }
    let acc = this.resolve(leftmost);
    for (let i = spine.length - 1; i >= 0; i--) acc = this.combine(spine[i], acc, this.resolve(spine[i].r));
    return acc;
  }

  private combine(e: Expr & { k: 'bin' }, lt: Typed, rt: Typed): Typed {
    if (e.op === 'AND' || e.op === 'OR') return { e: bin(e.op === 'AND' ? '&' : '|', lt.e, rt.e), t: 'bool' };
    let l = lt;
    let r = rt;
    switch (e.op) {
      case '=':
      case '<>':
      case '<':
      case '>':
      case '<=':
      case '>=':
      case 'IS DISTINCT FROM':
      case 'IS NOT DISTINCT FROM': {
        l = this.coerceLiteral(l, r.t, e.l.pos);
        r = this.coerceLiteral(r, l.t, e.r.pos);
        if (l.t === 'interval' || r.t === 'interval') {
          if (l.t !== 'interval' || r.t !== 'interval') refuse('an interval can only be compared with an interval', e.pos);
        }
        if (this.dialect === 'postgres' && ['<', '>', '<=', '>='].includes(e.op) && l.t === 'string' && r.t === 'string')
          this.hooks.warn?.(COLLATION_NOTE);
        if (e.op === 'IS NOT DISTINCT FROM') return { e: method(l.e, 'eqNullSafe', r.e), t: 'bool' };
        if (e.op === 'IS DISTINCT FROM') return { e: { k: 'not', e: method(l.e, 'eqNullSafe', r.e) }, t: 'bool' };
        const op = ({ '=': '==', '<>': '!=', '<': '<', '>': '>', '<=': '<=', '>=': '>=' } as const)[e.op];
        return { e: bin(op, l.e, r.e), t: 'bool' };
      }
      case '||': {
        for (const x of [l, r]) {
          if (x.t === 'double')
            refuse('|| with a double: its text form differs between engines; cast it to a decimal or integer first', e.pos);
        }
        // concat casts its arguments to string itself; an explicit integer-to-string cast adds nothing.
        const unwrap = (x: SExpr): SExpr =>
          x.k === 'method' && x.name === 'cast' && x.args[0]?.k === 'raw' && x.args[0].value === 'string' && x.e.k === 'col' ? x.e : x;
        const parts = (x: Typed): SExpr[] => (x.e.k === 'fn' && x.e.name === 'concat' ? x.e.args : [unwrap(x.e)]);
        return { e: fn('concat', ...parts(l), ...parts(r)), t: 'string' };
      }
      case '+':
      case '-':
        return this.addSub(e.op, l, r, e.pos);
      case '*': {
        if (l.t === 'interval' || r.t === 'interval') {
          const [iv, n] = l.t === 'interval' ? [l, r] : [r, l];
          if (!isNumeric(n.t)) refuse('an interval can only be multiplied by a number', e.pos);
          return { e: bin('*', iv.e, n.e), t: 'interval' };
        }
        this.needNumbers(l, r, e.pos, '*');
        return { e: bin('*', l.e, r.e), t: widen(l.t, r.t) };
      }
      case '/': {
        if (l.t === 'interval' && isNumeric(r.t)) return { e: bin('/', l.e, r.e), t: 'interval' };
        this.needNumbers(l, r, e.pos, '/');
        if (l.t === 'unknown' || r.t === 'unknown' || l.t === 'null' || r.t === 'null') {
          if (l.t !== 'null' && r.t !== 'null')
            refuse('cannot tell whether / is integer division: an operand has an unknown type (cast it, e.g. x::float or x::int)', e.pos);
        }
        if (isInt(l.t) && isInt(r.t)) {
          // SQL integer division truncates toward zero; Spark's / is fractional, and the cast truncates.
          const t = widen(l.t, r.t);
          return { e: cast(bin('/', l.e, r.e), intCast(t)), t };
        }
        return { e: bin('/', l.e, r.e), t: l.t === 'double' || r.t === 'double' ? 'double' : 'decimal' };
      }
      case '%': {
        this.needNumbers(l, r, e.pos, '%');
        return { e: bin('%', l.e, r.e), t: widen(l.t, r.t) };
      }
    }
    return refuse(`unsupported operator ${e.op}`, e.pos);
  }

  private needNumbers(l: Typed, r: Typed, pos: Pos, op: string): void {
    for (const x of [l, r]) {
      if (!isNumeric(x.t) && x.t !== 'unknown' && x.t !== 'null') refuse(`operator ${op} needs numbers, got ${x.t}`, pos);
    }
  }

  private addSub(op: '+' | '-', l: Typed, r: Typed, pos: Pos): Typed {
    if (isTemporal(l.t) && r.t === 'interval') {
      const negated: SExpr = r.e.k === 'lit' && typeof r.e.value === 'number' ? numLit(String(-r.e.value)) : { k: 'neg', e: r.e };
      const secs: Typed = { e: op === '+' ? r.e : negated, t: 'bigint' };
      return dateAdd('second', secs, l, pos);
    }
    if (l.t === 'interval' && isTemporal(r.t) && op === '+') return dateAdd('second', { e: l.e, t: 'bigint' }, r, pos);
    if (l.t === 'interval' && r.t === 'interval') return { e: bin(op, l.e, r.e), t: 'interval' };
    if (l.t === 'date' && isInt(r.t)) return { e: fn(op === '+' ? 'date_add' : 'date_sub', l.e, r.e), t: 'date' };
    if (isInt(l.t) && r.t === 'date' && op === '+') return { e: fn('date_add', r.e, l.e), t: 'date' };
    if (l.t === 'date' && r.t === 'date' && op === '-') return { e: fn('datediff', l.e, r.e), t: 'int' };
    if (isTemporal(l.t) && isTemporal(r.t) && op === '-') return { e: bin('-', epochSeconds(l), epochSeconds(r)), t: 'interval' };
    if (isTemporal(l.t) || isTemporal(r.t))
      refuse(`cannot ${op === '+' ? 'add' : 'subtract'} ${r.t} ${op === '+' ? 'to' : 'from'} ${l.t}`, pos);
    this.needNumbers(l, r, pos, op);
    return { e: bin(op, l.e, r.e), t: widen(l.t, r.t) };
  }

  private like(e: Expr & { k: 'like' }): Typed {
    const x = this.resolve(e.e);
    if (e.pattern.k !== 'str') refuse('LIKE patterns must be string literals', e.pattern.pos);
    if (e.similar) {
      if (this.dialect === 'athena') refuse('SIMILAR TO is not a Trino (Athena) operator; use regexp_like', e.pos);
      if (e.escape !== undefined && e.escape !== '\\') refuse('SIMILAR TO with an ESCAPE other than backslash is not supported', e.pos);
      const r = method(x.e, 'rlike', raw(similarToRegex(e.pattern.value, e.pattern.pos)));
      return { e: e.not ? { k: 'not', e: r } : r, t: 'bool' };
    }
    const pattern = e.escape === undefined || e.escape === '\\' ? e.pattern.value : withBackslashEscape(e.pattern.value, e.escape, e.pos);
    // Backslash is the default LIKE escape character in PostgreSQL, Redshift and Spark alike.
    const r = e.ci ? method(fn('lower', x.e), 'like', raw(pattern.toLowerCase())) : method(x.e, 'like', raw(pattern));
    return { e: e.not ? { k: 'not', e: r } : r, t: 'bool' };
  }

  private regex(e: Expr & { k: 'regex' }): Typed {
    const x = this.resolve(e.e);
    if (e.pattern.k !== 'str') refuse('regular expression patterns must be string literals', e.pattern.pos);
    const pattern = checkedRegex(e.pattern.value, e.pattern.pos);
    const r = method(x.e, 'rlike', raw(e.ci ? `(?i)${pattern}` : pattern));
    return { e: e.not ? { k: 'not', e: r } : r, t: 'bool' };
  }

  /** Redshift DECODE(x, s1, r1, …[, default]) is the simple CASE x WHEN s1 THEN r1 … [ELSE default] END. */
  private decode(e: Expr & { k: 'func' }): Typed {
    const [operand, ...rest] = e.args;
    if (!operand || rest.length < 2) refuse('DECODE needs an expression and at least one search/result pair', e.pos);
    const whens: Array<{ when: Expr; then: Expr }> = [];
    for (let i = 0; i + 1 < rest.length; i += 2) {
      // Whether a NULL search matches a NULL expression is not what CASE does; do not guess.
      if (rest[i].k === 'null') refuse('DECODE with a NULL search value is not supported: use CASE WHEN x IS NULL', rest[i].pos);
      whens.push({ when: rest[i], then: rest[i + 1] });
    }
    return this.caseExpr({ k: 'case', operand, whens, else: rest.length % 2 ? rest[rest.length - 1] : undefined, pos: e.pos });
  }

  private caseExpr(e: Expr & { k: 'case' }): Typed {
    const operand = e.operand ? this.resolve(e.operand) : undefined;
    const cases: Array<[SExpr, SExpr]> = [];
    const types: SType[] = [];
    for (const w of e.whens) {
      let cond: SExpr;
      if (operand) {
        const v = this.coerceLiteral(this.resolve(w.when), operand.t, w.when.pos);
        cond = bin('==', operand.e, v.e);
      } else cond = this.resolve(w.when).e;
      const then = this.resolve(w.then);
      types.push(then.t);
      cases.push([cond, then.e]);
    }
    const other = e.else ? this.resolve(e.else) : undefined;
    if (other) types.push(other.t);
    const t = common(types);
    if (t === 'unknown' && types.some((x) => x !== 'unknown' && x !== 'null') && new Set(types.filter((x) => x !== 'null')).size > 1) {
      refuse(`CASE branches have incompatible types (${[...new Set(types)].join(', ')})`, e.pos);
    }
    return { e: { k: 'when', cases, else: other?.e }, t };
  }

  private func(e: Expr & { k: 'func' }): Typed {
    const name = e.name;
    if (name === 'DECODE' && this.dialect === 'redshift' && !e.over && !e.distinct && !e.star) return this.decode(e);
    if (name === 'RATIO_TO_REPORT') return this.ratioToReport(e);
    if (name === 'CONVERT_TIMEZONE')
      refuse(
        "CONVERT_TIMEZONE is not supported: Spark's to_utc_timestamp/from_utc_timestamp are not checked to resolve DST-ambiguous or nonexistent local times and time zone abbreviations as Redshift does; convert in the source or keep UTC",
        e.pos,
      );
    if (name === 'REGEXP_SUBSTR')
      refuse(
        "REGEXP_SUBSTR is not supported: the POSIX regex of the source takes the longest leftmost match, Java's (Spark regexp_extract) the first alternative that matches ('a|ab' on 'abc': ab vs a), so the extracted text can differ",
        e.pos,
      );
    if ((name === 'LISTAGG' && this.dialect === 'redshift') || (name === 'STRING_AGG' && this.dialect === 'postgres'))
      return this.stringAgg(e);
    if (name === 'LISTAGG' || name === 'STRING_AGG')
      refuse(
        `${name} is translated only as ${name === 'LISTAGG' ? 'Redshift' : 'PostgreSQL'} (dialect ${this.dialect}: not supported)`,
        e.pos,
      );
    if (e.argOrder) refuse(`ordered aggregates (${name}(… ORDER BY …)) are not supported`, e.argOrderPos!);
    if (e.withinGroup && name !== 'PERCENTILE_CONT') refuse(`WITHIN GROUP (ORDER BY …) is not supported for ${name}`, e.withinGroup.pos);
    const h = FUNCTIONS[name];
    if (!h) refuse(`unknown function ${name}`, e.pos);
    if (e.over && !(AGGREGATES.has(name) || WINDOW_ONLY.has(name))) refuse(`${name} is not a window function`, e.pos);
    if (e.over && e.distinct) refuse(`${name}(DISTINCT …) OVER (…) has no Spark equivalent`, e.pos);
    if (!e.over && WINDOW_ONLY.has(name)) refuse(`${name} needs an OVER (…) clause`, e.pos);
    if (e.filter && !AGGREGATES.has(name)) refuse('FILTER (WHERE …) only applies to aggregates', e.pos);
    if (e.distinct && !AGGREGATES.has(name)) refuse(`DISTINCT is not valid in ${name}(…)`, e.pos);
    const self = this;
    const call: FnCall = {
      name,
      ast: e,
      dialect: this.dialect,
      pos: e.pos,
      argc: e.args.length,
      arg(i) {
        return i === -1 ? self.resolve(e.filter!) : self.resolve(e.args[i]);
      },
      part(i) {
        const a = e.args[i];
        if (a.k === 'str') return a.value;
        if (a.k === 'col' && a.parts.length === 1) return a.parts[0];
        return refuse(`${name} needs a date part such as 'day' as argument ${i + 1}`, a.pos);
      },
      intArg(i) {
        const a = e.args[i];
        if (a?.k === 'num' && /^-?[0-9]+$/.test(a.text) && BigInt(a.text) <= 2147483647n) return Number(a.text);
        return refuse(`${name} argument ${i + 1} must be an integer literal`, a?.pos ?? e.pos);
      },
      argWithin() {
        return self.resolve(e.withinGroup!.e);
      },
      strArg(i) {
        const a = e.args[i];
        if (a?.k === 'str') return a.value;
        return refuse(`${name} argument ${i + 1} must be a string literal`, a?.pos ?? e.pos);
      },
    };
    const r = h(call);
    if (!e.over) return r;
    return { e: overEach(r.e, this.window(e.over, name)), t: r.t };
  }

  /**
   * Redshift RATIO_TO_REPORT(x) OVER (PARTITION BY …) → x / SUM(x) over the partition, both as double
   * (Redshift returns FLOAT8). A NULL x gives NULL; SUM skips NULLs as in Redshift. A zero sum gives NULL
   * (Spark division), where Redshift's FLOAT8 division raises an error, as for `/` everywhere.
   */
  private ratioToReport(e: Expr & { k: 'func' }): Typed {
    if (this.dialect !== 'redshift') refuse('RATIO_TO_REPORT is a Redshift function; write x / SUM(x) OVER (PARTITION BY …)', e.pos);
    if (!e.over) refuse('RATIO_TO_REPORT needs an OVER ([PARTITION BY …]) clause', e.pos);
    if (e.distinct || e.star || e.filter || e.args.length !== 1) refuse('RATIO_TO_REPORT takes exactly one argument', e.pos);
    if (e.over.ref || e.over.order.length || e.over.frame)
      refuse('RATIO_TO_REPORT … OVER (…) takes only PARTITION BY (no ORDER BY, frame or named window)', e.over.pos);
    const x = this.resolve(e.args[0]);
    if (!isNumeric(x.t))
      refuse(`RATIO_TO_REPORT needs a numeric argument, not ${x.t === 'unknown' ? 'one of unknown type (cast it)' : x.t}`, e.args[0].pos);
    if (JSON.stringify(x.e).includes('"k":"over"')) refuse('RATIO_TO_REPORT cannot take a window function as its argument', e.args[0].pos);
    const d = x.t === 'double' ? x.e : cast(x.e, 'double');
    const w: SWindow = { partition: e.over.partition.map((p) => this.resolve(p).e), order: [] };
    return { e: bin('/', d, { k: 'over', fn: { k: 'fn', name: 'sum', args: [d], agg: true }, w }), t: 'double' };
  }

  /**
   * Redshift LISTAGG(x, 'd') WITHIN GROUP (ORDER BY x) and PostgreSQL STRING_AGG(x, 'd' ORDER BY x) →
   * array_join(sort_array(collect_list(x)), 'd'), NULL for a group without values. Only ordering by the
   * aggregated value itself is translated: equal values are identical strings, so ties cannot change the
   * result (Spark sorts by code point: PostgreSQL's collation and Redshift's trailing-blank-insensitive
   * comparison can order differently; noted). collect_list skips NULLs as both do; Redshift also skips
   * empty strings. PostgreSQL DISTINCT → array_distinct; Redshift DISTINCT (trailing blanks ignored) is refused.
   */
  private stringAgg(e: Expr & { k: 'func' }): Typed {
    const name = e.name;
    const redshift = name === 'LISTAGG';
    if (e.over) refuse(`${name} as a window function is not supported`, e.over.pos);
    if (e.star || e.filter) refuse(`${name}(*) and FILTER are not supported`, e.pos);
    if (e.args.length < (redshift ? 1 : 2) || e.args.length > 2)
      refuse(redshift ? 'LISTAGG takes a value and an optional delimiter' : 'STRING_AGG takes a value and a delimiter', e.pos);
    if (redshift && e.argOrder) refuse('LISTAGG orders with WITHIN GROUP (ORDER BY …), not ORDER BY inside the call', e.argOrderPos!);
    if (!redshift && e.withinGroup) refuse('STRING_AGG orders with ORDER BY inside the call, not WITHIN GROUP', e.withinGroup.pos);
    if (redshift && e.distinct)
      refuse('LISTAGG(DISTINCT …) is not supported: Redshift treats values that differ only in trailing blanks as duplicates', e.pos);
    const d = e.args[1];
    if (d && d.k !== 'str') refuse(`${name} needs a string literal delimiter`, d.pos);
    const delim = d && d.k === 'str' ? d.value : '';
    const order = (redshift ? e.withinOrder : e.argOrder) ?? [];
    if (!order.length)
      refuse(
        `${name} without ${redshift ? 'WITHIN GROUP (ORDER BY …)' : 'ORDER BY'} concatenates in an arbitrary order; order by the value`,
        e.pos,
      );
    const x = this.resolve(e.args[0]);
    if (x.t !== 'string')
      refuse(`${name} needs a text value, not ${x.t === 'unknown' ? 'one of unknown type' : x.t} (cast it)`, e.args[0].pos);
    if (JSON.stringify(x.e).includes('"k":"over"') || JSON.stringify(x.e).includes('"agg":true'))
      refuse(`${name} cannot take an aggregate or window function as its value`, e.args[0].pos);
    if (order.length !== 1 || exprKey(this.resolve(order[0].e).e) !== exprKey(x.e)) {
      refuse(
        `${name} ordered by something other than the aggregated value is not supported (ties and the order of other keys have no checked translation); order by the value itself`,
        (order[1] ?? order[0]).pos,
      );
    }
    if (this.dialect === 'postgres') this.hooks.warn?.(COLLATION_NOTE);
    else
      this.hooks.warn?.(
        'LISTAGG: Redshift compares strings ignoring trailing blanks and fails above 65535 bytes; Spark sorts by code point and has no length limit.',
      );
    const v = redshift ? { k: 'when' as const, cases: [[bin('!=', x.e, lit('')), x.e]] as Array<[SExpr, SExpr]> } : x.e;
    let list: SExpr = { k: 'fn', name: 'collect_list', args: [v], agg: true };
    if (e.distinct) list = fn('array_distinct', list);
    const sorted = order[0].desc ? fn('sort_array', list, raw(false)) : fn('sort_array', list);
    const joined = fn('array_join', sorted, raw(delim));
    return { e: { k: 'when', cases: [[bin('>', { k: 'fn', name: 'count', args: [v], agg: true }, lit(0)), joined]] }, t: 'string' };
  }

  window(spec: WindowSpec, fnName: string): SWindow {
    let s = spec;
    if (spec.ref) {
      const base = this.windows.get(spec.ref);
      if (!base) refuse(`window ${spec.ref} is not defined`, spec.pos);
      s = {
        ...base,
        partition: base.partition.length ? base.partition : spec.partition,
        order: spec.order.length ? spec.order : base.order,
        frame: spec.frame ?? base.frame,
      };
      if (base.ref) refuse('nested window references are not supported', spec.pos);
    }
    const order: SSort[] = s.order.map((o) => ({ e: this.resolve(o.e).e, desc: o.desc, nullsFirst: this.nullsFirst(o.desc, o.nulls) }));
    const w: SWindow = { partition: s.partition.map((p) => this.resolve(p).e), order };
    const rankLike = ['ROW_NUMBER', 'RANK', 'DENSE_RANK', 'PERCENT_RANK', 'CUME_DIST', 'NTILE', 'LAG', 'LEAD'].includes(fnName);
    if (s.frame && !rankLike) {
      const edge = (b: (typeof s.frame)['start']): FrameEdge => {
        switch (b.kind) {
          case 'unboundedPreceding':
            return 'unboundedPreceding';
          case 'unboundedFollowing':
            return 'unboundedFollowing';
          case 'current':
            return 'currentRow';
          case 'preceding':
            return -(b.n ?? 0);
          case 'following':
            return b.n ?? 0;
        }
      };
      if (s.frame.unit === 'range' && (s.frame.start.n !== undefined || s.frame.end.n !== undefined)) {
        refuse('RANGE frames with offsets are not supported; use ROWS', s.frame.pos);
      }
      w.frame = { unit: s.frame.unit, start: edge(s.frame.start), end: edge(s.frame.end) };
    }
    return w;
  }
}

export { raw };

/** Longest chain of binary operators translated: Python's compiler gives up near 3,000 nested operations. */
export const MAX_CHAIN = 2500;

/** Spark's decimals hold at most 38 digits. */
const MAX_DECIMAL_DIGITS = 38;

/**
 * A numeric literal with a type the target can hold: int, bigint, a decimal (beyond a long: emitted as
 * Decimal / BigDecimal), a double for exponent notation; refused when no Spark type holds it exactly.
 */
function numberLiteral(sqlText: string, pos: Pos): Typed {
  if (/^(0|[1-9][0-9]{0,8})$/.test(sqlText)) return { e: numLit(sqlText), t: 'int' };
  const sign = sqlText.startsWith('-') ? '-' : '';
  // Spelled so Python and Scala read it: no leading zeros (Python rejects 0123), no bare `5.` or `.5`.
  const text = sqlText
    .slice(sign.length)
    .replace(/^0+(?=[0-9])/, '')
    .replace(/^\./, '0.')
    .replace(/\.(?=[eE]|$)/, '.0');
  const shown = text.length > 24 ? `${sign}${text.slice(0, 12)}…(${text.length} characters)` : sign + text;
  const lit: SExpr = numLit(sign + text);
  if (/^[0-9]+$/.test(text)) {
    const n = BigInt(text);
    if (n <= 2147483647n) return { e: lit, t: 'int' };
    if (n <= 9223372036854775807n) return { e: lit, t: 'bigint' };
    if (text.length > MAX_DECIMAL_DIGITS)
      refuse(`the number ${shown} has more than ${MAX_DECIMAL_DIGITS} digits; no Spark numeric type holds it exactly`, pos);
    return { e: lit, t: 'decimal' };
  }
  if (/e/i.test(text)) {
    if (!Number.isFinite(Number(text))) refuse(`the number ${shown} is out of the range of a double`, pos);
    return { e: lit, t: 'double' };
  }
  const significant = text.replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  if (significant.length > MAX_DECIMAL_DIGITS)
    refuse(`the number ${shown} has more than ${MAX_DECIMAL_DIGITS} significant digits; no Spark decimal holds it exactly`, pos);
  return { e: lit, t: 'decimal' };
}

/** Spark functions that are window functions themselves (ranking, offsets, frame values). */
const SPARK_WINDOW_FNS = new Set([
  'row_number',
  'rank',
  'dense_rank',
  'percent_rank',
  'cume_dist',
  'ntile',
  'lag',
  'lead',
  'first',
  'last',
  'first_value',
  'last_value',
  'nth_value',
]);

/**
 * `fn(…) OVER w` where the translation wrapped the call (a cast of Redshift's integer AVG, a rounding, a
 * coalesce): `.over(w)` belongs on each aggregate or window call inside, and the wrappers apply to the
 * windowed value. `F.avg(x).cast("long").over(w)` is not valid Spark; `F.avg(x).over(w).cast("long")` is.
 */
function overEach(e: SExpr, w: SWindow): SExpr {
  const isCall = (x: SExpr): boolean => x.k === 'fn' && (x.agg === true || SPARK_WINDOW_FNS.has(x.name));
  if (isCall(e)) return { k: 'over', fn: e, w };
  let found = false;
  const out = rewrite(e, (x) => (isCall(x) ? ((found = true), { k: 'over', fn: x, w }) : undefined));
  return found ? out : { k: 'over', fn: e, w };
}

/** Rewrites a LIKE pattern that uses ESCAPE 'c' into the default backslash-escape form Spark uses. */
function withBackslashEscape(pattern: string, esc: string, pos: Pos): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (esc !== '' && c === esc) {
      const next = pattern[i + 1];
      if (next === undefined) refuse('LIKE pattern ends with the escape character', pos);
      out += '\\' + next;
      i++;
    } else if (c === '\\') out += '\\\\';
    else out += c;
  }
  return out;
}
