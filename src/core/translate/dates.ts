// Date/time lowering: date parts, DATEADD/DATEDIFF (Redshift counts boundaries crossed), Athena date_add/date_diff
// (whole units elapsed), EXTRACT and TO_CHAR format strings.
import type { Dialect } from './api';
import { refuse, type Pos } from './errors';
import type { SExpr } from './ir';
import { bin, cast, epochSeconds, fn, numLit, raw, type Typed } from './typing';

const PART_ALIASES: Record<string, string> = {
  y: 'year',
  yr: 'year',
  yrs: 'year',
  year: 'year',
  years: 'year',
  yy: 'year',
  yyyy: 'year',
  qtr: 'quarter',
  qtrs: 'quarter',
  quarter: 'quarter',
  quarters: 'quarter',
  q: 'quarter',
  mon: 'month',
  mons: 'month',
  month: 'month',
  months: 'month',
  mm: 'month',
  w: 'week',
  week: 'week',
  weeks: 'week',
  wk: 'week',
  d: 'day',
  day: 'day',
  days: 'day',
  dd: 'day',
  h: 'hour',
  hr: 'hour',
  hrs: 'hour',
  hour: 'hour',
  hours: 'hour',
  m: 'minute',
  min: 'minute',
  mins: 'minute',
  minute: 'minute',
  minutes: 'minute',
  mi: 'minute',
  s: 'second',
  sec: 'second',
  secs: 'second',
  second: 'second',
  seconds: 'second',
  dow: 'dow',
  dayofweek: 'dow',
  isodow: 'isodow',
  doy: 'doy',
  dayofyear: 'doy',
  epoch: 'epoch',
};

export function normalizePart(text: string, pos: Pos): string {
  const p = PART_ALIASES[text.toLowerCase()];
  if (!p) refuse(`unsupported date part '${text}'`, pos);
  return p;
}

export const SECONDS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400, week: 604800 };

/** EXTRACT(part FROM x) with the source engine's numbering. */
export function extractPart(part: string, x: Typed, dialect: Dialect, pos: Pos): Typed {
  if (x.t === 'interval') {
    if (part === 'epoch') return { e: x.e, t: 'double' };
    refuse(`EXTRACT(${part.toUpperCase()} FROM interval) is not supported; use EXTRACT(EPOCH FROM …)`, pos);
  }
  if (x.t !== 'date' && x.t !== 'timestamp') refuse(`EXTRACT needs a date or timestamp whose type is known, got ${x.t}`, pos);
  const t = dialect === 'postgres' ? 'decimal' : 'int';
  const whole = (r: Typed): Typed => ({ ...r, integral: true });
  switch (part) {
    case 'year':
      return whole({ e: fn('year', x.e), t });
    case 'quarter':
      return whole({ e: fn('quarter', x.e), t });
    case 'month':
      return whole({ e: fn('month', x.e), t });
    case 'week':
      return whole({ e: fn('weekofyear', x.e), t });
    case 'day':
      return whole({ e: fn('dayofmonth', x.e), t });
    case 'hour':
      return whole({ e: fn('hour', x.e), t });
    case 'minute':
      return whole({ e: fn('minute', x.e), t });
    case 'second':
      // PostgreSQL keeps the fraction of a second; the others return whole seconds.
      if (dialect === 'postgres') return { e: bin('%', epochSeconds(x), numLit('60')), t: 'decimal' };
      return whole({ e: fn('second', x.e), t });
    case 'dow':
      return whole({ e: bin('-', fn('dayofweek', x.e), numLit('1')), t });
    case 'isodow':
      return whole({ t, ...isodow(x.e) });
    case 'doy':
      return whole({ e: fn('dayofyear', x.e), t });
    case 'epoch':
      return { e: epochSeconds(x), t: 'decimal' };
  }
  return refuse(`unsupported date part '${part}'`, pos);
}

function isodow(e: SExpr): { e: SExpr } {
  // Spark dayofweek: Sunday=1 … Saturday=7; ISO: Monday=1 … Sunday=7.
  return { e: bin('+', bin('%', bin('+', fn('dayofweek', e), numLit('5')), numLit('7')), numLit('1')) };
}

/** Redshift DATEADD(part, n, x) (and Athena date_add('part', n, x)): result is a timestamp. */
export function dateAdd(part: string, n: Typed, x: Typed, pos: Pos): Typed {
  if (x.t !== 'date' && x.t !== 'timestamp') refuse(`date arithmetic needs a date or timestamp whose type is known, got ${x.t}`, pos);
  const secs = SECONDS[part];
  if (secs !== undefined) {
    const delta = secs === 1 ? n.e : bin('*', n.e, numLit(String(secs)));
    return { e: cast(bin('+', epochSeconds(x), delta), 'timestamp'), t: 'timestamp' };
  }
  if (part === 'month' || part === 'year' || part === 'quarter') {
    if (x.t !== 'date') refuse(`adding ${part}s to a timestamp is not supported (Spark add_months drops the time of day)`, pos);
    const months = part === 'month' ? n.e : bin('*', n.e, numLit(part === 'year' ? '12' : '3'));
    return { e: cast(fn('add_months', x.e, months), 'timestamp'), t: 'timestamp' };
  }
  return refuse(`cannot add '${part}' to a date`, pos);
}

