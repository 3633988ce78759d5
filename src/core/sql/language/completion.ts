// Completion at a cursor: tables after FROM/JOIN (schema-qualified when needed, CTEs first),
// columns of only the tables in scope of the statement (by alias after `e.`), then keywords and
// functions of the dialect. Large catalogs are answered by prefix and marked incomplete, so the
// editor asks again as the user types instead of receiving 10,000 items at once.
import type { SplitOptions } from '../split';
import type { CatalogIndex, IndexedTable } from './catalogIndex';
import { cursorContext, type CursorContext } from './context';
import type { SqlDialect } from './dialect';
import { Resolver, type ResolvedColumn } from './resolve';
import { clauseAt, isName, tablesInScope, visibleCtes } from './scope';
import { identifierName, type Token } from './tokens';
import { vocabulary } from './vocabulary';

export type CompletionKind = 'schema' | 'table' | 'view' | 'column' | 'cte' | 'alias' | 'keyword' | 'function';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  /** Text to insert when it differs from the label (a schema-qualified table). */
  insertText?: string;
  sortText: string;
}

export interface CompletionResult {
  items: CompletionItem[];
  /** More items exist for a longer prefix: ask again as the user types. */
  incomplete: boolean;
  /** Offset where the word being completed starts (the replace range is [from, cursor]). */
  from: number;
  /** What the cursor position was taken for (tests and logs). */
  context: 'none' | 'table' | 'qualified-table' | 'column' | 'general';
}

export interface CompletionOptions {
  dialect: SqlDialect;
  catalog?: CatalogIndex;
  split?: SplitOptions;
  /** Most tables offered for one prefix (default 1000). */
  tableLimit?: number;
}

const TABLE_POSITION = new Set(['FROM', 'JOIN', 'INTO', 'UPDATE', 'TABLE', 'DESCRIBE', 'LATERAL', 'ONLY']);

interface QualifiedPosition {
  /** Name parts typed before the word (`atomic.` → ['atomic']). */
  qualifier: string[];
  /** Token before the qualifier chain (decides table vs column position). */
  before?: Token;
  prefix: string;
  from: number;
}

function qualifiedPosition(ctx: CursorContext, offset: number, text: string): QualifiedPosition {
  const { tokens, word } = ctx;
  const prefixStart = word && word.end >= offset ? word.start : offset;
  const prefix = word && word.end >= offset ? text.slice(word.start, offset) : '';
  let p = word && word.end >= offset ? ctx.wordIndex - 1 : ctx.after - 1;
  const qualifier: Token[] = [];
  while (p >= 1 && tokens[p].kind === 'dot' && isName(tokens[p - 1]) && tokens[p].end <= prefixStart) {
    qualifier.unshift(tokens[p - 1]);
    p -= 2;
  }
  return {
    qualifier: qualifier.map(identifierName),
    before: p >= 0 ? tokens[p] : undefined,
    prefix,
    from: prefix.startsWith('"') ? prefixStart + 1 : prefixStart,
  };
}

function isTablePosition(ctx: CursorContext, before: Token | undefined): boolean {
  if (!before) return false;
  if (before.kind === 'word' && TABLE_POSITION.has(before.upper)) {
    const i = ctx.tokens.indexOf(before);
    return !(before.upper === 'FROM' && ctx.tokens[i - 1]?.upper === 'DISTINCT');
  }
  return before.kind === 'comma' && clauseAt(ctx.block, before.start) === 'from';
}

const tableItem = (t: IndexedTable, qualify: boolean): CompletionItem => ({
  label: t.name,
  kind: t.kind === 'view' ? 'view' : 'table',
  detail: `${t.kind} in ${t.schema}`,
  documentation: t.comment,
  insertText: qualify ? `${quoteIfNeeded(t.schema)}.${quoteIfNeeded(t.name)}` : quoteIfNeeded(t.name),
  sortText: `1${t.name}`,
});

const columnItem = (c: ResolvedColumn, owner: string, rank: string): CompletionItem => ({
  label: c.name,
  kind: 'column',
  detail: `${c.type ?? ''}${c.type ? ' · ' : ''}${owner}`,
  documentation: [c.comment, c.partitionKey ? 'Partition key' : undefined].filter(Boolean).join('\n') || undefined,
  insertText: quoteIfNeeded(c.name),
  sortText: `${rank}${c.name}`,
});

