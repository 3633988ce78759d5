// The Dataflow Runner `{{ … }}` injection grammar, tokenized with VS Code's own TextMate engine.
// A tiny stand-in for VS Code's JSON grammar hosts it (same scope names for strings and values).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const contribution = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === 'dataflow-runner.template.injection');

const hostJson = JSON.stringify({
  scopeName: 'source.json',
  patterns: [
    { name: 'string.quoted.double.json', begin: '"', end: '"', patterns: [{ name: 'constant.character.escape.json', match: '\\\\.' }] },
    { name: 'constant.numeric.json', match: '-?\\d+' },
    { name: 'comment.line.double-slash.js', match: '//.*$' },
  ],
});

let grammar: IGrammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      if (scope === 'source.json') return parseRawGrammar(hostJson, 'json.json');
      if (scope === contribution.scopeName)
        return parseRawGrammar(readFileSync(path.join(root, contribution.path), 'utf8'), contribution.path);
      return null;
    },
    getInjections: (scope) => (contribution.injectTo.includes(scope) ? [contribution.scopeName] : []),
  });
  grammar = (await registry.loadGrammar('source.json'))!;
});

/** Each token's text with its innermost scope. */
function tokens(line: string): [string, string][] {
  return grammar.tokenizeLine(line, INITIAL).tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]]);
}

describe('Dataflow Runner template grammar', () => {
  test('is contributed for JSON and JSON with comments', () => {
    assert.deepEqual(contribution.injectTo, ['source.json', 'source.json.comments']);
  });

  test('highlights a variable inside a JSON string', () => {
    const t = tokens('"logUri": "s3://{{.bucket}}/logs/"');
    assert.deepEqual(
      t.filter(([, s]) => !s.startsWith('string.') && !s.startsWith('source.')),
      [
        ['{{', 'punctuation.section.embedded.begin.template'],
        ['.bucket', 'variable.other.member.template'],
        ['}}', 'punctuation.section.embedded.end.template'],
      ],
    );
    // The JSON string resumes after the expression.
    assert.deepEqual(t.slice(-2), [
      ['/logs/', 'string.quoted.double.json'],
      ['"', 'string.quoted.double.json'],
    ]);
  });

  test('functions, escaped string arguments and pipes', () => {
    const t = tokens('"--dest", "run={{nowWithFormat \\"2006-01-02\\" | printf \\"%s\\"}}/"');
    const find = (text: string): string | undefined => t.find(([x]) => x === text)?.[1];
    assert.equal(find('nowWithFormat'), 'support.function.dataflow-runner.template');
    assert.equal(find('printf'), 'support.function.builtin.template');
    assert.equal(find('|'), 'keyword.operator.pipe.template');
    assert.ok(
      t.some(([x, s]) => x.includes('2006-01-02') && s === 'string.quoted.double.template'),
      JSON.stringify(t),
    );
    assert.deepEqual(t.slice(-2), [
      ['/', 'string.quoted.double.json'],
      ['"', 'string.quoted.double.json'],
    ]);
  });

  test('control keywords and variables outside strings', () => {
    const t = tokens('{{ if eq .env "prod" }}2{{ else }}0{{ end }}');
    const find = (text: string): string | undefined => t.find(([x]) => x.trim() === text)?.[1];
    assert.equal(find('if'), 'keyword.control.template');
    assert.equal(find('eq'), 'support.function.builtin.template');
    assert.equal(find('.env'), 'variable.other.member.template');
    assert.equal(find('prod'), 'string.quoted.double.template');
    assert.equal(find('2'), 'constant.numeric.json');
  });

  test('plain JSON is left alone', () => {
    assert.deepEqual(
      tokens('"count": 2')
        .map(([, s]) => s)
        .filter((s) => s.includes('template')),
      [],
    );
  });
});
