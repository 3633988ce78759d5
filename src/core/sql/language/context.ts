// Where the cursor is in a document, for completion, hover, signature help and go-to-definition:
// the statement (reusing the splitter), its tokens and structure, and the token at the cursor.
import { splitStatements, statementAt, type SplitOptions, type SqlStatement } from '../split';
import { analyzeStatement, blockAt, type QueryBlock, type StatementStructure } from './scope';
import { tokenize, type Comment, type Token } from './tokens';

export interface CursorContext {
  statement: SqlStatement;
  structure: StatementStructure;
  tokens: Token[];
  comments: Comment[];
  block: QueryBlock;
  /** Index of the first token that starts at or after the cursor. */
  after: number;
  /** The word (or quoted name) the cursor is in or right after, if any. */
  word?: Token;
  wordIndex: number;
  /** Inside a string or a comment: no help there. */
  inLiteral: boolean;
}

/** Tokens use document offsets: the statement is tokenized in place. */
export function statementTokens(
  text: string,
  statement: SqlStatement,
  options: SplitOptions,
  end = statement.terminatorEnd,
): { tokens: Token[]; comments: Comment[] } {
  // Tokenize the statement's span only, then shift to document offsets.
  const { tokens, comments } = tokenize(text.slice(statement.start, Math.max(end, statement.terminatorEnd)), options);
  for (const t of tokens) {
    t.start += statement.start;
    t.end += statement.start;
  }
  for (const c of comments) {
    c.start += statement.start;
    c.end += statement.start;
  }
  return { tokens: tokens.filter((t) => t.kind !== 'semicolon'), comments };
}

export function cursorContext(text: string, offset: number, options: SplitOptions = {}): CursorContext | undefined {
  const statements = splitStatements(text, options);
  let statement = statementAt(statements, offset, text);
  // Typing after the last `;` on a fresh line: an empty statement of its own.
  if (!statement || (offset > statement.terminatorEnd && statement.terminatorEnd > statement.end)) {
    statement = { text: '', start: offset, end: offset, terminatorEnd: offset, line: 0, column: 0 };
  }
  if (offset < statement.start && statements.indexOf(statement) >= 0) {
    // Before the statement (leading whitespace/comments): only the gap counts.
    const gap = text.slice(0, statement.start).lastIndexOf(';') + 1;
    if (/\S/.test(text.slice(gap, offset).replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ''))) return undefined;
  }
  // Up to the cursor too: a trailing comment the cursor is in belongs to no statement.
  const { tokens, comments } = statementTokens(text, statement, options, offset);
  const structure = analyzeStatement(tokens, statement.start, Math.max(statement.terminatorEnd, offset));
  let after = tokens.length;
  let word: Token | undefined;
  let wordIndex = -1;
  let inLiteral = comments.some((c) => offset > c.start && (offset < c.end || (offset === c.end && (!c.block || c.unterminated))));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.start >= offset) {
      after = i;
      break;
    }
    if (offset <= t.end && (t.kind === 'word' || t.kind === 'quoted')) {
      word = t;
      wordIndex = i;
    }
    if ((t.kind === 'string' || t.kind === 'quoted') && offset > t.start && (offset < t.end || t.unterminated))
      inLiteral = t.kind === 'string' || inLiteral;
  }
  return { statement, structure, tokens, comments, block: blockAt(structure, offset), after, word, wordIndex, inLiteral };
}
