// Syntax problems found before running, with zero false alarms as the rule: only mistakes every
// engine of the dialect rejects are reported (unclosed strings, comments and parentheses, a stray
// `)`, a statement ending where an operand must follow, a clause with nothing in it, a comma
// before FROM or `)` where the dialect has no trailing commas). Anything a grammar merely does not
// know (Redshift DISTKEY, Athena lambdas, DuckDB's friendly SQL) is never an error here.
import { splitStatements, type SplitOptions } from '../split';
import type { SqlDialect } from './dialect';
import { tokenize, type Token } from './tokens';

export interface SqlProblem {
  start: number;
  end: number;
  message: string;
}

/** Words after which a statement cannot end. */
const NEEDS_OPERAND = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'JOIN',
  'ON',
  'BY',
  'HAVING',
  'SET',
  'AS',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'LIKE',
  'ILIKE',
  'IN',
  'BETWEEN',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'QUALIFY',
  'USING',
  'INTO',
]);
// Not `%`: DuckDB's `USING SAMPLE 10%` ends in it.
const BINARY_OPS = new Set(['=', '<', '>', '<=', '>=', '<>', '!=', '+', '-', '/', '||', '::', '^']);
/** Clause keywords that cannot directly follow FROM/WHERE/ON/JOIN with nothing in between. */
const CLAUSE_START = new Set(['WHERE', 'GROUP', 'ORDER', 'HAVING', 'LIMIT', 'UNION', 'INTERSECT', 'EXCEPT', 'QUALIFY']);
const EMPTY_CLAUSE = new Set(['FROM', 'WHERE', 'HAVING', 'ON', 'JOIN']);
/** Before these a comma is a trailing comma. */
const AFTER_LIST = new Set(['FROM', 'WHERE', 'GROUP', 'ORDER', 'HAVING']);

export function sqlProblems(text: string, dialect: SqlDialect, split: SplitOptions = {}): SqlProblem[] {
  const problems: SqlProblem[] = [];
  const { tokens: all, comments } = tokenize(text, split);
  for (const c of comments)
    if (c.unterminated)
      problems.push({ start: c.start, end: c.start + 2, message: 'Unterminated comment: `/*` is never closed with `*/`.' });
  let k = 0;
  for (const statement of splitStatements(text, split)) {
    while (k < all.length && all[k].start < statement.start) k++;
    const tokens: Token[] = [];
    for (; k < all.length && all[k].start < statement.terminatorEnd; k++) if (all[k].kind !== 'semicolon') tokens.push(all[k]);
    const unterminated = tokens.find((t) => t.unterminated);
    if (unterminated) {
      const what = unterminated.kind === 'quoted' ? 'quoted identifier' : 'string';
      problems.push({ start: unterminated.start, end: unterminated.start + 1, message: `Unterminated ${what}: it is never closed.` });
      continue; // the rest of the statement is inside it
    }
    statementProblems(tokens, dialect, problems);
  }
  return problems;
}

function statementProblems(tokens: Token[], dialect: SqlDialect, problems: SqlProblem[]): void {
  const open: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (t.kind === 'lparen') open.push(t);
    else if (t.kind === 'rparen') {
      if (!open.pop()) problems.push({ start: t.start, end: t.end, message: 'Unmatched `)`: no `(` opens it.' });
    } else if (t.kind === 'comma') {
      if (next?.kind === 'comma')
        problems.push({ start: next.start, end: next.end, message: 'Two commas in a row: an item is missing between them.' });
      else if (
        dialect !== 'duckdb' &&
        next &&
        ((next.kind === 'word' && AFTER_LIST.has(next.upper) && !isByWord(tokens, i + 1)) || next.kind === 'rparen')
      ) {
        problems.push({
          start: t.start,
          end: t.end,
          message: `Trailing comma before ${next.kind === 'rparen' ? '`)`' : next.upper}: ${dialectName(dialect)} does not allow it.`,
        });
      }
    } else if (
      t.kind === 'word' &&
      EMPTY_CLAUSE.has(t.upper) &&
      next?.kind === 'word' &&
      CLAUSE_START.has(next.upper) &&
      !(t.upper === 'FROM' && tokens[i - 1]?.upper === 'DISTINCT')
    ) {
      problems.push({
        start: next.start,
        end: next.end,
        message: `${t.upper} needs ${t.upper === 'FROM' || t.upper === 'JOIN' ? 'a table' : 'a condition'} before ${next.upper}.`,
      });
    }
  }
  for (const p of open) problems.push({ start: p.start, end: p.end, message: 'Unclosed `(`: no `)` closes it.' });
  const last = tokens[tokens.length - 1];
  if (!last) return;
  if (
    (last.kind === 'word' && NEEDS_OPERAND.has(last.upper) && !endsOk(tokens)) ||
    (last.kind === 'op' && BINARY_OPS.has(last.text)) ||
    last.kind === 'comma' ||
    last.kind === 'dot'
  ) {
    const what = last.kind === 'word' ? last.upper : `\`${last.text}\``;
    problems.push({ start: last.start, end: last.end, message: `Incomplete statement: something must follow ${what}.` });
  }
}

/** `, group` / `, order` that do not start GROUP BY / ORDER BY are not keywords here. */
function isByWord(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  return (t.upper === 'GROUP' || t.upper === 'ORDER') && tokens[i + 1]?.upper !== 'BY';
}

/** Endings that look incomplete but are values: `SET enable_seqscan = on`, `SET x TO on`. */
function endsOk(tokens: Token[]): boolean {
  const last = tokens[tokens.length - 1];
  const prev = tokens[tokens.length - 2];
  return last.upper === 'ON' && (prev?.text === '=' || prev?.upper === 'TO');
}

function dialectName(d: SqlDialect): string {
  return d === 'athena' ? 'Athena' : d === 'redshift' ? 'Redshift' : 'PostgreSQL';
}
