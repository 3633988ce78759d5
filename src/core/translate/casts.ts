// CAST / :: with the source meaning: PostgreSQL rounds to integers (Spark truncates), numeric without a
// precision is unbounded (Spark's bare decimal is decimal(10,0)), varchar(n) truncates.
import type { Dialect } from './api';
import type { TypeName } from './ast';
import { sqlTypeToSType } from './catalog';
import { refuse } from './errors';
import { cast, fn, isInt, raw, type Typed } from './typing';

export function castTo(x: Typed, type: TypeName, dialect: Dialect): Typed {
  const to = sqlTypeToSType(type.name);
  const pos = type.pos;
  switch (to) {
    case 'int':
    case 'bigint': {
      const spark = to === 'bigint' ? 'long' : type.name === 'smallint' || type.name === 'int2' ? 'short' : 'int';
      if (x.t === 'unknown')
        refuse(`CAST of a value whose type is unknown to ${type.name}: PostgreSQL rounds fractions, Spark truncates`, pos);
      if (x.t === 'timestamp' || x.t === 'date') refuse(`cannot cast a ${x.t} to ${type.name}`, pos);
      if (x.integral) return { e: cast(x.e, spark), t: to };
      if (x.t === 'decimal') return { e: cast(fn('round', x.e), spark), t: to };
      // PostgreSQL and Redshift round a double half to even (rint); Trino rounds half away from zero.
      if (x.t === 'double') return { e: cast(fn(dialect === 'athena' ? 'round' : 'bround', x.e), spark), t: to };
      return { e: cast(x.e, spark), t: to };
    }
    case 'decimal': {
      if (type.args.length === 0) {
        // Unbounded numeric: keep the value; only its type (fractional division) changes.
        if (x.t === 'string' || x.t === 'unknown') return { e: cast(x.e, 'decimal(38,10)'), t: 'decimal' };
        if (x.t === 'timestamp' || x.t === 'date' || x.t === 'bool') refuse(`cannot cast a ${x.t} to numeric`, pos);
        return { e: x.e, t: 'decimal' };
      }
      const [p, s = 0] = type.args;
      return { e: cast(x.e, `decimal(${p},${s})`), t: 'decimal' };
    }
    case 'double': {
      if (x.t === 'timestamp' || x.t === 'date') refuse(`cannot cast a ${x.t} to ${type.name}`, pos);
      return { e: cast(x.e, type.name === 'real' || type.name === 'float4' ? 'float' : 'double'), t: 'double' };
    }
    case 'string': {
      if (x.t === 'double') refuse('casting a double to text: its text form differs between engines', pos);
      const s = x.t === 'string' ? x.e : cast(x.e, 'string');
      const n = type.args[0];
      if (n !== undefined && (type.name === 'varchar' || type.name === 'character varying'))
        return { e: fn('substring', s, raw(1), raw(n)), t: 'string' };
      if (n !== undefined) refuse(`CAST to ${type.name}(${n}) pads with blanks; not supported`, pos);
      return { e: s, t: 'string' };
    }
    case 'bool':
      return { e: cast(x.e, 'boolean'), t: 'bool' };
    case 'date': {
      if (isInt(x.t)) refuse('cannot cast an integer to a date', pos);
      if (x.t === 'date') return x;
      return { e: fn('to_date', x.e), t: 'date' };
    }
    case 'timestamp': {
      if (isInt(x.t)) refuse('cannot cast an integer to a timestamp', pos);
      if (x.t === 'timestamp') return x;
      return { e: cast(x.e, 'timestamp'), t: 'timestamp' };
    }
  }
  return refuse(`unsupported cast to ${type.name}`, pos);
}
