// Hover and go-to-definition: what a name at the cursor refers to. A table shows its kind, schema,
// source and comment; a column its type, table and comment; a CTE its inferred columns.
import { markdownCode as code, markdownText as escapeMarkdown } from '../../text/markdown';
import type { SplitOptions } from '../split';
import type { CatalogIndex, IndexedTable } from './catalogIndex';
import { cursorContext, type CursorContext } from './context';
import { Resolver } from './resolve';
import { isName, visibleCtes, type Cte, type QueryBlock, type TableRef } from './scope';
import { identifierName, type Token } from './tokens';

export interface HoverResult {
  /** Markdown. */
  contents: string;
  start: number;
  end: number;
}

export interface Range {
  start: number;
  end: number;
}

/** The dotted name around the cursor's word: its parts up to and including the word. */
function nameChain(ctx: CursorContext): { parts: string[]; word: Token; first: number } | undefined {
  const { tokens, wordIndex, word } = ctx;
  if (!word) return undefined;
  let i = wordIndex;
  while (i >= 2 && tokens[i - 1].kind === 'dot' && isName(tokens[i - 2])) i -= 2;
  const parts: string[] = [];
  for (let k = i; k <= wordIndex; k += 2) parts.push(identifierName(tokens[k]));
  return { parts, word, first: i };
}

/** The word under the cursor: `cursorContext` takes the word ending at or containing it. */
function contextAt(text: string, offset: number, split?: SplitOptions): CursorContext | undefined {
  // Hovering the first character of a word: look one character in.
  return cursorContext(text, offset + 1, split);
}

function findRef(block: QueryBlock, blocks: QueryBlock[], word: Token): TableRef | undefined {
  for (const b of blocks) for (const r of b.from) if (r.partTokens.includes(word) || r.aliasToken === word) return r;
  void block;
  return undefined;
}

function cteNamed(block: QueryBlock, name: string): Cte | undefined {
  const lower = name.toLowerCase();
  return visibleCtes(block).find((c) => c.name.toLowerCase() === lower);
}

function tableMarkdown(t: IndexedTable, label: string, columnCount: number | undefined): string {
  const lines = [
    `**${escapeMarkdown(`${t.schema}.${t.name}`)}** — ${t.kind}`,
    '',
    `Schema ${code(t.schema)} · ${escapeMarkdown(label)}${columnCount !== undefined ? ` · ${columnCount} columns` : ''}`,
  ];
  if (t.comment) lines.push('', escapeMarkdown(t.comment));
  return lines.join('\n');
}

export async function hover(
  text: string,
  offset: number,
  catalog: CatalogIndex | undefined,
  split?: SplitOptions,
): Promise<HoverResult | undefined> {
  const ctx = contextAt(text, offset, split);
  if (!ctx || ctx.inLiteral) return undefined;
  const chain = nameChain(ctx);
  if (!chain || offset < chain.word.start || offset >= chain.word.end) return undefined;
  const { word, parts } = chain;
  const range = { start: word.start, end: word.end };
  const resolver = new Resolver(catalog);
  const blocks = ctx.structure.blocks;

  // CTE definition or a FROM item
  for (const b of blocks) for (const c of b.ctes) if (c.nameToken === word) return { contents: await cteMarkdown(resolver, c), ...range };
  const ref = findRef(ctx.block, blocks, word);
  if (ref) {
    const owner = blocks.find((b) => b.from.includes(ref)) ?? ctx.block;
    const cte = resolver.cteFor(ref, owner);
    if (cte) return { contents: await cteMarkdown(resolver, cte), ...range };
    if (ref.aliasToken === word && ref.kind !== 'table')
      return { contents: `**${escapeMarkdown(ref.alias ?? '')}** — ${ref.kind === 'subquery' ? 'subquery' : 'table function'}`, ...range };
    // The schema part of `atomic.events`
    if (ref.partTokens.length > 1 && ref.partTokens.indexOf(word) < ref.partTokens.length - 1 && word !== ref.aliasToken) {
      return {
        contents: `**${escapeMarkdown(identifierName(word))}** — schema${catalog ? ` · ${escapeMarkdown(catalog.label)}` : ''}`,
        ...range,
      };
    }
    const table = resolver.catalogTable(ref);
    if (table && catalog) {
      const cols = await catalog.columns(table).catch(() => undefined);
      return { contents: tableMarkdown(table, catalog.label, cols?.length), ...range };
    }
    return undefined;
  }

  // A column: `q.col` or `col`
  const qualifier = parts.slice(0, -1);
  const name = parts[parts.length - 1];
  if (qualifier.length === 0) {
    // Perhaps an alias or table qualifier being hovered (`e` in `e.col`).
    const next = ctx.tokens[chain.first + 1];
    if (next?.kind === 'dot') {
      const scoped = resolver.refFor(ctx.block, [name]);
      if (scoped) {
        const table = resolver.catalogTable(scoped.ref);
        if (table && catalog)
          return { contents: tableMarkdown(table, catalog.label, (await catalog.columns(table).catch(() => undefined))?.length), ...range };
        const cte = resolver.cteFor(scoped.ref, scoped.block);
        if (cte) return { contents: await cteMarkdown(resolver, cte), ...range };
      }
    }
  }
  const col = await resolver.findColumn(ctx.block, qualifier, name);
  if (!col) return undefined;
  const lines = [
    `**${escapeMarkdown(col.name)}** ${code(col.type ?? 'unknown type')}`,
    '',
    `Column of ${code(col.source)}${col.table && catalog ? ` · schema ${code(col.table.schema)} · ${escapeMarkdown(catalog.label)}` : ''}${col.partitionKey ? ' · partition key' : ''}`,
  ];
  if (col.comment) lines.push('', escapeMarkdown(col.comment));
  return { contents: lines.join('\n'), ...range };
}

async function cteMarkdown(resolver: Resolver, cte: Cte): Promise<string> {
  const cols = await resolver.cteColumns(cte);
  const list = cols.map((c) => escapeMarkdown(c.type ? `${c.name} ${c.type}` : c.name)).join(', ');
  return `**${escapeMarkdown(cte.name)}** — common table expression\n\nColumns: ${list || '(not known)'}`;
}

/** Go to definition: a CTE name or a table alias used in the statement → where it is declared. */
export function definition(text: string, offset: number, split?: SplitOptions): Range | undefined {
  const ctx = contextAt(text, offset, split);
  if (!ctx || ctx.inLiteral || !ctx.word || offset < ctx.word.start || offset >= ctx.word.end) return undefined;
  const word = ctx.word;
  const name = identifierName(word);
  const next = ctx.tokens[ctx.wordIndex + 1];
  const prev = ctx.tokens[ctx.wordIndex - 1];
  if (next?.kind === 'dot' && prev?.kind !== 'dot') {
    const resolver = new Resolver(undefined);
    const scoped = resolver.refFor(ctx.block, [name]);
    if (scoped?.ref.aliasToken) return { start: scoped.ref.aliasToken.start, end: scoped.ref.aliasToken.end };
    if (scoped) {
      const cte = resolver.cteFor(scoped.ref, scoped.block);
      if (cte) return { start: cte.nameToken.start, end: cte.nameToken.end };
    }
  }
  if (prev?.kind === 'dot') return undefined;
  const cte = cteNamed(ctx.block, name);
  if (cte && cte.nameToken !== word) return { start: cte.nameToken.start, end: cte.nameToken.end };
  return undefined;
}
