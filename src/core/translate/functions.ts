// Function table: SQL function → Spark expression with the source dialect's meaning. A function that is not
// here is refused with its name; nothing is passed through as text.
import type { Dialect } from './api';
import type { Expr } from './ast';
import { dateAdd, dateDiffBoundaries, dateDiffElapsed, DATE_TRUNC_UNITS, extractPart, normalizePart, toSparkFormat } from './dates';
import { refuse, type Pos } from './errors';
import { charClass, checkedRegex } from './regex';
import type { SExpr, SType } from './ir';
import { aggFn, bin, cast, common, fn, isInt, isNumeric, lit, method, numLit, raw, widen, type Typed } from './typing';

export interface FnCall {
  name: string;
  ast: Expr & { k: 'func' };
  dialect: Dialect;
  pos: Pos;
  argc: number;
  /** Resolves argument i (lazily, so date-part identifiers are never resolved as columns). */
  arg(i: number): Typed;
  /** Argument i as a date part (bare word or string literal). */
  part(i: number): string;
  /** Argument i as a literal integer. */
  intArg(i: number): number;
  /** Argument i as a string literal. */
  strArg(i: number): string;
  /** The WITHIN GROUP (ORDER BY …) expression. */
  argWithin(): Typed;
}

type Handler = (c: FnCall) => Typed;

const arity = (c: FnCall, min: number, max = min): void => {
  if (c.argc < min || c.argc > max) refuse(`${c.name} takes ${min === max ? min : `${min} to ${max}`} argument(s), got ${c.argc}`, c.pos);
};
const all = (c: FnCall): Typed[] => Array.from({ length: c.argc }, (_, i) => c.arg(i));

const simple =
  (spark: string, t: SType | ((a: Typed[]) => SType), n = 1): Handler =>
  (c) => {
    arity(c, n);
    const a = all(c);
    return { e: fn(spark, ...a.map((x) => x.e)), t: typeof t === 'function' ? t(a) : t };
  };

function needString(x: Typed, c: FnCall): void {
  if (x.t !== 'string' && x.t !== 'unknown' && x.t !== 'null') refuse(`${c.name} expects a string, got ${x.t}`, c.pos);
}

function agg(name: string, result: (t: SType, c: FnCall) => SType): Handler {
  return (c) => {
    if (c.ast.star) {
      if (name !== 'count') refuse(`${c.name}(*) is not valid`, c.pos);
      return withFilter(c, { e: aggFn('count', raw('*')), t: 'bigint' });
    }
    arity(c, 1);
    let x = c.arg(0);
    if (c.ast.filter) x = { e: { k: 'when', cases: [[c.arg(-1).e, x.e]] }, t: x.t };
    const distinct = c.ast.distinct;
    if (distinct && !['count', 'sum', 'min', 'max', 'avg'].includes(name)) refuse(`${c.name}(DISTINCT …) is not supported`, c.pos);
    const spark = distinct
      ? name === 'count'
        ? 'countDistinct'
        : name === 'sum'
          ? 'sum_distinct'
          : name === 'avg'
            ? 'avg_distinct'
            : name
      : name;
    if (spark === 'avg_distinct') refuse('AVG(DISTINCT …) is not supported', c.pos);
    return { e: aggFn(spark, x.e), t: result(x.t, c) };
  };
}

function withFilter(c: FnCall, r: Typed): Typed {
  if (!c.ast.filter) return r;
  return { e: aggFn('count', { k: 'when', cases: [[c.arg(-1).e, lit(1)]] }), t: 'bigint' };
}

const sumType = (t: SType): SType => (isInt(t) ? 'bigint' : t === 'null' ? 'unknown' : t);

