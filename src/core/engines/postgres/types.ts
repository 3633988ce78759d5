// Postgres/Redshift type OIDs → grid type names, families and faithful cell values.
// Type names are computed locally from the RowDescription (OID + typmod), the way format_type()
// would, so no catalog round-trip is needed for built-in types. Values are parsed per connection
// (never through the global `pg.types` registry): text stays exactly as the server sent it,
// except types whose JS form is exact (int2/int4, safe int8, float, bool).
import type { CellValue, ColumnFamily } from '../engine';
import { arrayLiteralToJson, type ArrayElementKind } from './arrays';

interface BuiltinType {
  name: string;
  family: ColumnFamily;
  /** How typmod refines the name (numeric(p,s), varchar(n), timestamp(p)). */
  modifier?: 'numeric' | 'length' | 'precision';
  parse?: (text: string) => CellValue;
}

const toInt = (text: string): CellValue => Number(text);
/** int8: a JS number when exact (|v| ≤ 2^53 − 1), else the exact decimal string. */
const toInt8 = (text: string): CellValue => {
  if (text.length < 16) return Number(text);
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
};
/** float: a number, except NaN/±Infinity, which JSON cannot carry: they stay as text. */
const toFloat = (text: string): CellValue => {
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
};
const toBool = (text: string): CellValue => text === 't';

const BUILTIN = new Map<number, BuiltinType>([
  [16, { name: 'bool', family: 'boolean', parse: toBool }],
  [17, { name: 'bytea', family: 'binary' }],
  [18, { name: 'char', family: 'string' }],
  [19, { name: 'name', family: 'string' }],
  [20, { name: 'int8', family: 'integer', parse: toInt8 }],
  [21, { name: 'int2', family: 'integer', parse: toInt }],
  [23, { name: 'int4', family: 'integer', parse: toInt }],
  [24, { name: 'regproc', family: 'string' }],
  [25, { name: 'text', family: 'string' }],
  [26, { name: 'oid', family: 'integer', parse: toInt }],
  [27, { name: 'tid', family: 'string' }],
  [28, { name: 'xid', family: 'integer', parse: toInt }],
  [114, { name: 'json', family: 'json' }],
  [142, { name: 'xml', family: 'string' }],
  [194, { name: 'pg_node_tree', family: 'string' }],
  [650, { name: 'cidr', family: 'string' }],
  [700, { name: 'float4', family: 'float', parse: toFloat }],
  [701, { name: 'float8', family: 'float', parse: toFloat }],
  [705, { name: 'unknown', family: 'string' }],
  [774, { name: 'macaddr8', family: 'string' }],
  [790, { name: 'money', family: 'decimal' }],
  [829, { name: 'macaddr', family: 'string' }],
  [869, { name: 'inet', family: 'string' }],
  [1033, { name: 'aclitem', family: 'string' }],
  [1042, { name: 'bpchar', family: 'string', modifier: 'length' }],
  [1043, { name: 'varchar', family: 'string', modifier: 'length' }],
  [1082, { name: 'date', family: 'date' }],
  [1083, { name: 'time', family: 'string', modifier: 'precision' }],
  [1114, { name: 'timestamp', family: 'timestamp', modifier: 'precision' }],
  [1184, { name: 'timestamptz', family: 'timestamp', modifier: 'precision' }],
  [1186, { name: 'interval', family: 'other' }],
  [1266, { name: 'timetz', family: 'string', modifier: 'precision' }],
  [1560, { name: 'bit', family: 'string', modifier: 'length' }],
  [1562, { name: 'varbit', family: 'string', modifier: 'length' }],
  [1700, { name: 'numeric', family: 'decimal', modifier: 'numeric' }],
  [2205, { name: 'regclass', family: 'string' }],
  [2206, { name: 'regtype', family: 'string' }],
  [2249, { name: 'record', family: 'other' }],
  [2278, { name: 'void', family: 'other' }],
  [2950, { name: 'uuid', family: 'string' }],
  [3220, { name: 'pg_lsn', family: 'string' }],
  [3614, { name: 'tsvector', family: 'string' }],
  [3615, { name: 'tsquery', family: 'string' }],
  [3802, { name: 'jsonb', family: 'json' }],
  [3904, { name: 'int4range', family: 'string' }],
  [3906, { name: 'numrange', family: 'string' }],
  [3908, { name: 'tsrange', family: 'string' }],
  [3910, { name: 'tstzrange', family: 'string' }],
  [3912, { name: 'daterange', family: 'string' }],
  [3926, { name: 'int8range', family: 'string' }],
  // Redshift-only types (OIDs as in the Redshift JDBC driver's Oid table).
  [3000, { name: 'geometry', family: 'other' }],
  [3001, { name: 'geography', family: 'other' }],
  [4000, { name: 'super', family: 'json' }],
  [6551, { name: 'varbyte', family: 'binary' }],
]);

