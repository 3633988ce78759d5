// A tolerant reading of one statement's structure for completion, hover and go-to-definition: its
// query blocks (each SELECT, subquery and CTE body), their FROM items with aliases, their select
// lists and CTEs. It never fails: text that does not parse (the usual state while typing) still
// yields whatever blocks and tables can be seen, so `SELECT e. FROM atomic.events e` works.
import { identifierName, type Token } from './tokens';

export interface TableRef {
  kind: 'table' | 'subquery' | 'function';
  /** Name parts as written (`atomic.events` → ['atomic', 'events']); empty for a subquery. */
  parts: string[];
  partTokens: Token[];
  alias?: string;
  aliasToken?: Token;
  /** `AS t(a, b)` column names. */
  columnAliases?: string[];
  query?: QueryBlock;
  start: number;
  end: number;
}

export interface Cte {
  name: string;
  nameToken: Token;
  columns?: string[];
  body?: QueryBlock;
  start: number;
  /** Offset just past the body's closing parenthesis (or the last token seen). */
  end: number;
}

export interface SelectItem {
  /** Output name when it is known (alias or a column reference's last part). */
  name?: string;
  nameToken?: Token;
  /** `*` or `q.*` */
  star?: boolean;
  /** For `q.*`, and for a plain column reference, the parts before the last. */
  qualifier?: string[];
  /** For a plain column reference `a.b`, the column part. */
  column?: string;
  start: number;
  end: number;
}

export interface QueryBlock {
  start: number;
  end: number;
  ctes: Cte[];
  from: TableRef[];
  items: SelectItem[];
  /** Clause keywords at this block's level, in order (`select`, `from`, `on`, `where`, …). */
  clauses: { name: string; start: number }[];
  parent?: QueryBlock;
  /** Other branches of a UNION/INTERSECT/EXCEPT after this one. */
  branches: QueryBlock[];
}

export interface StatementStructure {
  tokens: Token[];
  blocks: QueryBlock[];
  root: QueryBlock;
  /** Index of the matching parenthesis for each `(` / `)`, -1 when unmatched. */
  match: Int32Array;
}

const CLAUSES = new Set([
  'WHERE',
  'GROUP',
  'HAVING',
  'ORDER',
  'LIMIT',
  'QUALIFY',
  'WINDOW',
  'OFFSET',
  'FETCH',
  'RETURNING',
  'SET',
  'VALUES',
]);
const SET_OPS = new Set(['UNION', 'INTERSECT', 'EXCEPT', 'MINUS']);
/** Words that end a FROM item instead of being its alias. */
const NOT_ALIAS = new Set([
  'WHERE',
  'JOIN',
  'INNER',
  'LEFT',
  'RIGHT',
  'FULL',
  'CROSS',
  'OUTER',
  'NATURAL',
  'ON',
  'USING',
  'GROUP',
  'ORDER',
  'LIMIT',
  'HAVING',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'MINUS',
  'WINDOW',
  'QUALIFY',
  'OFFSET',
  'FETCH',
  'SET',
  'RETURNING',
  'VALUES',
  'SELECT',
  'FROM',
  'AS',
  'TABLESAMPLE',
  'FOR',
  'LATERAL',
  'WITH',
  'SAMPLE',
  'PIVOT',
  'UNPIVOT',
  'ANTI',
  'SEMI',
  'POSITIONAL',
  'ASOF',
  'GLOBAL',
  'INTO',
  'PARTITION',
  'DEFAULT',
  'DO',
  'OVERWRITE',
  'IAM_ROLE',
  'CREDENTIALS',
  'FORMAT',
  'DELIMITER',
  'STORED',
  'LOCATION',
  'ROW',
  'TBLPROPERTIES',
  'AND',
  'OR',
  'DISTKEY',
  'SORTKEY',
  'DISTSTYLE',
  'ENCODE',
  'BACKUP',
  'INTERLEAVED',
  'COMPOUND',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'NOT',
  'IS',
  'IN',
  'LIKE',
]);
/** Words that cannot be an implicit select-item alias (`CASE … END`, `x IS NULL`). */
const NOT_ITEM_ALIAS = new Set([
  'END',
  'NULL',
  'TRUE',
  'FALSE',
  'AND',
  'OR',
  'NOT',
  'IS',
  'IN',
  'LIKE',
  'ILIKE',
  'BETWEEN',
  'DISTINCT',
  'ALL',
  'ASC',
  'DESC',
  'FROM',
  'SELECT',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'ZONE',
  'UNKNOWN',
]);

