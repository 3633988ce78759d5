// Document outline (statements with their CTEs) and folding ranges (multi-line statements, CTE
// bodies, parenthesised blocks and block comments) for a SQL document.
import { LineIndex } from '../positions';
import { splitStatements, type SplitOptions } from '../split';
import { statementTokens } from './context';
import { analyzeStatement, isName } from './scope';
import { identifierName } from './tokens';

export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: 'statement' | 'cte';
  start: number;
  end: number;
  /** The range to reveal (the statement's first word, the CTE's name). */
  selectionStart: number;
  selectionEnd: number;
  children: OutlineSymbol[];
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'comment';
}

/** A short name for a statement: its verb and main object (`SELECT … FROM atomic.events`). */
function statementName(words: { upper: string; text: string }[], target: string | undefined): string {
  const verb = words[0]?.upper ?? '';
  const lead = ['CREATE', 'DROP', 'ALTER'].includes(verb)
    ? words
        .slice(0, words.findIndex((w, k) => k > 0 && ['TABLE', 'VIEW', 'SCHEMA', 'FUNCTION', 'INDEX'].includes(w.upper)) + 1)
        .map((w) => w.upper)
        .join(' ') || verb
    : verb;
  return target ? `${lead} ${verb === 'SELECT' || verb === 'WITH' ? '… FROM ' : ''}${target}` : lead;
}

export function outline(text: string, split: SplitOptions = {}): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  for (const statement of splitStatements(text, split)) {
    const { tokens } = statementTokens(text, statement, split);
    if (tokens.length === 0) continue;
    const structure = analyzeStatement(tokens, statement.start, statement.end);
    const main = structure.root.from.find((r) => r.kind === 'table');
    // CREATE TABLE x / INSERT INTO x: the object after the keyword
    const k = tokens.findIndex((t) => ['TABLE', 'VIEW', 'INTO', 'UPDATE'].includes(t.upper));
    const target =
      k >= 0 && isName(tokens[k + 1]) && k < 6
        ? identifierName(tokens[k + 1]) +
          (tokens[k + 2]?.kind === 'dot' && isName(tokens[k + 3]) ? `.${identifierName(tokens[k + 3])}` : '')
        : main?.parts.join('.');
    const words = tokens.filter((t) => t.kind === 'word');
    const firstLine = text.slice(statement.start, statement.end).split('\n')[0];
    const symbol: OutlineSymbol = {
      name: statementName(words, target),
      detail: firstLine.length > 60 ? `${firstLine.slice(0, 60)}…` : firstLine,
      kind: 'statement',
      start: statement.start,
      end: statement.end,
      selectionStart: tokens[0].start,
      selectionEnd: tokens[0].end,
      children: [],
    };
    for (const b of structure.blocks)
      for (const c of b.ctes) {
        symbol.children.push({
          name: c.name,
          detail: 'CTE',
          kind: 'cte',
          start: c.start,
          end: c.end,
          selectionStart: c.nameToken.start,
          selectionEnd: c.nameToken.end,
          children: [],
        });
      }
    out.push(symbol);
  }
  return out;
}

export function foldingRanges(text: string, split: SplitOptions = {}): FoldingRange[] {
  const lines = new LineIndex(text);
  const out: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: 'comment'): void => {
    const a = lines.positionAt(start).line;
    const b = lines.positionAt(end).line;
    if (b > a) out.push(kind ? { startLine: a, endLine: b, kind } : { startLine: a, endLine: b });
  };
  for (const statement of splitStatements(text, split)) {
    add(statement.start, statement.end);
    const { tokens, comments } = statementTokens(text, statement, split);
    for (const c of comments) if (c.block) add(c.start, c.end, 'comment');
    const open: number[] = [];
    for (const t of tokens) {
      if (t.kind === 'lparen') open.push(t.start);
      else if (t.kind === 'rparen') {
        const s = open.pop();
        // Fold up to the line before `)`, so the closing line stays visible.
        if (s !== undefined && lines.positionAt(t.start).line - 1 > lines.positionAt(s).line)
          out.push({ startLine: lines.positionAt(s).line, endLine: lines.positionAt(t.start).line - 1 });
      }
    }
  }
  // Comments between statements (file headers)
  const seen = new Set(out.filter((r) => r.kind).map((r) => r.startLine));
  for (const c of commentsOutside(text, split)) if (!seen.has(lines.positionAt(c.start).line)) add(c.start, c.end, 'comment');
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

function commentsOutside(text: string, split: SplitOptions): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const whole = statementTokens(text, { text, start: 0, end: text.length, terminatorEnd: text.length, line: 0, column: 0 }, split);
  for (const c of whole.comments) if (c.block) out.push(c);
  return out;
}
