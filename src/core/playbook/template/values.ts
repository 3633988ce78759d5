// Go values as the template engine sees them (string, bool, int, float64, byte, rune, the vars map,
// "no value"), with Go's truth, comparison and fmt printing rules (fmt.Sprint / Sprintf subset).

export type GoNumKind = 'int' | 'float64' | 'uint8' | 'int32';
export interface GoNum {
  readonly num: GoNumKind;
  readonly v: number;
}
/** A map[string]interface{}: the vars map the runner passes as the template's data. */
export type GoMap = Map<string, GoValue>;
/** `undefined` is Go's invalid reflect.Value ("<no value>"); `null` is a nil interface. */
export type GoValue = string | boolean | GoNum | GoMap | null | undefined;

export const goInt = (v: number): GoNum => ({ num: 'int', v });
export const goFloat = (v: number): GoNum => ({ num: 'float64', v });

export function isNum(v: GoValue): v is GoNum {
  return typeof v === 'object' && v !== null && !(v instanceof Map);
}

/** Go's type name, as error messages print it. */
export function typeName(v: GoValue): string {
  if (v === undefined) return '<nil>';
  if (v === null) return 'interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof Map) return 'map[string]interface {}';
  return v.num;
}

/** text/template's truth: false, 0, nil and empty strings/maps are false. */
export function isTrue(v: GoValue): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'boolean') return v;
  if (v instanceof Map) return v.size > 0;
  return v.v !== 0;
}

/** Byte length of a Go string (Go strings are UTF-8 bytes). */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

// ---- number formatting (strconv.FormatFloat 'g' shortest / fmt %v)

function shortestDigits(f: number): { digits: string; exp: number } {
  // toExponential() with no argument gives the shortest round-tripping digits, like Go's shortest mode.
  const [mant, e] = Math.abs(f).toExponential().split('e');
  return { digits: mant.replace('.', ''), exp: Number(e) };
}

function expSuffix(exp: number, ch: string): string {
  const sign = exp < 0 ? '-' : '+';
  const a = Math.abs(exp);
  return `${ch}${sign}${a < 10 ? '0' : ''}${a}`;
}

/** strconv.FormatFloat(f, 'g', -1, 64), which is what fmt's %v prints for a float64. */
export function formatFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const neg = f < 0 || Object.is(f, -0);
  if (f === 0) return neg ? '-0' : '0';
  const { digits, exp } = shortestDigits(f);
  let out: string;
  if (exp < -4 || exp >= 21) {
    out = digits[0] + (digits.length > 1 ? '.' + digits.slice(1) : '') + expSuffix(exp, 'e');
  } else if (exp < 0) {
    out = '0.' + '0'.repeat(-exp - 1) + digits;
  } else if (digits.length <= exp + 1) {
    out = digits + '0'.repeat(exp + 1 - digits.length);
  } else {
    out = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
  }
  return (neg ? '-' : '') + out;
}

/** fmt's %v of one value. */
export function sprintValue(v: GoValue): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Map) {
    const keys = [...v.keys()].sort();
    return `map[${keys.map((k) => `${k}:${sprintValue(v.get(k))}`).join(' ')}]`;
  }
  return v.num === 'float64' ? formatFloatG(v.v) : String(v.v);
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: GoValue[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += sprintValue(a);
  });
  return out;
}

/** fmt.Sprintln: always spaces, then a newline. */
export function sprintln(args: GoValue[]): string {
  return args.map(sprintValue).join(' ') + '\n';
}

/** strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c === 0xfffd && ch !== '\ufffd') out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  zero: boolean;
  space: boolean;
  width?: number;
  prec?: number;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  if (spec.width === undefined || [...s].length >= spec.width) return s;
  const n = spec.width - [...s].length;
  if (spec.minus) return s + ' '.repeat(n);
  if (spec.zero && numeric) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(n) + s.slice(sign.length);
  }
  return ' '.repeat(n) + s;
}

function badVerb(verb: string, v: GoValue): string {
  if (v === undefined || v === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${sprintValue(v)})`;
}

function fmtInt(n: number, verb: string, spec: Spec): string {
  let body: string;
  const abs = Math.abs(n);
  switch (verb) {
    case 'd':
    case 'v':
      body = String(abs);
      break;
    case 'x':
      body = abs.toString(16);
      if (spec.sharp) body = '0x' + body;
      break;
    case 'X':
      body = abs.toString(16).toUpperCase();
      if (spec.sharp) body = '0X' + body;
      break;
    case 'o':
      body = abs.toString(8);
      if (spec.sharp) body = '0' + body;
      break;
    case 'O':
      body = '0o' + abs.toString(8);
      break;
    case 'b':
      body = abs.toString(2);
      break;
    default:
      return '';
  }
  if (spec.prec !== undefined) body = body.padStart(spec.prec, '0');
  const sign = n < 0 ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  return pad(sign + body, spec, spec.prec === undefined);
}

function fmtFloat(f: number, verb: string, spec: Spec): string {
  let body: string;
  if (!Number.isFinite(f)) body = Number.isNaN(f) ? 'NaN' : f > 0 ? (spec.plus ? '+Inf' : 'Inf') : '-Inf';
  else if (verb === 'f' || verb === 'F') body = f.toFixed(spec.prec ?? 6);
  else if (verb === 'e' || verb === 'E') {
    const [m, e] = f.toExponential(spec.prec ?? 6).split('e');
    body = m + expSuffix(Number(e), 'e');
    if (verb === 'E') body = body.toUpperCase();
  } else if ((verb === 'g' || verb === 'v' || verb === 'G') && spec.prec === undefined) body = formatFloatG(f);
  else {
    // %g with a precision: %e if the exponent is < -4 or >= precision, trailing zeros removed.
    const p = spec.prec === 0 ? 1 : spec.prec!;
    const [m, e] = f.toExponential(p - 1).split('e');
    const exp = Number(e);
    if (exp < -4 || exp >= p) body = m.replace(/\.?0+$/, '') + expSuffix(exp, 'e');
    else
      body = Number(f.toPrecision(p)).toString().includes('e')
        ? f.toFixed(Math.max(0, p - 1 - exp))
        : f
            .toFixed(Math.max(0, p - 1 - exp))
            .replace(/(\.\d*?)0+$/, '$1')
            .replace(/\.$/, '');
  }
  if (Number.isFinite(f) && f >= 0 && !body.startsWith('-')) body = (spec.plus ? '+' : spec.space ? ' ' : '') + body;
  return pad(body, spec, Number.isFinite(f));
}

function fmtOne(verb: string, v: GoValue, spec: Spec): string {
  if (verb === 'T') return pad(v === undefined || v === null ? '<nil>' : typeName(v), spec, false);
  if (v === undefined || v === null) return verb === 'v' || verb === 's' ? pad('<nil>', spec, false) : badVerb(verb, v);
  if (typeof v === 'boolean') return verb === 'v' || verb === 't' ? pad(String(v), spec, false) : badVerb(verb, v);
  if (typeof v === 'string') {
    let s = v;
    switch (verb) {
      case 'v':
      case 's':
        if (spec.prec !== undefined) s = [...s].slice(0, spec.prec).join('');
        return pad(s, spec, false);
      case 'q':
        return pad(goQuote(s), spec, false);
      case 'x':
      case 'X': {
        const hex = Buffer.from(s, 'utf8').toString('hex');
        return pad(verb === 'X' ? hex.toUpperCase() : hex, spec, false);
      }
      default:
        return badVerb(verb, v);
    }
  }
  if (v instanceof Map) {
    if (verb !== 'v' && verb !== 's') return badVerb(verb, v);
    return pad(sprintValue(v), spec, false);
  }
  if (v.num === 'float64') {
    if ('eEfFgGv'.includes(verb)) return fmtFloat(v.v, verb, spec);
    return badVerb(verb, v);
  }
  if (verb === 'c') return pad(String.fromCodePoint(v.v), spec, false);
  if (verb === 'q') return pad(`'${String.fromCodePoint(v.v)}'`, spec, false);
  if (verb === 'U') return pad('U+' + v.v.toString(16).toUpperCase().padStart(4, '0'), spec, false);
  const s = fmtInt(v.v, verb, spec);
  return s === '' ? badVerb(verb, v) : s;
}

/** fmt.Sprintf for the verbs templates use: %v %s %d %q %t %f %e %g %x %X %o %b %c %U %T %%. */
export function sprintf(format: string, args: GoValue[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const spec: Spec = { minus: false, plus: false, sharp: false, zero: false, space: false };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === '0') spec.zero = !spec.minus;
      else if (f === ' ') spec.space = true;
      else break;
    }
    const num = /^\d+/.exec(format.slice(i));
    if (num) {
      spec.width = Number(num[0]);
      i += num[0].length;
    }
    if (format[i] === '.') {
      i++;
      const p = /^\d+/.exec(format.slice(i));
      spec.prec = p ? Number(p[0]) : 0;
      if (p) i += p[0].length;
    }
    const verb = format[i++];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += fmtOne(verb, args[argi++], spec);
  }
  if (argi < args.length) {
    out +=
      '%!(EXTRA ' +
      args
        .slice(argi)
        .map((a) => `${a === undefined || a === null ? '<nil>' : typeName(a)}=${sprintValue(a)}`)
        .join(', ') +
      ')';
  }
  return out;
}