/** Quotes an identifier that would not survive unquoted (case, spaces, leading digit). */
function quoteIfNeeded(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

export async function complete(text: string, offset: number, options: CompletionOptions): Promise<CompletionResult> {
  const ctx = cursorContext(text, offset, options.split);
  if (!ctx || ctx.inLiteral) return { items: [], incomplete: false, from: offset, context: 'none' };
  const catalog = options.catalog;
  const resolver = new Resolver(catalog);
  const pos = qualifiedPosition(ctx, offset, text);
  const items: CompletionItem[] = [];

  if (isTablePosition(ctx, pos.before)) {
    if (pos.qualifier.length) {
      for (const t of catalog?.tablesOf(pos.qualifier[pos.qualifier.length - 1]) ?? []) items.push(tableItem(t, false));
      return { items, incomplete: false, from: pos.from, context: 'qualified-table' };
    }
    for (const cte of visibleCtes(ctx.block)) items.push({ label: cte.name, kind: 'cte', detail: 'CTE', sortText: `0${cte.name}` });
    for (const s of catalog?.schemas() ?? [])
      items.push({ label: s, kind: 'schema', detail: 'schema', insertText: quoteIfNeeded(s), sortText: `2${s}` });
    const found = catalog?.tablesWithPrefix(pos.prefix.replace(/^"/, ''), options.tableLimit ?? 1000);
    const defaults = new Set(catalog?.defaultSchemas ?? []);
    for (const t of found?.tables ?? []) items.push(tableItem(t, !defaults.has(t.schema.toLowerCase())));
    return { items, incomplete: found ? !found.complete : false, from: pos.from, context: 'table' };
  }

  if (pos.qualifier.length) {
    const scoped = resolver.refFor(ctx.block, pos.qualifier);
    if (scoped) {
      const owner = scoped.ref.alias ?? scoped.ref.parts.join('.');
      for (const c of await resolver.refColumns(scoped.ref, scoped.block))
        items.push(columnItem(c, c.source === owner ? owner : `${owner} (${c.source})`, '0'));
      return { items, incomplete: false, from: pos.from, context: 'column' };
    }
    if (catalog && pos.qualifier.length === 1 && catalog.hasSchema(pos.qualifier[0])) {
      for (const t of catalog.tablesOf(pos.qualifier[0])) items.push(tableItem(t, false));
      return { items, incomplete: false, from: pos.from, context: 'qualified-table' };
    }
    const table = catalog?.findTable(pos.qualifier);
    if (table && catalog)
      for (const c of await catalog.columns(table))
        items.push(columnItem({ ...c, source: `${table.schema}.${table.name}` }, `${table.schema}.${table.name}`, '0'));
    return { items, incomplete: false, from: pos.from, context: 'column' };
  }

  const clause = clauseAt(ctx.block, offset);
  const vocab = await vocabulary(options.dialect);
  if (clause !== 'start') {
    const seen = new Set<string>();
    for (const ref of tablesInScope(ctx.block)) {
      const owner = ref.alias ?? ref.parts.join('.');
      if (owner)
        items.push({
          label: owner,
          kind: ref.alias ? 'alias' : 'table',
          detail: ref.alias ? `alias of ${ref.parts.join('.') || 'subquery'}` : 'table in scope',
          sortText: `1${owner}`,
        });
      const block = ctx.structure.blocks.find((b) => b.from.includes(ref)) ?? ctx.block;
      for (const c of await resolver.refColumns(ref, block)) {
        const key = c.name.toLowerCase();
        if (seen.has(key)) continue; // the first table in scope wins the unqualified name
        seen.add(key);
        items.push(columnItem(c, owner, '0'));
      }
    }
    for (const f of vocab.functions) {
      const sig = vocab.signatures.get(f)?.[0];
      items.push({
        label: f,
        kind: 'function',
        detail: sig ? `${f}(${sig.params.join(', ')}) → ${sig.returns}` : 'function',
        documentation: sig?.doc,
        sortText: `2${f}`,
      });
    }
  }
  for (const k of vocab.keywords) items.push({ label: k, kind: 'keyword', sortText: `3${k}` });
  return { items, incomplete: false, from: pos.from, context: 'general' };
}
