// What a SELECT block's planner (select.ts) needs from the query planner (query.ts). The two recurse
// into each other (subqueries); this interface lets select.ts do so without importing query.ts.
import type { Dialect } from './api';
import type { Query } from './ast';
import type { Catalog } from './catalog';
import type { CteEnv } from './from';
import type { Column, Program, Rel } from './ir';
import type { Scope } from './scope';

export interface Planned {
  rel: Rel;
  cols: Column[] | null;
  /** Exactly one row by construction (an aggregate without GROUP BY, or a projection of one). */
  oneRow?: boolean;
}

export interface PlanContext {
  readonly dialect: Dialect;
  readonly catalog: Catalog;
  readonly steps: Program['steps'];
  readonly notes: string[];
  /** A fresh internal column name. */
  hidden(prefix: string): string;
  /** Binds a plan to a new DataFrame variable and returns its name. */
  bind(base: string, p: Planned, comment?: string): string;
  planQuery(q: Query, env: CteEnv, outer?: Scope): Planned;
}