/** Array OID → element OID for the built-in array types. */
const ARRAYS = new Map<number, number>([
  [1000, 16],
  [1001, 17],
  [1002, 18],
  [1003, 19],
  [1016, 20],
  [1005, 21],
  [1007, 23],
  [1009, 25],
  [1028, 26],
  [199, 114],
  [143, 142],
  [651, 650],
  [1021, 700],
  [1022, 701],
  [791, 790],
  [1040, 829],
  [1041, 869],
  [1014, 1042],
  [1015, 1043],
  [1182, 1082],
  [1183, 1083],
  [1115, 1114],
  [1185, 1184],
  [1187, 1186],
  [1270, 1266],
  [1561, 1560],
  [1563, 1562],
  [1231, 1700],
  [2951, 2950],
  [3807, 3802],
  [1263, 2275],
  [2287, 2249],
]);

function elementKind(elementOid: number): ArrayElementKind {
  const t = BUILTIN.get(elementOid);
  if (!t) return 'string';
  if (t.family === 'boolean') return 'boolean';
  // numeric/int8 digits go into the JSON text verbatim: JSON numbers are arbitrary precision.
  if (t.family === 'integer' || (t.family === 'decimal' && t.name === 'numeric')) return 'number';
  if (t.family === 'float') return 'float';
  return 'string';
}

function modifierSuffix(kind: BuiltinType['modifier'], typmod: number): string {
  if (kind === undefined || typmod < 0) return '';
  if (kind === 'numeric') {
    const m = typmod - 4;
    const precision = (m >> 16) & 0xffff;
    const scale = ((m & 0x7ff) ^ 1024) - 1024; // scale is an 11-bit signed number (PG 15+)
    return `(${precision},${scale})`;
  }
  if (kind === 'length') return `(${typmod - 4 < 0 ? typmod : typmod - 4})`;
  return `(${typmod})`;
}

export interface ColumnType {
  type: string;
  family: ColumnFamily;
  /** False when the OID is not built in: the caller may look the name up in the catalog. */
  known: boolean;
}

/** Grid type name and family for a RowDescription field. */
export function describeColumnType(oid: number, typmod: number): ColumnType {
  const t = BUILTIN.get(oid);
  if (t) return { type: t.name + modifierSuffix(t.modifier, typmod), family: t.family, known: true };
  const elem = ARRAYS.get(oid);
  if (elem !== undefined) {
    const e = BUILTIN.get(elem);
    return { type: `${e?.name ?? 'cstring'}${e ? modifierSuffix(e.modifier, typmod) : ''}[]`, family: 'json', known: true };
  }
  return { type: `oid ${oid}`, family: 'other', known: false };
}

/** Families for catalog-described types (typcategory from pg_type). */
export function familyForCategory(category: string): ColumnFamily {
  switch (category) {
    case 'A':
      return 'json';
    case 'B':
      return 'boolean';
    case 'D':
      return 'timestamp';
    case 'N':
      return 'decimal';
    case 'S':
    case 'E':
    case 'I':
    case 'U':
      return 'string';
    default:
      return 'other';
  }
}

type TextParser = (text: string) => CellValue;
const identity: TextParser = (text) => text;

/** node-postgres `types` for one connection: the `getTypeParser` the driver calls per column. */
export interface ConnectionTypes {
  getTypeParser(oid: number, format?: string): TextParser;
}

export function createTypeParsers(): ConnectionTypes {
  const cache = new Map<number, TextParser>();
  return {
    getTypeParser(oid: number, format?: string): TextParser {
      if (format === 'binary') return identity; // we never ask for binary results
      let parser = cache.get(oid);
      if (parser) return parser;
      const elem = ARRAYS.get(oid);
      if (elem !== undefined) {
        const kind = elementKind(elem);
        // box[] uses ';' as its delimiter; every built-in array here uses ','.
        parser = (text) => arrayLiteralToJson(text, kind);
      } else {
        parser = BUILTIN.get(oid)?.parse ?? identity;
      }
      cache.set(oid, parser);
      return parser;
    },
  };
}
