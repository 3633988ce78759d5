// The runner's second decoding step, with Go's error text: `data` is re-marshalled by encoding/json
// (keys sorted, numbers as float64) and unmarshalled into the structs elodina/go-avro generates from
// the embedded Avro schemas (package main; records are pointers, a null-union of a primitive is
// interface{}). The first wrong JSON type is the runner's error, as Go's decoder reports it.
import type avro from 'avsc';
import { avroType, type ConfigKind } from './model';

/** A Go type as the decoder sees it: its String() and what JSON it takes. */
type GoType =
  | { kind: 'string' | 'bool' | 'any'; name: string }
  | { kind: 'int'; name: string; bits: 32 | 64 }
  | { kind: 'slice' | 'map'; name: string; elem: GoType }
  | { kind: 'struct'; name: string; record: avro.types.RecordType };

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function goType(t: avro.Type): GoType {
  switch (t.typeName) {
    case 'string':
      return { kind: 'string', name: 'string' };
    case 'boolean':
      return { kind: 'bool', name: 'bool' };
    case 'long':
      return { kind: 'int', name: 'int64', bits: 64 };
    case 'int':
      return { kind: 'int', name: 'int32', bits: 32 };
    case 'array': {
      const elem = goType((t as avro.types.ArrayType).itemsType);
      return { kind: 'slice', name: `[]${pointerName(elem)}`, elem };
    }
    case 'map': {
      const elem = goType((t as avro.types.MapType).valuesType);
      return { kind: 'map', name: `map[string]${pointerName(elem)}`, elem };
    }
    case 'record':
      return { kind: 'struct', name: `main.${cap(t.name!.split('.').pop()!)}`, record: t as avro.types.RecordType };
  }
  // A union with null: the other branch when it can be nil (record, array, map), else interface{}.
  const branches = (t as unknown as { types?: avro.Type[] }).types ?? [];
  const other = branches.length === 2 ? branches.find((b) => b.typeName !== 'null') : undefined;
  if (other && ['record', 'array', 'map'].includes(other.typeName)) return goType(other);
  return { kind: 'any', name: 'interface {}' };
}

/** How a field or element of this type is written in Go: records are pointers. */
const pointerName = (t: GoType): string => (t.kind === 'struct' ? `*${t.name}` : t.name);

/** encoding/json's float64 text (what re-marshalling writes, so what the message quotes). */
function goFloat(n: number): string {
  return String(n); // JS and Go agree: shortest digits, exponent form below 1e-6 and from 1e21
}

const jsonKind = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v;

interface Context {
  struct?: string;
  fields: string[];
}

/** Go's message for the first value of `data` that does not fit the kind's structs, or undefined. */
export function goStructError(kind: ConfigKind, data: unknown): string | undefined {
  return decode(data, goType(avroType(kind)), { fields: [] });
}

function decode(v: unknown, t: GoType, ctx: Context): string | undefined {
  if (v === null || t.kind === 'any') return undefined;
  const k = jsonKind(v);
  const fail = (value: string): string =>
    ctx.struct !== undefined || ctx.fields.length
      ? `json: cannot unmarshal ${value} into Go struct field ${ctx.struct}.${ctx.fields.join('.')} of type ${t.name}`
      : `json: cannot unmarshal ${value} into Go value of type ${t.name}`;
  switch (t.kind) {
    case 'string':
      return k === 'string' ? undefined : fail(k === 'number' ? 'number' : k);
    case 'bool':
      return k === 'bool' ? undefined : fail(k === 'number' ? 'number' : k);
    case 'int': {
      if (k !== 'number') return fail(k);
      const n = v as number;
      const limit = t.bits === 64 ? 2 ** 63 : 2 ** 31;
      return Number.isInteger(n) && n >= -limit && n < limit && Math.abs(n) < 1e21 ? undefined : fail(`number ${goFloat(n)}`);
    }
    case 'slice': {
      if (k !== 'array') return fail(k);
      for (const item of v as unknown[]) {
        const e = decode(item, t.elem, ctx);
        if (e) return e;
      }
      return undefined;
    }
    case 'map': {
      if (k !== 'object') return fail(k);
      for (const key of Object.keys(v as object).sort(byBytes)) {
        const e = decode((v as Record<string, unknown>)[key], t.elem, ctx);
        if (e) return e;
      }
      return undefined;
    }
    case 'struct': {
      if (k !== 'object') return fail(k);
      const fields = t.record.fields;
      const structName = t.name.slice('main.'.length);
      for (const key of Object.keys(v as object).sort(byBytes)) {
        // Go matches the exact name first, then any case.
        const f = fields.find((x) => cap(x.name) === key) ?? fields.find((x) => x.name.toLowerCase() === key.toLowerCase());
        if (!f) continue;
        const e = decode((v as Record<string, unknown>)[key], goType(f.type), { struct: structName, fields: [...ctx.fields, cap(f.name)] });
        if (e) return e;
      }
      return undefined;
    }
  }
}

/** Go sorts map keys by their UTF-8 bytes: code point order. */
function byBytes(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i].codePointAt(0)! - y[i].codePointAt(0)!;
  }
  return x.length - y.length;
}