function avg(c: FnCall): Typed {
  const r = agg('avg', () => 'double')(c);
  const t = c.arg(0).t;
  if (t === 'unknown')
    refuse('AVG of a column whose type is unknown: Redshift truncates the average of integers, so the type decides the result', c.pos);
  // Redshift returns an integer average for integer input; PostgreSQL and Trino a fractional one.
  if (isInt(t) && c.dialect === 'redshift') return { e: cast(r.e, 'long'), t: 'bigint' };
  if (!isNumeric(t)) refuse(`AVG needs a number, got ${t}`, c.pos);
  return { e: r.e, t: t === 'double' ? 'double' : 'decimal' };
}

function round(c: FnCall): Typed {
  arity(c, 1, 2);
  const x = c.arg(0);
  const digits = c.argc === 2 ? c.intArg(1) : 0;
  if (x.t === 'unknown')
    refuse('ROUND of a value whose type is unknown: PostgreSQL rounds doubles half-to-even and decimals half-up', c.pos);
  // PostgreSQL and Redshift round double precision half-to-even (rint) and numeric half away from zero.
  const sparkFn = x.t === 'double' && c.dialect !== 'athena' ? 'bround' : 'round';
  const args: SExpr[] = [x.e];
  if (c.argc === 2) args.push(raw(digits));
  return { e: fn(sparkFn, ...args), t: x.t === 'int' || x.t === 'bigint' ? x.t : x.t };
}

function trunc(c: FnCall): Typed {
  arity(c, 1, 2);
  const x = c.arg(0);
  if (x.t === 'timestamp' && c.argc === 1) return { e: fn('to_date', x.e), t: 'date' };
  if (!isNumeric(x.t)) refuse(`TRUNC needs a number or a timestamp whose type is known, got ${x.t}`, c.pos);
  if (c.argc === 2) refuse('TRUNC(x, digits) is not supported', c.pos);
  if (isInt(x.t)) return x;
  // toward zero, keeping the numeric type
  return { e: { k: 'when', cases: [[bin('>=', x.e, numLit('0')), fn('floor', x.e)]], else: fn('ceil', x.e) }, t: x.t };
}

function coalesce(c: FnCall): Typed {
  if (c.argc < 1) refuse(`${c.name} needs arguments`, c.pos);
  const a = all(c);
  return { e: fn('coalesce', ...a.map((x) => x.e)), t: common(a.map((x) => x.t)) };
}

function substring(c: FnCall): Typed {
  arity(c, 2, 3);
  const s = c.arg(0);
  needString(s, c);
  const start = c.intArg(1);
  if (start < 1) refuse('SUBSTRING with a start below 1 counts differently in Spark; use a start of 1 or more', c.ast.args[1].pos);
  if (c.argc === 3) {
    const len = c.intArg(2);
    if (len < 0) refuse('negative substring length', c.ast.args[2].pos);
    return { e: fn('substring', s.e, raw(start), raw(len)), t: 'string' };
  }
  return { e: fn('substring', s.e, raw(start), raw(2147483647)), t: 'string' };
}

function leftRight(side: 'left' | 'right'): Handler {
  return (c) => {
    arity(c, 2);
    const s = c.arg(0);
    needString(s, c);
    const n = c.intArg(1);
    if (n < 0) refuse(`${c.name} with a negative length is not supported`, c.ast.args[1].pos);
    if (n === 0) return { e: { k: 'when', cases: [[method(s.e, 'isNotNull'), lit('')]] }, t: 'string' };
    return { e: fn('substring', s.e, raw(side === 'left' ? 1 : -n), raw(n)), t: 'string' };
  };
}

function concatFn(c: FnCall): Typed {
  const a = all(c);
  for (const x of a) if (x.t === 'double') refuse('CONCAT of a double: its text form differs between engines', c.pos);
  // PostgreSQL CONCAT skips NULLs; Redshift and Trino CONCAT return NULL when any argument is NULL.
  if (c.dialect === 'postgres')
    return { e: fn('concat_ws', raw(''), ...a.map((x) => (x.t === 'string' ? x.e : cast(x.e, 'string')))), t: 'string' };
  return { e: fn('concat', ...a.map((x) => x.e)), t: 'string' };
}

