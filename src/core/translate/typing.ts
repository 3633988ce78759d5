// Type rules shared by expressions and functions: numeric widening and helpers that build typed Spark expressions.
import type { SExpr, SType } from './ir';

export interface Typed {
  e: SExpr;
  t: SType;
  /** The value is a whole number even though its type is fractional (e.g. DATE_PART('year', …)). */
  integral?: boolean;
}

export const isInt = (t: SType): boolean => t === 'int' || t === 'bigint';
export const isNumeric = (t: SType): boolean => t === 'int' || t === 'bigint' || t === 'decimal' || t === 'double';
export const isTemporal = (t: SType): boolean => t === 'date' || t === 'timestamp';

/** Result type of + - * % on two numbers, as in PostgreSQL/Redshift. */
export function widen(a: SType, b: SType): SType {
  if (a === 'null') return b;
  if (b === 'null') return a;
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  if (a === 'double' || b === 'double') return 'double';
  if (a === 'decimal' || b === 'decimal') return 'decimal';
  if (a === 'bigint' || b === 'bigint') return 'bigint';
  if (a === 'int' && b === 'int') return 'int';
  return 'unknown';
}

/** Common type of CASE branches / COALESCE arguments. */
export function common(types: SType[]): SType {
  let t: SType = 'null';
  for (const u of types) {
    if (u === 'null') continue;
    if (t === 'null') {
      t = u;
      continue;
    }
    if (t === u) continue;
    if (isNumeric(t) && isNumeric(u)) {
      t = widen(t, u);
      continue;
    }
    if (isTemporal(t) && isTemporal(u)) {
      t = 'timestamp';
      continue;
    }
    return 'unknown';
  }
  return t;
}

export const col = (name: string, qual?: string): SExpr => ({ k: 'col', name, qual });
export const lit = (value: string | number | boolean | null): SExpr => ({ k: 'lit', value });
export const numLit = (text: string): SExpr => ({ k: 'lit', value: Number(text), num: text });
export const raw = (value: string | number | boolean | null): SExpr => ({ k: 'raw', value });
export const fn = (name: string, ...args: SExpr[]): SExpr => ({ k: 'fn', name, args });
export const aggFn = (name: string, ...args: SExpr[]): SExpr => ({ k: 'fn', name, args, agg: true });
export const method = (e: SExpr, name: string, ...args: SExpr[]): SExpr => ({ k: 'method', e, name, args });
export const cast = (e: SExpr, to: string): SExpr => method(e, 'cast', raw(to));
export const bin = (op: Extract<SExpr, { k: 'bin' }>['op'], l: SExpr, r: SExpr): SExpr => ({ k: 'bin', op, l, r });

/** Spark cast type name for an integer SQL type. */
export const intCast = (t: SType): string => (t === 'bigint' ? 'long' : 'int');

/** Epoch seconds (with fraction) of a date or timestamp: exact in a UTC session. */
export function epochSeconds(x: Typed): SExpr {
  return x.t === 'date' ? cast(cast(x.e, 'timestamp'), 'double') : cast(x.e, 'double');
}
