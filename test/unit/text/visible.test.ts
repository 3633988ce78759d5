// Invisible and reordering characters shown as <U+XXXX>: the core function and the Results grid's
// cell and column-name display built on it (the grid module's pure functions run in plain Node).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hasInvisible, visibleText } from '../../../src/core/text/visible';
import { cellText, columnText } from '../../../webviews/results/grid';

describe('visibleText', () => {
  test('bidi overrides, isolates and marks are shown, so a name cannot read backwards', () => {
    assert.equal(visibleText('\u202Egnp.exe'), '<U+202E>gnp.exe');
    assert.equal(visibleText('\u2066x\u2069 \u200F\u061C'), '<U+2066>x<U+2069> <U+200F><U+061C>');
  });

  test('C0/C1 controls, zero-width characters, separators, the BOM and lone surrogates are shown', () => {
    assert.equal(visibleText('bell\u0007 esc\u001b[31m \u0085\u009b'), 'bell<U+0007> esc<U+001B>[31m <U+0085><U+009B>');
    assert.equal(visibleText('a\u200Bb\u00ADc\u2060d\uFEFF'), 'a<U+200B>b<U+00AD>c<U+2060>d<U+FEFF>');
    assert.equal(visibleText('1\u20282\u20293'), '1<U+2028>2<U+2029>3');
    // Joiners too: an emoji sequence shows its parts rather than risk a hidden character.
    assert.equal(visibleText('👩\u200D💻'), '👩<U+200D>💻');
    assert.equal(visibleText('x\uD800y\uDC00'), 'x<U+D800>y<U+DC00>');
  });

  test('printable text, emoji (paired surrogates) and non-Latin scripts are unchanged', () => {
    for (const s of ['plain', '<script>alert(1)</script>', 'naïve – Ωμέγα 日本語 עברית العربية', '😀 🎉', '']) {
      assert.equal(visibleText(s), s);
      assert.equal(hasInvisible(s), false, s);
    }
  });

  test('line breaks and tabs: escaped by default, kept with keepLayout (CR only inside CRLF)', () => {
    assert.equal(visibleText('a\nb\tc\r\nd'), 'a<U+000A>b<U+0009>c<U+000D><U+000A>d');
    assert.equal(visibleText('a\nb\tc\r\nd\re\u202E', { keepLayout: true }), 'a\nb\tc\r\nd<U+000D>e<U+202E>');
  });

  test('repeated calls agree (no regex state carried between them)', () => {
    for (let i = 0; i < 3; i++) {
      assert.equal(hasInvisible('x\u202E'), true);
      assert.equal(visibleText('\u202Ey'), '<U+202E>y');
    }
  });
});

describe('Results grid display text', () => {
  test('a cell shows controls visibly, line breaks and tabs as ↵ and ⇥', () => {
    assert.equal(cellText('\u202Egnp.exe\u202C'), '<U+202E>gnp.exe<U+202C>');
    assert.equal(cellText('a\r\nb\nc\td\u0007'), 'a↵b↵c⇥d<U+0007>');
    assert.equal(cellText('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>');
    assert.equal(cellText(null), 'NULL');
    assert.equal(cellText(42), '42');
  });

  test('a long cell is cut at 500 characters before escaping, so the limit counts what the value holds', () => {
    const shown = cellText('\u202E' + 'x'.repeat(600));
    assert.ok(shown.startsWith('<U+202E>xxx') && shown.endsWith('x…'), shown.slice(0, 20));
    assert.equal(shown.length, '<U+202E>'.length + 499 + 1);
  });

  test('a column name shows controls visibly', () => {
    assert.equal(columnText('id\u202E'), 'id<U+202E>');
    assert.equal(columnText('line\nbreak'), 'line<U+000A>break');
    assert.equal(columnText('<b>plain</b>'), '<b>plain</b>');
  });
});
