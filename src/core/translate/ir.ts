// Target-neutral Spark DataFrame plan: what the emitters print. Expressions here already have Spark
// semantics (the SQL meaning was lowered into them by the planner), so emitters only choose syntax.
import type { Pos } from './errors';

export type SType = 'int' | 'bigint' | 'decimal' | 'double' | 'string' | 'bool' | 'date' | 'timestamp' | 'interval' | 'null' | 'unknown';

export type SExpr =
  /** A column, optionally qualified by a DataFrame alias. */
  | { k: 'col'; name: string; qual?: string; pos?: Pos }
  /** A literal column value (F.lit). Numbers keep their SQL text. */
  | { k: 'lit'; value: string | number | boolean | null; num?: string }
  /** A plain host-language argument (format strings, units, cast types, counts). */
  | { k: 'raw'; value: string | number | boolean | null }
  /** functions.NAME(args...) */
  | { k: 'fn'; name: string; args: SExpr[]; agg?: boolean }
  | { k: 'bin'; op: '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&' | '|'; l: SExpr; r: SExpr }
  | { k: 'not'; e: SExpr }
  | { k: 'neg'; e: SExpr }
  /** Column method: e.NAME(args...) such as isNull, cast, like, isin, eqNullSafe, between. */
  | { k: 'method'; e: SExpr; name: string; args: SExpr[] }
  | { k: 'when'; cases: Array<[SExpr, SExpr]>; else?: SExpr }
  | { k: 'over'; fn: SExpr; w: SWindow }
  | { k: 'star'; qual?: string };

export type FrameEdge = 'unboundedPreceding' | 'currentRow' | 'unboundedFollowing' | number;

export interface SWindow {
  partition: SExpr[];
  order: SSort[];
  frame?: { unit: 'rows' | 'range'; start: FrameEdge; end: FrameEdge };
}

export interface SSort {
  e: SExpr;
  desc: boolean;
  nullsFirst: boolean;
}

export interface Named {
  e: SExpr;
  name: string;
}

export type JoinHow = 'inner' | 'left' | 'right' | 'full' | 'cross' | 'left_semi' | 'left_anti';

export type Rel =
  | { k: 'table'; name: string }
  | { k: 'var'; name: string }
  | { k: 'alias'; rel: Rel; alias: string }
  | { k: 'join'; l: Rel; r: Rel; how: JoinHow; on?: SExpr }
  | { k: 'filter'; rel: Rel; cond: SExpr }
  | { k: 'select'; rel: Rel; items: Named[] }
  | { k: 'agg'; rel: Rel; keys: Named[]; aggs: Named[] }
  | { k: 'distinct'; rel: Rel }
  | { k: 'sort'; rel: Rel; keys: SSort[] }
  | { k: 'limit'; rel: Rel; n: number }
  | { k: 'offset'; rel: Rel; n: number }
  | { k: 'setop'; op: 'union' | 'unionAll' | 'intersect' | 'intersectAll' | 'subtract' | 'exceptAll'; l: Rel; r: Rel }
  | { k: 'drop'; rel: Rel; cols: string[] }
  | { k: 'withColumn'; rel: Rel; name: string; e: SExpr };

export interface Write {
  table: string;
  /** CREATE TABLE … AS overwrites nothing: it fails if the table exists (errorifexists); INSERT appends. */
  mode: 'errorifexists' | 'append' | 'overwrite';
  /** INSERT INTO without a column list matches columns by position (insertInto). */
  positional?: boolean;
}

export interface Program {
  /** DataFrames bound to names, in dependency order (CTEs and earlier statements). */
  steps: Array<{ name: string; rel: Rel; comment?: string }>;
  result: Rel;
  /** Variable of the final DataFrame; `result` for the last statement. */
  resultName?: string;
  write?: Write;
  /** Explanations printed as comments (DROP/DELETE handling, dialect notes). */
  notes: string[];
}

export interface Column {
  name: string;
  type: SType;
}