function regexEscape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function replace(c: FnCall): Typed {
  arity(c, 3);
  const s = c.arg(0);
  needString(s, c);
  const from = c.strArg(1);
  const to = c.strArg(2);
  if (from === '') return s;
  return { e: fn('regexp_replace', s.e, raw(regexEscape(from)), raw(to.replace(/[$\\]/g, '\\$&'))), t: 'string' };
}

function dateTrunc(c: FnCall): Typed {
  arity(c, 2);
  const unit = normalizePart(c.part(0), c.ast.args[0].pos);
  if (!DATE_TRUNC_UNITS.has(unit)) refuse(`DATE_TRUNC to '${unit}' is not supported`, c.ast.args[0].pos);
  const x = c.arg(1);
  if (x.t !== 'timestamp' && x.t !== 'date') refuse(`DATE_TRUNC needs a date or timestamp whose type is known, got ${x.t}`, c.pos);
  return { e: fn('date_trunc', raw(unit), x.e), t: 'timestamp' };
}

function datePart(c: FnCall): Typed {
  arity(c, 2);
  const part = normalizePart(c.part(0), c.ast.args[0].pos);
  const r = extractPart(part, c.arg(1), c.dialect, c.pos);
  // DATE_PART returns double precision in PostgreSQL and Redshift.
  return { e: r.e, t: 'double', integral: part !== 'second' && part !== 'epoch' };
}

function redshiftDateAdd(c: FnCall): Typed {
  arity(c, 3);
  const n = c.arg(1);
  if (!isInt(n.t)) refuse('DATEADD needs an integer count', c.ast.args[1].pos);
  return dateAdd(normalizePart(c.part(0), c.ast.args[0].pos), n, c.arg(2), c.pos);
}

function dateAddFn(c: FnCall): Typed {
  // Athena date_add('unit', n, x); Spark/Hive-style date_add(x, n) is not the same function.
  if (c.dialect !== 'athena') return redshiftDateAdd(c);
  arity(c, 3);
  return dateAdd(normalizePart(c.part(0), c.ast.args[0].pos), c.arg(1), c.arg(2), c.pos);
}

function dateDiff(c: FnCall): Typed {
  arity(c, 3);
  const part = normalizePart(c.part(0), c.ast.args[0].pos);
  if (c.dialect === 'athena' && c.name === 'DATE_DIFF') return dateDiffElapsed(part, c.arg(1), c.arg(2), c.pos);
  if (c.dialect === 'athena') refuse('DATEDIFF is not an Athena function; use date_diff', c.pos);
  return dateDiffBoundaries(part, c.arg(1), c.arg(2), c.pos);
}

function toChar(c: FnCall): Typed {
  arity(c, 2);
  const x = c.arg(0);
  if (x.t !== 'timestamp' && x.t !== 'date') refuse(`TO_CHAR is only supported for dates and timestamps, got ${x.t}`, c.pos);
  return { e: fn('date_format', x.e, raw(toSparkFormat(c.strArg(1), c.ast.args[1].pos))), t: 'string' };
}

function toDate(c: FnCall): Typed {
  arity(c, 1, 2);
  const x = c.arg(0);
  if (c.argc === 2) return { e: fn('to_date', x.e, raw(toSparkFormat(c.strArg(1), c.ast.args[1].pos))), t: 'date' };
  return { e: fn('to_date', x.e), t: 'date' };
}

function nullif(c: FnCall): Typed {
  arity(c, 2);
  const a = c.arg(0);
  const b = c.arg(1);
  return { e: { k: 'when', cases: [[bin('==', a.e, b.e), lit(null)]], else: a.e }, t: a.t };
}

function nvl2(c: FnCall): Typed {
  arity(c, 3);
  const [x, a, b] = all(c);
  return { e: { k: 'when', cases: [[method(x.e, 'isNotNull'), a.e]], else: b.e }, t: common([a.t, b.t]) };
}

