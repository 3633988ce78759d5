// Name resolution: which FROM source a column comes from, and how the emitted code must name it.
import { refuse, type Pos } from './errors';
import type { Column, SExpr } from './ir';
import type { Typed } from './typing';

export interface Source {
  /** Name SQL uses to qualify columns (alias or table name). */
  sqlName: string;
  /** DataFrame alias in the emitted code (differs only to avoid a clash with an outer query). */
  dfAlias: string;
  /** Columns, or null when the table is unknown. */
  cols: Column[] | null;
  /** A decorrelated LATERAL subquery: its DataFrame also holds hidden join-key columns, so `*` is refused. */
  lateral?: boolean;
}

export class Scope {
  /** Merged USING join keys, visible unqualified. */
  readonly usingKeys = new Map<string, Typed>();
  /** Hidden helper columns (scalar subquery results), visible by exact name only. */
  readonly extras = new Map<string, Typed>();
  /** Set when a column of the outer query was used (correlation). */
  usedOuter = false;

  constructor(
    readonly sources: Source[],
    readonly qualify: boolean,
    readonly outer?: Scope,
  ) {}

  private ref(src: Source, name: string, pos: Pos): SExpr {
    return this.qualify ? { k: 'col', name, qual: src.dfAlias, pos } : { k: 'col', name, pos };
  }

  resolve(parts: string[], pos: Pos): Typed {
    const r = this.tryResolve(parts, pos);
    if (r) return r;
    if (this.outer) {
      const o = this.outer.tryResolve(parts, pos);
      if (o) {
        this.usedOuter = true;
        return o;
      }
    }
    return refuse(`column ${parts.join('.')} does not exist in ${this.describe()}`, pos);
  }

  describe(): string {
    return this.sources.length ? this.sources.map((s) => s.sqlName).join(', ') : 'this query';
  }

  tryResolve(parts: string[], pos: Pos): Typed | null {
    if (parts.length === 2) {
      const [q, name] = parts;
      const src = this.sources.find((s) => s.sqlName === q);
      if (!src) return null;
      if (src.cols === null) return { e: this.ref(src, name, pos), t: 'unknown' };
      const c = src.cols.find((x) => x.name === name);
      if (!c) refuse(`column ${q}.${name} does not exist`, pos);
      return { e: this.ref(src, c.name, pos), t: c.type };
    }
    const name = parts[0];
    const u = this.usingKeys.get(name);
    if (u) return u;
    const x = this.extras.get(name);
    if (x) return x;
    const hits = this.sources.filter((s) => s.cols?.some((c) => c.name === name));
    const unknown = this.sources.filter((s) => s.cols === null);
    if (hits.length > 1) refuse(`column reference ${name} is ambiguous (${hits.map((h) => h.sqlName).join(', ')})`, pos);
    if (hits.length === 1 && unknown.length === 0)
      return { e: this.ref(hits[0], name, pos), t: hits[0].cols!.find((c) => c.name === name)!.type };
    if (unknown.length === 1 && hits.length === 0 && this.sources.length === 1) return { e: this.ref(unknown[0], name, pos), t: 'unknown' };
    if (unknown.length >= 1) {
      if (hits.length === 0 && unknown.length === 1 && !this.outer) return { e: this.ref(unknown[0], name, pos), t: 'unknown' };
      refuse(
        `cannot tell which table column ${name} comes from (the columns of ${unknown.map((u) => u.sqlName).join(', ')} are unknown); qualify it`,
        pos,
      );
    }
    return null;
  }
}
