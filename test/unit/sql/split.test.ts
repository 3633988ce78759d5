import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { splitStatements, statementAt } from '../../../src/core/sql/split';
import { LineIndex, enginePositionToOffset, offsetToPosition, positionToOffset } from '../../../src/core/sql/positions';

const texts = (src: string): string[] => splitStatements(src).map((s) => s.text);

describe('splitStatements', () => {
  test('splits on semicolons and trims whitespace', () => {
    assert.deepEqual(texts('select 1;\n  select 2 ;\nselect 3'), ['select 1', 'select 2', 'select 3']);
  });

  test('offsets and positions point at each statement in the document', () => {
    const src = 'select 1;\n\n  select\n  2;';
    const [a, b] = splitStatements(src);
    assert.equal(src.slice(a.start, a.end), 'select 1');
    assert.deepEqual([a.line, a.column], [0, 0]);
    assert.equal(a.terminatorEnd, 9);
    assert.equal(src.slice(b.start, b.end), 'select\n  2');
    assert.deepEqual([b.line, b.column], [2, 2]);
    assert.equal(src[b.terminatorEnd - 1], ';');
  });

  test('ignores empty and comment-only statements', () => {
    assert.deepEqual(texts(';;  ; -- nothing\n; /* still nothing */ ;\nselect 1;;'), ['select 1']);
    assert.deepEqual(texts(''), []);
    assert.deepEqual(texts('-- only a comment'), []);
  });

  test('a leading comment is not part of the statement; its start is the first token', () => {
    const src = '-- daily users\n/* block */ select 1;';
    const [s] = splitStatements(src);
    assert.equal(s.text, 'select 1');
    assert.deepEqual([s.line, s.column], [1, 12]);
  });

  test('comments inside a statement stay in it', () => {
    assert.deepEqual(texts('select 1 -- a; b\n, 2; select /* ; */ 3'), ['select 1 -- a; b\n, 2', 'select /* ; */ 3']);
  });

  test("single-quoted strings with '' escapes", () => {
    assert.deepEqual(texts("select 'a;b', 'it''s; fine'; select 2"), ["select 'a;b', 'it''s; fine'", 'select 2']);
  });

  test("E'…' strings honour backslash escapes, plain strings do not", () => {
    assert.deepEqual(texts("select E'it\\'s; here'; select 2"), ["select E'it\\'s; here'", 'select 2']);
    // In a standard string a backslash is an ordinary character, so the string ends at the next quote.
    assert.deepEqual(texts("select 'C:\\'; select 2"), ["select 'C:\\'", 'select 2']);
    // `e'` after an identifier character is not an escape-string prefix.
    assert.deepEqual(texts("select type'x;y'; select 2"), ["select type'x;y'", 'select 2']);
  });

  test('Redshift mode: backslash escapes in ordinary strings', () => {
    const src = "select 'it\\'s; here'; select 'C:\\\\'; select 3";
    assert.deepEqual(
      splitStatements(src, { backslashEscapes: true }).map((s) => s.text),
      ["select 'it\\'s; here'", "select 'C:\\\\'", 'select 3'],
    );
    // The same text read the standard way ends the first string at the escaped quote.
    assert.deepEqual(texts(src), ["select 'it\\'s", "here'; select 'C:\\\\'; select 3"]);
  });

  test('double-quoted and backtick identifiers', () => {
    assert.deepEqual(texts('select "a;b" from "t""x;"; select `c;d`'), ['select "a;b" from "t""x;"', 'select `c;d`']);
  });

  test('dollar quotes, plain and tagged', () => {
    const fn = 'create function f() returns int as $$ select 1; select 2; $$ language sql';
    assert.deepEqual(texts(`${fn}; select 3`), [fn, 'select 3']);
    const tagged = 'do $body$ begin perform 1; raise notice $$x;$$; end $body$';
    assert.deepEqual(texts(`${tagged};select 4`), [tagged, 'select 4']);
  });

  test('$1 parameters and identifiers containing $ are not dollar quotes', () => {
    assert.deepEqual(texts('select $1; select a$b$ from t; select 3'), ['select $1', 'select a$b$ from t', 'select 3']);
  });

  test('non-ASCII identifiers and whitespace', () => {
    assert.deepEqual(texts('select naïve$$x from t;\u00a0select 2'), ['select naïve$$x from t', 'select 2']);
    assert.deepEqual(texts('select \'ünï;cödé\' as "straße;"; select 3'), ['select \'ünï;cödé\' as "straße;"', 'select 3']);
  });

  test('nested block comments', () => {
    assert.deepEqual(texts('select /* outer /* inner; */ still; */ 1; select 2'), ['select /* outer /* inner; */ still; */ 1', 'select 2']);
  });

  test('line comment at end of file without newline', () => {
    assert.deepEqual(texts('select 1 -- trailing; comment'), ['select 1']);
  });

  test('unterminated constructs make the rest one statement', () => {
    assert.deepEqual(texts("select 1; select 'open; select 2; select 3"), ['select 1', "select 'open; select 2; select 3"]);
    assert.deepEqual(texts('select 1; select /* open; select 2'), ['select 1', 'select']);
    assert.deepEqual(texts('select 1; select $$ open; select 2'), ['select 1', 'select $$ open; select 2']);
    assert.deepEqual(texts('select "open; x'), ['select "open; x']);
  });

  test('CRLF documents give the same columns as LF', () => {
    const [, b] = splitStatements('select 1;\r\n  select 2;\r\n');
    assert.deepEqual([b.line, b.column, b.text], [1, 2, 'select 2']);
  });

  test('statementAt finds the statement around or nearest to an offset', () => {
    const src = 'select 1;  \n\nselect 2;\nselect 3';
    const all = splitStatements(src);
    assert.equal(statementAt(all, 0, src)?.text, 'select 1');
    assert.equal(statementAt(all, 8, src)?.text, 'select 1'); // on the `;`
    assert.equal(statementAt(all, 10, src)?.text, 'select 1'); // after `;` on the same line
    assert.equal(statementAt(all, 12, src)?.text, 'select 2'); // blank line before the next one
    assert.equal(statementAt(all, src.length, src)?.text, 'select 3');
    assert.equal(statementAt([], 0, src), undefined);
  });
});

describe('positions', () => {
  test('offset ↔ line/column round trip', () => {
    const text = 'ab\ncde\n\nf';
    const idx = new LineIndex(text);
    for (let o = 0; o <= text.length; o++) assert.equal(idx.offsetAt(idx.positionAt(o)), o);
    assert.deepEqual(offsetToPosition(text, 4), { line: 1, column: 1 });
    assert.equal(positionToOffset(text, { line: 3, column: 0 }), 8);
    assert.equal(idx.lineCount, 4);
  });

  test('out-of-range positions clamp', () => {
    const text = 'ab\ncd';
    assert.equal(positionToOffset(text, { line: 0, column: 99 }), 2);
    assert.equal(positionToOffset(text, { line: 9, column: 0 }), text.length);
    assert.deepEqual(offsetToPosition(text, 99), { line: 1, column: 2 });
  });

  test('engine positions (1-based, statement-relative) map into the document', () => {
    const doc = 'select 1;\nselect * frm t;';
    const s = splitStatements(doc)[1];
    const pos = s.text.indexOf('frm') + 1; // what Postgres reports for the bad token
    const at = offsetToPosition(doc, enginePositionToOffset(s.start, s.text.length, pos));
    assert.deepEqual(at, { line: 1, column: 9 });
    assert.equal(enginePositionToOffset(10, 5, 999), 15);
  });
});