export const isName = (t: Token | undefined): t is Token => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');

function matchParens(tokens: Token[]): Int32Array {
  const match = new Int32Array(tokens.length).fill(-1);
  const stack: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind === 'lparen') stack.push(i);
    else if (t.kind === 'rparen') {
      const open = stack.pop();
      if (open !== undefined) {
        match[open] = i;
        match[i] = open;
      }
    }
  });
  return match;
}

const startsQuery = (t: Token | undefined): boolean =>
  t?.kind === 'word' && (t.upper === 'SELECT' || t.upper === 'WITH' || t.upper === 'VALUES' || t.upper === 'FROM' || t.upper === 'TABLE');

export function analyzeStatement(tokens: Token[], start: number, end: number): StatementStructure {
  const match = matchParens(tokens);
  const blocks: QueryBlock[] = [];
  /** End (exclusive token index) of the group opened at `i`: its `)`, or `hi` when unclosed. */
  const closeOf = (i: number, hi: number): number => (match[i] >= 0 && match[i] < hi ? match[i] : hi);
  const newBlock = (s: number, e: number, parent: QueryBlock | undefined, ctes: Cte[] = []): QueryBlock => {
    const b: QueryBlock = { start: s, end: e, ctes, from: [], items: [], clauses: [], parent, branches: [] };
    blocks.push(b);
    return b;
  };
  const offsetAfter = (hi: number, fallback: number): number => (hi < tokens.length ? tokens[hi].start : fallback);

  /** Subqueries inside an expression: `IN (SELECT …)`, `EXISTS (…)`, scalar subqueries. */
  function scanNested(block: QueryBlock, lo: number, hi: number): void {
    for (let i = lo; i < hi; i++) {
      if (tokens[i].kind !== 'lparen') continue;
      const close = closeOf(i, hi);
      if (startsQuery(tokens[i + 1])) region(i + 1, close, block, tokens[i].end, offsetAfter(close, end));
      else scanNested(block, i + 1, close);
      i = close;
    }
  }

  /** A query in tokens [lo, hi): optional WITH, then SELECT … branches. Returns its first branch. */
  function region(lo: number, hi: number, parent: QueryBlock | undefined, s: number, e: number): QueryBlock {
    const ctes: Cte[] = [];
    let block = newBlock(s, e, parent, ctes);
    const first = block;
    let i = lo;
    if (tokens[i]?.upper === 'WITH') {
      i++;
      if (tokens[i]?.upper === 'RECURSIVE') i++;
      while (i < hi && isName(tokens[i])) {
        const nameToken = tokens[i];
        const cte: Cte = { name: identifierName(nameToken), nameToken, start: nameToken.start, end: nameToken.end };
        ctes.push(cte);
        i++;
        if (tokens[i]?.kind === 'lparen') {
          const close = closeOf(i, hi);
          cte.columns = tokens
            .slice(i + 1, close)
            .filter(isName)
            .map(identifierName);
          i = close + 1;
        }
        if (tokens[i]?.upper === 'AS') i++;
        while (tokens[i]?.upper === 'NOT' || tokens[i]?.upper === 'MATERIALIZED') i++;
        if (tokens[i]?.kind === 'lparen') {
          const close = closeOf(i, hi);
          cte.body = region(i + 1, close, block, tokens[i].end, offsetAfter(close, e));
          cte.end = close < tokens.length ? tokens[close].end : e;
          i = close + 1;
        } else break;
        if (tokens[i]?.kind === 'comma') i++;
        else break;
      }
    }
    let clause = 'start';
    let expectTable = false;
    let itemStart = -1;
    const closeItems = (upTo: number): void => {
      if (itemStart >= 0 && upTo > itemStart) block.items.push(selectItem(itemStart, upTo));
      itemStart = -1;
    };
    const setClause = (name: string, at: Token, index: number): void => {
      if (clause === 'select') closeItems(index);
      clause = name;
      block.clauses.push({ name, start: at.start });
    };
    for (; i < hi; i++) {
      const t = tokens[i];
      if (t.kind === 'lparen') {
        const close = closeOf(i, hi);
        if (clause === 'from' && expectTable) {
          // A parenthesised join `FROM (a JOIN b ON …)`: its items belong to this block.
          if (!startsQuery(tokens[i + 1])) continue;
          const ref: TableRef = {
            kind: 'subquery',
            parts: [],
            partTokens: [],
            start: t.start,
            end: close < tokens.length ? tokens[close].end : e,
          };
          ref.query = region(i + 1, close, block, t.end, offsetAfter(close, e));
          i = aliasAfter(ref, close + 1, hi) - 1;
          block.from.push(ref);
          expectTable = false;
          continue;
        }
        if (startsQuery(tokens[i + 1])) region(i + 1, close, block, t.end, offsetAfter(close, e));
        else scanNested(block, i + 1, close);
        i = close;
        continue;
      }
      if (t.kind === 'comma') {
        if (clause === 'select') {
          closeItems(i);
          itemStart = i + 1;
        } else if (clause === 'from') expectTable = true;
        continue;
      }
      if (t.kind !== 'word' && t.kind !== 'quoted') {
        expectTable = false; // `COPY t FROM 's3://…'`
        continue;
      }
      const u = t.kind === 'word' ? t.upper : '';
      if (u === 'FROM' && tokens[i - 1]?.upper === 'DISTINCT') continue; // IS [NOT] DISTINCT FROM
      if (u === 'SELECT') {
        if (clause !== 'start' && clause !== 'insert' && clause !== 'create') {
          // A second SELECT at this level without a set operator: treat as a new branch.
          closeItems(i);
          block = newBranch(first, block, t.start, e, parent, ctes);
        }
        setClause('select', t, i);
        let j = i + 1;
        while (tokens[j]?.upper === 'DISTINCT' || tokens[j]?.upper === 'ALL') {
          j++;
          if (tokens[j]?.upper === 'ON' && tokens[j + 1]?.kind === 'lparen') j = closeOf(j + 1, hi) + 1;
        }
        if (tokens[j]?.upper === 'TOP' && tokens[j + 1]?.kind === 'number') j += 2;
        itemStart = j;
        i = j - 1;
        continue;
      }
      if (
        u === 'FROM' ||
        u === 'JOIN' ||
        u === 'UPDATE' ||
        (u === 'INTO' && clause !== 'select') ||
        (u === 'TABLE' && clause === 'create')
      ) {
        setClause('from', t, i);
        expectTable = true;
        continue;
      }
      if (u === 'INSERT') {
        setClause('insert', t, i);
        continue;
      }
      if (u === 'CREATE') {
        setClause('create', t, i);
        continue;
      }
      if (u === 'ON' || u === 'USING') {
        if (clause === 'from') {
          setClause('on', t, i);
          expectTable = false;
        }
        continue;
      }
      if (SET_OPS.has(u)) {
        if (clause === 'select') closeItems(i);
        block = newBranch(first, block, t.start, e, parent, ctes);
        clause = 'start';
        expectTable = false;
        continue;
      }
      if (CLAUSES.has(u) && clause !== 'start' && clause !== 'create') {
        if (u === 'SET' && clause !== 'from') continue;
        setClause(u.toLowerCase(), t, i);
        expectTable = false;
        continue;
      }
      if (clause === 'from' && expectTable) {
        if (u === 'LATERAL' || u === 'ONLY') continue;
        const ref = tableRef(block, i, hi, e);
        block.from.push(ref);
        i = ref.endIndex - 1;
        expectTable = false;
        continue;
      }
    }
    if (clause === 'select') closeItems(hi);
    return first;
  }

  function newBranch(
    first: QueryBlock,
    current: QueryBlock,
    s: number,
    e: number,
    parent: QueryBlock | undefined,
    ctes: Cte[],
  ): QueryBlock {
    current.end = s;
    const b = newBlock(s, e, parent, ctes);
    first.branches.push(b);
    return b;
  }

  function tableRef(block: QueryBlock, i: number, hi: number, e: number): TableRef & { endIndex: number } {
    const partTokens: Token[] = [tokens[i]];
    let j = i + 1;
    while (tokens[j]?.kind === 'dot' && j < hi) {
      if (isName(tokens[j + 1]) && j + 1 < hi) {
        partTokens.push(tokens[j + 1]);
        j += 2;
      } else {
        j++;
        break;
      }
    }
    const ref: TableRef = {
      kind: 'table',
      parts: partTokens.map(identifierName),
      partTokens,
      start: tokens[i].start,
      end: tokens[j - 1].end,
    };
    if (tokens[j]?.kind === 'lparen' && j < hi) {
      ref.kind = 'function';
      const close = closeOf(j, hi);
      scanNested(block, j + 1, close);
      ref.end = close < tokens.length ? tokens[close].end : e;
      j = close + 1;
    }
    const endIndex = aliasAfter(ref, j, hi);
    return Object.assign(ref, { endIndex });
  }

  /** Reads `[AS] alias [(a, b)]` at `j`; returns the index after it. */
  function aliasAfter(ref: TableRef, j: number, hi: number): number {
    let k = j;
    if (tokens[k]?.upper === 'AS' && k < hi) k++;
    const a = tokens[k];
    if (k < hi && isName(a) && !(a.kind === 'word' && NOT_ALIAS.has(a.upper))) {
      ref.alias = identifierName(a);
      ref.aliasToken = a;
      ref.end = a.end;
      k++;
      if (tokens[k]?.kind === 'lparen' && k < hi) {
        const close = closeOf(k, hi);
        ref.columnAliases = tokens
          .slice(k + 1, close)
          .filter(isName)
          .map(identifierName);
        ref.end = close < tokens.length ? tokens[close].end : ref.end;
        k = close + 1;
      }
      return k;
    }
    return j;
  }

  function selectItem(a: number, b: number): SelectItem {
    const first = tokens[a];
    const last = tokens[b - 1];
    const item: SelectItem = { start: first.start, end: last.end };
    const n = b - a;
    if (last.kind === 'op' && last.text === '*' && (n === 1 || tokens[b - 2].kind === 'dot')) {
      item.star = true;
      if (n > 1)
        item.qualifier = tokens
          .slice(a, b - 2)
          .filter(isName)
          .map(identifierName);
      return item;
    }
    // The expression's end: before `AS alias` or an implicit alias.
    let exprEnd = b;
    if (n >= 2 && isName(last)) {
      const before = tokens[b - 2];
      if (before.upper === 'AS') exprEnd = b - 2;
      else if (
        (before.kind === 'word' ||
          before.kind === 'quoted' ||
          before.kind === 'rparen' ||
          before.kind === 'number' ||
          before.kind === 'string') &&
        !(last.kind === 'word' && NOT_ITEM_ALIAS.has(last.upper))
      )
        exprEnd = b - 1;
    }
    if (exprEnd < b) {
      item.name = identifierName(last);
      item.nameToken = last;
    }
    // A plain (possibly qualified) column reference keeps its column's type.
    let plain = exprEnd > a && isName(first);
    for (let k = a; k < exprEnd && plain; k++) plain = (k - a) % 2 === 0 ? isName(tokens[k]) : tokens[k].kind === 'dot';
    if (plain && (exprEnd - a) % 2 === 1) {
      const col = tokens[exprEnd - 1];
      item.column = identifierName(col);
      item.qualifier = tokens
        .slice(a, exprEnd - 1)
        .filter(isName)
        .map(identifierName);
      if (!item.name) {
        item.name = item.column;
        item.nameToken = col;
      }
    }
    return item;
  }

  const root = region(0, tokens.length, undefined, start, end);
  return { tokens, blocks, root, match };
}

/** The innermost block whose span holds `offset`. */
export function blockAt(structure: StatementStructure, offset: number): QueryBlock {
  let best = structure.root;
  for (const b of structure.blocks) {
    if (offset >= b.start && offset <= b.end && b.end - b.start <= best.end - best.start) best = b;
  }
  return best;
}

/** The clause of `block` that `offset` is in ('start' before any). */
export function clauseAt(block: QueryBlock, offset: number): string {
  let name = 'start';
  for (const c of block.clauses) if (c.start < offset) name = c.name;
  return name;
}

/** CTEs visible from `block`: its own and its ancestors'. */
export function visibleCtes(block: QueryBlock): Cte[] {
  const out: Cte[] = [];
  for (let b: QueryBlock | undefined = block; b; b = b.parent) out.push(...b.ctes);
  return out;
}

/** FROM items visible from `block`: its own first, then enclosing blocks' (correlated subqueries). */
export function tablesInScope(block: QueryBlock): TableRef[] {
  const out: TableRef[] = [];
  for (let b: QueryBlock | undefined = block; b; b = b.parent) out.push(...b.from);
  return out;
}