function greatestLeast(name: 'greatest' | 'least'): Handler {
  return (c) => {
    if (c.argc < 2) refuse(`${c.name} needs at least two arguments`, c.pos);
    const a = all(c);
    return { e: fn(name, ...a.map((x) => x.e)), t: common(a.map((x) => x.t)) };
  };
}

function lagLead(name: 'lag' | 'lead'): Handler {
  return (c) => {
    arity(c, 1, 3);
    const x = c.arg(0);
    const args: SExpr[] = [x.e];
    if (c.argc >= 2) args.push(raw(c.intArg(1)));
    if (c.argc === 3) {
      const d = c.ast.args[2];
      if (d.k === 'str') args.push(raw(d.value));
      else if (d.k === 'num') args.push(raw(Number(d.text)));
      else if (d.k === 'null') args.push(raw(null));
      else refuse(`${c.name} default must be a literal`, d.pos);
    }
    return { e: fn(name, ...args), t: x.t };
  };
}

function log(c: FnCall): Typed {
  arity(c, 1, 2);
  if (c.argc === 2) return { e: fn('log', c.arg(0).e, c.arg(1).e), t: 'double' };
  // PostgreSQL/Redshift LOG(x) is base 10; Trino log(x) does not exist with one argument.
  if (c.dialect === 'athena') refuse('Athena log() takes a base; use ln() or log10()', c.pos);
  return { e: fn('log10', c.arg(0).e), t: 'double' };
}

function mod(c: FnCall): Typed {
  arity(c, 2);
  const [a, b] = all(c);
  return { e: bin('%', a.e, b.e), t: widen(a.t, b.t) };
}

function strpos(c: FnCall): Typed {
  arity(c, 2);
  const [s, sub] = all(c);
  needString(s, c);
  return { e: fn('instr', s.e, raw(c.strArg(1))), t: 'int', ...(sub ? {} : {}) };
}

function count(c: FnCall): Typed {
  if (c.ast.distinct && c.argc > 1) {
    // COUNT(DISTINCT a, b): Spark skips tuples with any NULL member, as Redshift does.
    return { e: aggFn('countDistinct', ...all(c).map((x) => x.e)), t: 'bigint' };
  }
  return agg('count', () => 'bigint')(c);
}

function lengthFn(c: FnCall): Typed {
  arity(c, 1);
  const s = c.arg(0);
  needString(s, c);
  return { e: fn('length', s.e), t: 'int' };
}

function trimFn(spark: 'trim' | 'ltrim' | 'rtrim'): Handler {
  return (c) => {
    arity(c, 1, 2);
    const s = c.arg(0);
    needString(s, c);
    if (c.argc === 2) {
      const chars = c.strArg(1);
      if (chars === '') return s;
      if (chars !== ' ') {
        // Strip any of the characters from the chosen end(s): the same set in both engines' regex syntax.
        const cls = `${charClass(chars)}+`;
        const re = spark === 'trim' ? `(?s)^${cls}|${cls}(?!.)` : spark === 'ltrim' ? `(?s)^${cls}` : `(?s)${cls}(?!.)`;
        return { e: fn('regexp_replace', s.e, raw(re), raw('')), t: 'string' };
      }
    }
    return { e: fn(spark, s.e), t: 'string' };
  };
}

function regexpReplace(c: FnCall): Typed {
  arity(c, 3);
  const s = c.arg(0);
  needString(s, c);
  // PostgreSQL regexp_replace replaces the first match only unless 'g'; Redshift and Trino replace all.
  if (c.dialect === 'postgres')
    refuse('PostgreSQL regexp_replace replaces only the first match (without flags); Spark replaces all', c.pos);
  const to = c.strArg(2);
  if (/\\[0-9]/.test(to)) refuse('back-references in the replacement are not supported', c.ast.args[2].pos);
  return { e: fn('regexp_replace', s.e, raw(c.strArg(1)), raw(to)), t: 'string' };
}

