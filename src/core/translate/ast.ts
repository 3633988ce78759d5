// Syntax tree of the analytic SELECT subset. Every node keeps the position of its first token.
import type { Pos } from './errors';

export interface TypeName {
  /** Lowercased base name, e.g. 'varchar', 'double precision', 'decimal', 'timestamp'. */
  name: string;
  args: number[];
  pos: Pos;
}

export type Expr =
  | { k: 'col'; parts: string[]; pos: Pos }
  | { k: 'star'; table?: string; pos: Pos }
  | { k: 'num'; text: string; pos: Pos }
  | { k: 'str'; value: string; pos: Pos }
  | { k: 'null'; pos: Pos }
  | { k: 'bool'; value: boolean; pos: Pos }
  | { k: 'unary'; op: '-' | '+' | 'NOT'; e: Expr; pos: Pos }
  | { k: 'bin'; op: string; l: Expr; r: Expr; pos: Pos }
  | { k: 'isnull'; e: Expr; not: boolean; pos: Pos }
  | { k: 'isbool'; e: Expr; value: boolean; not: boolean; pos: Pos }
  | { k: 'between'; e: Expr; lo: Expr; hi: Expr; not: boolean; pos: Pos }
  | { k: 'inlist'; e: Expr; list: Expr[]; not: boolean; pos: Pos }
  | { k: 'insub'; e: Expr; q: Query; not: boolean; pos: Pos }
  | { k: 'like'; e: Expr; pattern: Expr; not: boolean; ci: boolean; similar: boolean; escape?: string; pos: Pos }
  | { k: 'exists'; q: Query; not: boolean; pos: Pos }
  | { k: 'subq'; q: Query; pos: Pos }
  | { k: 'case'; operand?: Expr; whens: Array<{ when: Expr; then: Expr }>; else?: Expr; pos: Pos }
  | { k: 'cast'; e: Expr; type: TypeName; pos: Pos }
  | {
      k: 'func';
      name: string;
      args: Expr[];
      distinct: boolean;
      star: boolean;
      filter?: Expr;
      over?: WindowSpec;
      withinGroup?: OrderItem;
      withinOrder?: OrderItem[];
      argOrder?: OrderItem[];
      argOrderPos?: Pos;
      pos: Pos;
    }
  | { k: 'regex'; e: Expr; pattern: Expr; not: boolean; ci: boolean; pos: Pos }
  | { k: 'extract'; field: string; e: Expr; pos: Pos }
  | { k: 'interval'; value: string; unit?: string; pos: Pos }
  | { k: 'typedlit'; type: 'date' | 'timestamp'; value: string; pos: Pos };

export interface OrderItem {
  e: Expr;
  desc: boolean;
  nulls?: 'first' | 'last';
  pos: Pos;
}

export type BoundKind = 'unboundedPreceding' | 'preceding' | 'current' | 'following' | 'unboundedFollowing';
export interface FrameBound {
  kind: BoundKind;
  n?: number;
  pos: Pos;
}
export interface Frame {
  unit: 'rows' | 'range';
  start: FrameBound;
  end: FrameBound;
  pos: Pos;
}

export interface WindowSpec {
  ref?: string;
  partition: Expr[];
  order: OrderItem[];
  frame?: Frame;
  pos: Pos;
}

export interface SelectItem {
  e: Expr;
  alias?: string;
  pos: Pos;
}

export type FromItem =
  | { k: 'table'; schema?: string; name: string; alias?: string; pos: Pos }
  | { k: 'sub'; q: Query; alias: string; lateral?: boolean; pos: Pos }
  | { k: 'join'; kind: 'inner' | 'left' | 'right' | 'full' | 'cross'; l: FromItem; r: FromItem; on?: Expr; using?: string[]; pos: Pos };

export interface Select {
  k: 'select';
  distinct: boolean;
  /** PostgreSQL DISTINCT ON (…) keys. */
  distinctOn?: Expr[];
  items: SelectItem[];
  from?: FromItem;
  where?: Expr;
  groupBy: Expr[];
  having?: Expr;
  windows: Map<string, WindowSpec>;
  pos: Pos;
}

export type Body =
  | Select
  | { k: 'setop'; op: 'union' | 'intersect' | 'except'; all: boolean; l: Body; r: Body; pos: Pos }
  | { k: 'paren'; q: Query; pos: Pos };

export interface Cte {
  name: string;
  columns?: string[];
  q: Query;
  pos: Pos;
}

export interface Query {
  ctes: Cte[];
  body: Body;
  orderBy: OrderItem[];
  limit?: { n: number; pos: Pos };
  offset?: { n: number; pos: Pos };
  pos: Pos;
}

export interface TableName {
  schema?: string;
  name: string;
  pos: Pos;
}

export type Statement =
  | { k: 'query'; q: Query; pos: Pos }
  | { k: 'ctas'; table: TableName; q: Query; pos: Pos }
  | { k: 'insert'; table: TableName; columns?: string[]; q: Query; pos: Pos }
  | { k: 'drop'; table: TableName; pos: Pos }
  | { k: 'delete'; table: TableName; where?: Expr; pos: Pos }
  | { k: 'txn'; word: string; pos: Pos }
  | { k: 'schema'; name: string; pos: Pos };