/** Redshift DATEDIFF: the number of `part` boundaries crossed from a to b. */
export function dateDiffBoundaries(part: string, a: Typed, b: Typed, pos: Pos): Typed {
  for (const x of [a, b])
    if (x.t !== 'date' && x.t !== 'timestamp') refuse(`DATEDIFF needs dates or timestamps whose types are known, got ${x.t}`, pos);
  const secs = SECONDS[part];
  if (part === 'day') return { e: fn('datediff', b.e, a.e), t: 'bigint' };
  if (part === 'week') {
    // Monday-based weeks: whole weeks between the Mondays on or before each date.
    const monday = (x: Typed): SExpr => fn('date_trunc', raw('week'), x.e);
    return { e: cast(bin('/', fn('datediff', monday(b), monday(a)), numLit('7')), 'long'), t: 'bigint' };
  }
  if (secs !== undefined) {
    const floorUnits = (x: Typed): SExpr => fn('floor', bin('/', epochSeconds(x), numLit(String(secs))));
    return { e: bin('-', floorUnits(b), floorUnits(a)), t: 'bigint' };
  }
  const monthIndex = (x: Typed): SExpr => bin('+', bin('*', fn('year', x.e), numLit('12')), fn('month', x.e));
  if (part === 'month') return { e: bin('-', monthIndex(b), monthIndex(a)), t: 'bigint' };
  if (part === 'year') return { e: bin('-', fn('year', b.e), fn('year', a.e)), t: 'bigint' };
  if (part === 'quarter') {
    const q = (x: Typed): SExpr => bin('+', bin('*', fn('year', x.e), numLit('4')), fn('quarter', x.e));
    return { e: bin('-', q(b), q(a)), t: 'bigint' };
  }
  return refuse(`DATEDIFF by '${part}' is not supported`, pos);
}

/** Athena (Trino) date_diff: whole units elapsed, truncated toward zero. */
export function dateDiffElapsed(part: string, a: Typed, b: Typed, pos: Pos): Typed {
  for (const x of [a, b])
    if (x.t !== 'date' && x.t !== 'timestamp') refuse(`date_diff needs dates or timestamps whose types are known, got ${x.t}`, pos);
  const secs = SECONDS[part];
  if (secs !== undefined)
    return { e: cast(bin('/', bin('-', epochSeconds(b), epochSeconds(a)), numLit(String(secs))), 'long'), t: 'bigint' };
  return refuse(`date_diff by '${part}' is not supported`, pos);
}

/** Interval literal → seconds. Months and years have no fixed length, so they are refused. */
export function intervalSeconds(value: string, unit: string | undefined, pos: Pos): number {
  const text = unit ? `${value} ${unit}` : value;
  const re = /\s*([+-]?[0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]+)\s*/y;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const part = PART_ALIASES[m[2].toLowerCase()];
    const secs = part ? SECONDS[part] : undefined;
    if (secs === undefined)
      refuse(`interval unit '${m[2]}' has no fixed length in seconds; use DATEADD with months or years on a date`, pos);
    total += Number(m[1]) * secs;
    matched = re.lastIndex;
  }
  if (matched !== text.length || matched === 0) refuse(`cannot read interval '${text}'`, pos);
  return total;
}

/** PostgreSQL/Redshift TO_CHAR pattern → Spark datetime pattern. Unknown tokens are refused. */
export function toSparkFormat(fmt: string, pos: Pos): string {
  const tokens: Array<[string, string]> = [
    ['YYYY', 'yyyy'],
    ['YY', 'yy'],
    ['MM', 'MM'],
    ['Mon', 'MMM'],
    ['DD', 'dd'],
    ['HH24', 'HH'],
    ['HH12', 'hh'],
    ['MI', 'mm'],
    ['SS', 'ss'],
    ['MS', 'SSS'],
  ];
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const tok = tokens.find(([k]) => fmt.startsWith(k, i));
    if (tok) {
      out += tok[1];
      i += tok[0].length;
      continue;
    }
    const c = fmt[i];
    if (/[-:/ .,_0-9]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    refuse(`unsupported TO_CHAR pattern part '${fmt.slice(i, i + 4)}' in '${fmt}'`, pos);
  }
  return out;
}

export const DATE_TRUNC_UNITS = new Set(['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second']);