function splitPart(c: FnCall): Typed {
  arity(c, 3);
  const s = c.arg(0);
  needString(s, c);
  const d = c.strArg(1);
  const n = c.intArg(2);
  if (d === '') refuse('SPLIT_PART with an empty delimiter is not supported', c.ast.args[1].pos);
  if (n < 1) refuse('SPLIT_PART field numbers start at 1', c.ast.args[2].pos);
  // Fields exist when the string holds at least n-1 delimiters; otherwise Redshift/PostgreSQL give '' and Trino NULL.
  const delimiters = bin(
    '/',
    bin('-', fn('length', s.e), fn('length', fn('regexp_replace', s.e, raw(regexEscape(d)), raw('')))),
    numLit(String(d.length)),
  );
  // The first n fields, then whatever follows the last delimiter in them.
  const firstN = fn('substring_index', s.e, raw(d), raw(n));
  const field = fn('regexp_extract', firstN, raw(`(?s)^(?:.*${regexEscape(d)})?(.*)$`), raw(1));
  return {
    e: {
      k: 'when',
      cases: [
        [method(s.e, 'isNull'), lit(null)],
        [bin('>=', delimiters, numLit(String(n - 1))), field],
      ],
      else: lit(c.dialect === 'athena' ? null : ''),
    },
    t: 'string',
  };
}

function percentileCont(c: FnCall): Typed {
  arity(c, 1);
  if (c.ast.distinct) refuse(`${c.name}(DISTINCT …) is not supported`, c.pos);
  const g = c.ast.withinGroup;
  if (!g) refuse(`${c.name} needs WITHIN GROUP (ORDER BY …)`, c.pos);
  if (c.ast.withinOrder && c.ast.withinOrder.length > 1) refuse('WITHIN GROUP takes one ORDER BY expression', c.ast.withinOrder[1].pos);
  const a = c.ast.args[0];
  if (a.k !== 'num' || Number(a.text) < 0 || Number(a.text) > 1) refuse(`${c.name} needs a literal fraction between 0 and 1`, a.pos);
  const f = Number(a.text);
  // percentile(x, p) interpolates like percentile_cont; a descending order mirrors the fraction.
  return { e: aggFn('percentile', c.argWithin().e, raw(g.desc ? Number((1 - f).toFixed(12)) : f)), t: 'double' };
}

function median(c: FnCall): Typed {
  arity(c, 1);
  if (c.ast.distinct) refuse('MEDIAN(DISTINCT …) is not supported', c.pos);
  return { e: aggFn('percentile', c.arg(0).e, raw(0.5)), t: 'double' };
}

const TRINO_FORMAT: Record<string, string> = {
  Y: 'yyyy',
  y: 'yy',
  m: 'MM',
  c: 'M',
  d: 'dd',
  e: 'd',
  H: 'HH',
  k: 'H',
  i: 'mm',
  s: 'ss',
  S: 'ss',
  f: 'SSSSSS',
  b: 'MMM',
  '%': '%',
};

/** Athena (Trino/MySQL) date_format pattern → Spark pattern; unknown specifiers are refused. */
function trinoFormat(fmt: string, pos: Pos): string {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '%') {
      const spec = TRINO_FORMAT[fmt[i + 1] ?? ''];
      if (!spec) refuse(`unsupported date_format specifier %${fmt[i + 1] ?? ''}`, pos);
      out += spec;
      i++;
    } else if (/[-:/ .,_0-9]/.test(ch)) out += ch;
    else refuse(`unsupported literal '${ch}' in date_format pattern '${fmt}'`, pos);
  }
  return out;
}

