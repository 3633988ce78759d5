// Data inside rendered Markdown (hovers, tooltips) and inside notifications shows as the text it is:
// checked by rendering with marked (the renderer VS Code's hovers use) and against VS Code's
// notification link pattern.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { marked } from 'marked';
import { markdownCode, markdownText } from '../../../src/core/text/markdown';
import { notificationText } from '../../../src/core/text/notification';

const HOSTILE = [
  '[run me](command:workbench.action.terminal.new)',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '**bold** _em_ `code` ~~strike~~',
  '# heading',
  '- list\n1. numbered\n> quote',
  '| a | b |\n|---|---|',
  '![img](https://example.com/x.png)',
  '&lt;b&gt; &amp; entity',
  'https://example.com/autolink <https://example.com>',
  'back\\slash \\[not escaped\\]',
  '\u202Egnp.exe',
];

/** The text CommonMark shows for escaped text: each backslash escape undone. */
const unescape = (md: string): string => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');

describe('markdownText', () => {
  test('every ASCII punctuation character is escaped, so no markup can start', () => {
    for (const s of HOSTILE) {
      const md = markdownText(s);
      assert.ok(!/[!-/:-@[-`{-~]/.test(md.replace(/\\[!-/:-@[-`{-~]/g, '')), `${JSON.stringify(s)} → ${md}`);
    }
  });

  test('undoing the escapes gives the text back, with controls and bidi shown', () => {
    for (const s of HOSTILE) assert.equal(unescape(markdownText(s)), s.replace('\u202E', '<U+202E>'), s);
    assert.equal(markdownText('[x](command:y)'), '\\[x\\]\\(command\\:y\\)');
  });

  test('rendered by marked, hostile text makes no element and reads back as itself', () => {
    for (const s of HOSTILE) {
      const html = marked.parse(`**${markdownText('name')}**\n\n${markdownText(s)}`, { async: false, gfm: true });
      const made = [...html.matchAll(/<([a-z][a-z0-9]*)/g)].map((m) => m[1]).filter((t) => t !== 'p' && t !== 'strong' && t !== 'br');
      assert.deepEqual(made, [], `${JSON.stringify(s)} → ${html}`);
      assert.equal((html.match(/<strong>/g) ?? []).length, 1, html);
      const text = html
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
      assert.equal(text.replace(/\s+/g, ' ').trim(), `name ${s.replace('\u202E', '<U+202E>')}`.replace(/\s+/g, ' ').trim(), html);
    }
  });

  test('line breaks and tabs are kept; other controls are shown', () => {
    assert.equal(markdownText('a\nb\tc\u0007'), 'a\nb\tc\\<U\\+0007\\>');
  });
});

describe('markdownCode', () => {
  test('a code span no backtick in the text can close', () => {
    assert.equal(markdownCode('eu-west-1'), '`eu-west-1`');
    assert.equal(markdownCode('a`b'), '``a`b``');
    assert.equal(markdownCode('`x` [y](command:z)'), '`` `x` [y](command:z) ``');
    assert.equal(markdownCode('x``'), '``` x`` ```');
  });

  test('one line, controls shown', () => {
    assert.equal(markdownCode('a\nb\u202E'), '`a<U+000A>b<U+202E>`');
  });
});

describe('markdownCode rendered', () => {
  test('the code span holds the text exactly, and nothing else is made', () => {
    for (const s of ['eu-west-1', 'a`b', '`x` [y](command:z)', '<img src=x onerror=alert(1)>', 'x``', ' lead']) {
      const html = marked.parseInline(`value ${markdownCode(s)} end`, { async: false });
      const m = /^value <code>(.*)<\/code> end$/.exec(html);
      assert.ok(m, `${JSON.stringify(s)} → ${html}`);
      assert.equal(
        m[1]
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, '&'),
        s,
      );
    }
  });
});

describe('notificationText', () => {
  // VS Code's parseLinkedText pattern (vs/base/common/linkedText.ts): these become clickable links.
  const LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

  test('no [label](command:…|https:…|file:…) survives, and the text reads the same', () => {
    for (const s of [
      'Step "[x](command:workbench.action.terminal.new)" failed',
      '[a](https://evil.example) and [b](file:///etc/passwd "t")',
      'cluster [c](command:x)[d](command:y)',
    ]) {
      const shown = notificationText(s);
      assert.equal(shown.match(LINK), null, shown);
      assert.equal(shown.replace(/\u2060/g, ''), s);
    }
  });

  test('line breaks become ↵ and bidi controls are shown, so a message cannot fake a line or reorder', () => {
    assert.equal(notificationText('failed:\nStep OK\r\ndone \u202Etxt.exe'), 'failed: ↵ Step OK ↵ done <U+202E>txt.exe');
  });

  test('plain messages are unchanged', () => {
    assert.equal(notificationText('Data Workbench: cancelling step "Load events".'), 'Data Workbench: cancelling step "Load events".');
  });
});