export const FUNCTIONS: Record<string, Handler> = {
  CHARINDEX: (c) => {
    arity(c, 2);
    const s = c.arg(1);
    needString(s, c);
    return { e: fn('instr', s.e, raw(c.strArg(0))), t: 'int' };
  },
  TO_TIMESTAMP: (c) => {
    arity(c, 2);
    if (c.dialect === 'athena') refuse('to_timestamp is not an Athena function; use date_parse', c.pos);
    return { e: fn('to_timestamp', c.arg(0).e, raw(toSparkFormat(c.strArg(1), c.ast.args[1].pos))), t: 'timestamp' };
  },
  DATE_FORMAT: (c) => {
    arity(c, 2);
    if (c.dialect !== 'athena') refuse('DATE_FORMAT is an Athena function; use TO_CHAR', c.pos);
    const x = c.arg(0);
    if (x.t !== 'timestamp' && x.t !== 'date') refuse(`date_format needs a date or timestamp whose type is known, got ${x.t}`, c.pos);
    return { e: fn('date_format', x.e, raw(trinoFormat(c.strArg(1), c.ast.args[1].pos))), t: 'string' };
  },
  DATE_PARSE: (c) => {
    arity(c, 2);
    if (c.dialect !== 'athena') refuse('DATE_PARSE is an Athena function; use TO_TIMESTAMP', c.pos);
    return { e: fn('to_timestamp', c.arg(0).e, raw(trinoFormat(c.strArg(1), c.ast.args[1].pos))), t: 'timestamp' };
  },
  PERCENTILE_CONT: percentileCont,
  MEDIAN: median,
  REGEXP_LIKE: (c) => {
    arity(c, 2);
    const s = c.arg(0);
    return { e: method(s.e, 'rlike', raw(c.dialect === 'athena' ? c.strArg(1) : checkedRegex(c.strArg(1), c.ast.args[1].pos))), t: 'bool' };
  },
  SPLIT_PART: splitPart,
  COUNT: count,
  SUM: agg('sum', sumType),
  AVG: avg,
  MIN: agg('min', (t) => t),
  MAX: agg('max', (t) => t),
  STDDEV: agg('stddev', () => 'double'),
  STDDEV_SAMP: agg('stddev_samp', () => 'double'),
  STDDEV_POP: agg('stddev_pop', () => 'double'),
  VARIANCE: agg('variance', () => 'double'),
  VAR_SAMP: agg('var_samp', () => 'double'),
  VAR_POP: agg('var_pop', () => 'double'),
  BOOL_AND: agg('bool_and', () => 'bool'),
  BOOL_OR: agg('bool_or', () => 'bool'),
  ROW_NUMBER: simple('row_number', 'int', 0),
  RANK: simple('rank', 'int', 0),
  DENSE_RANK: simple('dense_rank', 'int', 0),
  PERCENT_RANK: simple('percent_rank', 'double', 0),
  CUME_DIST: simple('cume_dist', 'double', 0),
  NTILE: (c) => {
    arity(c, 1);
    return { e: fn('ntile', raw(c.intArg(0))), t: 'int' };
  },
  LAG: lagLead('lag'),
  LEAD: lagLead('lead'),
  FIRST_VALUE: (c) => {
    arity(c, 1);
    const x = c.arg(0);
    return { e: fn('first', x.e), t: x.t };
  },
  LAST_VALUE: (c) => {
    arity(c, 1);
    const x = c.arg(0);
    return { e: fn('last', x.e), t: x.t };
  },
  NTH_VALUE: (c) => {
    arity(c, 2);
    const x = c.arg(0);
    return { e: fn('nth_value', x.e, raw(c.intArg(1))), t: x.t };
  },
  COALESCE: coalesce,
  NVL: coalesce,
  IFNULL: coalesce,
  NVL2: nvl2,
  NULLIF: nullif,
  GREATEST: greatestLeast('greatest'),
  LEAST: greatestLeast('least'),
  ABS: simple('abs', (a) => a[0].t),
  ROUND: round,
  CEIL: simple('ceil', (a) => (isInt(a[0].t) ? a[0].t : a[0].t === 'double' ? 'double' : 'decimal')),
  CEILING: simple('ceil', (a) => (isInt(a[0].t) ? a[0].t : a[0].t === 'double' ? 'double' : 'decimal')),
  FLOOR: simple('floor', (a) => (isInt(a[0].t) ? a[0].t : a[0].t === 'double' ? 'double' : 'decimal')),
  TRUNC: trunc,
  SQRT: simple('sqrt', 'double'),
  EXP: simple('exp', 'double'),
  LN: simple('log', 'double'),
  LOG: log,
  LOG10: simple('log10', 'double'),
  POWER: simple('pow', 'double', 2),
  POW: simple('pow', 'double', 2),
  MOD: mod,
  SIGN: simple('signum', 'double'),
  LOWER: simple('lower', 'string'),
  UPPER: simple('upper', 'string'),
  LENGTH: lengthFn,
  LEN: lengthFn,
  CHAR_LENGTH: lengthFn,
  CHARACTER_LENGTH: lengthFn,
  BTRIM: trimFn('trim'),
  TRIM: trimFn('trim'),
  LTRIM: trimFn('ltrim'),
  RTRIM: trimFn('rtrim'),
  SUBSTRING: substring,
  SUBSTR: substring,
  LEFT: leftRight('left'),
  RIGHT: leftRight('right'),
  CONCAT: concatFn,
  CONCAT_WS: (c) => {
    if (c.argc < 2) refuse('CONCAT_WS needs a separator and values', c.pos);
    const a = all(c);
    return { e: fn('concat_ws', raw(c.strArg(0)), ...a.slice(1).map((x) => x.e)), t: 'string' };
  },
  REPLACE: replace,
  STRPOS: strpos,
  MD5: simple('md5', 'string'),
  REVERSE: simple('reverse', 'string'),
  REGEXP_REPLACE: regexpReplace,
  DATE_TRUNC: dateTrunc,
  DATE_PART: datePart,
  DATEADD: redshiftDateAdd,
  DATE_ADD: dateAddFn,
  DATEDIFF: dateDiff,
  DATE_DIFF: dateDiff,
  TO_CHAR: toChar,
  TO_DATE: toDate,
  DATE: (c) => {
    arity(c, 1);
    return { e: fn('to_date', c.arg(0).e), t: 'date' };
  },
  LAST_DAY: (c) => {
    arity(c, 1);
    return { e: fn('last_day', c.arg(0).e), t: 'date' };
  },
  CURRENT_DATE: (c) => {
    arity(c, 0);
    return { e: fn('current_date'), t: 'date' };
  },
  CURRENT_TIMESTAMP: (c) => {
    arity(c, 0);
    return { e: fn('current_timestamp'), t: 'timestamp' };
  },
  GETDATE: (c) => {
    arity(c, 0);
    return { e: fn('current_timestamp'), t: 'timestamp' };
  },
  SYSDATE: (c) => {
    arity(c, 0);
    return { e: fn('current_timestamp'), t: 'timestamp' };
  },
  NOW: (c) => {
    arity(c, 0);
    return { e: fn('current_timestamp'), t: 'timestamp' };
  },
  LOCALTIMESTAMP: (c) => {
    arity(c, 0);
    return { e: fn('current_timestamp'), t: 'timestamp' };
  },
};

export const AGGREGATES = new Set([
  'PERCENTILE_CONT',
  'MEDIAN',
  'COUNT',
  'SUM',
  'AVG',
  'MIN',
  'MAX',
  'STDDEV',
  'STDDEV_SAMP',
  'STDDEV_POP',
  'VARIANCE',
  'VAR_SAMP',
  'VAR_POP',
  'BOOL_AND',
  'BOOL_OR',
]);
export const WINDOW_ONLY = new Set([
  'ROW_NUMBER',
  'RANK',
  'DENSE_RANK',
  'PERCENT_RANK',
  'CUME_DIST',
  'NTILE',
  'LAG',
  'LEAD',
  'FIRST_VALUE',
  'LAST_VALUE',
  'NTH_VALUE',
]);
