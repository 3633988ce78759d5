// Validation reuses the previous keystroke's template scan and JSON tree: over a long sequence of
// edits of a 300-step playbook (typing, deleting, quotes, braces, broken JSON, new vars, bad values),
// every cached result must equal a cold validation of the same text: diagnostics, config, scan, tree.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node as JsonNode } from 'jsonc-parser';
import { withoutCache } from '../../../src/core/playbook/incremental';
import { validateConfig, type ValidateOptions, type ValidationResult } from '../../../src/core/playbook/validate';

const step = (i: number): string => `      {
        "type": "CUSTOM_JAR",
        "name": "Model ${i} for {{.env}}",
        "actionOnFailure": "${i % 2 ? 'CONTINUE' : 'CANCEL_AND_WAIT'}",
        "jar": "command-runner.jar",
        "arguments": ["spark-submit", "--deploy-mode", "cluster", "s3://{{.bucket}}/jobs/model_${i}.py", "--run", "{{if .x}}{{.runId}}{{else}}b{{end}}", "--out", "s3://{{.bucket}}/out/run={{nowWithFormat \`2006-01-02\`}}/"]
      }`;
const PLAYBOOK = `{
  "schema": "iglu:com.snowplowanalytics.dataflowrunner/PlaybookConfig/avro/1-0-1",
  "data": {
    "region": "{{.region}}",
    "credentials": { "accessKeyId": "env", "secretAccessKey": "env" },
    "steps": [
${Array.from({ length: 300 }, (_, i) => step(i)).join(',\n')}
    ],
    "tags": [{ "key": "team", "value": "data" }]
  }
}
`;

/** The tree without parent links (cycles), in a form deepEqual compares exactly. */
function plainTree(n: JsonNode | undefined): unknown {
  if (!n) return n;
  return {
    type: n.type,
    offset: n.offset,
    length: n.length,
    value: n.value,
    colonOffset: n.colonOffset,
    hasParent: n.parent !== undefined,
    children: n.children?.map(plainTree),
  };
}

function same(cached: ValidationResult, cold: ValidationResult, what: string): void {
  // Compared as JSON first (fast); deepEqual only to say where they differ.
  const json = (r: ValidationResult): string => JSON.stringify([r.diagnostics, r.config, r.kind, r.scan, plainTree(r.root)]);
  if (json(cached) === json(cold)) return;
  assert.deepEqual(cached.diagnostics, cold.diagnostics, `${what}: diagnostics`);
  assert.deepEqual(cached.config, cold.config, `${what}: config`);
  assert.deepEqual(cached.kind, cold.kind, `${what}: kind`);
  assert.deepEqual(cached.scan, cold.scan, `${what}: template scan`);
  assert.deepEqual(plainTree(cached.root), plainTree(cold.root), `${what}: JSON tree`);
}

/** Each edit: [what, a function from the current text to the next]. Typing (and deleting forward) is one character at a time. */
function typing(at: (t: string) => number, chars: string, what: string): [string, (t: string) => string][] {
  return Array.from(chars).map((ch, k) => [
    `${what} (${k + 1})`,
    (t: string) => {
      const p = at(t) + k;
      return t.slice(0, p) + ch + t.slice(p);
    },
  ]);
}
function deleting(at: (t: string) => number, count: number, what: string): [string, (t: string) => string][] {
  return Array.from({ length: count }, (_, k) => [
    `${what} (${k + 1})`,
    (t: string) => {
      const p = at(t);
      return t.slice(0, p) + t.slice(p + 1);
    },
  ]);
}
const after =
  (needle: string, nth = 1) =>
  (t: string): number => {
    let p = -1;
    for (let k = 0; k < nth; k++) p = t.indexOf(needle, p + 1);
    if (p < 0) throw new Error(`edit script: "${needle}" (${nth}) is not in the text`);
    return p + needle.length;
  };

test('cached validation equals a cold one over a sequence of edits of a 300-step playbook', () => {
  const options: ValidateOptions = { expectedKind: 'playbook', vars: new Set(['env', 'bucket', 'runId', 'region', 'x']) };
  const edits: [string, (t: string) => string][] = [
    ...typing(after('"Model 7 '), 'nightly ', 'type in a step name'),
    ...deleting(after('"Model 7 '), 4, 'delete in a step name'),
    ...typing(after('"--deploy-mode", "cluster"', 40), ', "--conf", "spark.x=1"', 'type a new argument (quotes, commas)'),
    ...typing(after('"name": "Model 12 for ', 1), '{{.tea', 'type a var that is not defined'),
    ...typing(after('{{.tea'), 'm}}', 'close the action'),
    ...typing(after('"actionOnFailure": "CONTINUE', 3), '_X', 'make an action bad'),
    ...deleting(after('"actionOnFailure": "CONTINUE', 3), 2, 'fix it again'),
    ...typing(after('"jar": "command-runner', 5), '\\\\q', 'a backslash in a string'),
    ...deleting(after('"jar": "command-runner', 5), 3, 'remove it'),
    ['remove a comma (broken JSON)', (t) => t.replace('"jar": "command-runner.jar",', '"jar": "command-runner.jar"')],
    ...typing(after('"name": "Model 200 '), 'abc', 'type while the JSON is broken'),
    ['put the comma back', (t) => t.replace('"jar": "command-runner.jar"\n', '"jar": "command-runner.jar",\n')],
    ...typing(after('"typ', 10), 'o', 'misspell a key'),
    ...deleting(after('"typ', 10), 1, 'fix the key'),
    ...typing(after('{{.runId}}{{else}}', 20), 'yy', 'type inside an else branch'),
    ...typing(after('"data": {'), '\n    ', 'whitespace before a key'),
    ...typing(after('"region": "'), 'eu-', 'type before an action'),
    ...typing(after('{{.region}}'), '-1', 'type right after an action'),
    ...typing(after('"--run", ', 3), ' ', 'a space before a string'),
    ...typing(after('"Model 250 for {{.env'), 'x', 'type inside an action'),
    ...typing(after('"Model 251 for {'), '{', 'open a second delimiter (template error)'),
    ...typing(after('"name": "Model 280 '), 'still broken', 'type while the template is broken'),
    ...deleting(after('"Model 251 for {'), 1, 'fix the template'),
    ...typing(after('"Model 9 '), '€😀 ünï', 'non-ASCII'),
  ];
  // Structure outside strings: a keystroke re-parses the object or array around it, or the whole file.
  const structural: [string, (t: string) => string][] = [
    ...typing(after('model_60.py"'), ', "--conf", "a{{.env}}b", 7', 'type arguments with quotes, commas and an action'),
    ...typing(
      after('"Model 61 for {{.env}}",'),
      '\n        "extra": [1, "two", {"k": 3, "m": [true]}],',
      'type a new field holding an array and an object',
    ),
    ...deleting(
      after(
        'model_62.py", "--run", "{{if .x}}{{.runId}}{{else}}b{{end}}", "--out", "s3://{{.bucket}}/out/run={{nowWithFormat `2006-01-02`}}/"',
      ),
      1,
      'delete a closing bracket',
    ),
    ...typing(after('"name": "Model 150'), ' x', 'type while a bracket is unclosed'),
    ...typing(
      after(
        'model_62.py", "--run", "{{if .x}}{{.runId}}{{else}}b{{end}}", "--out", "s3://{{.bucket}}/out/run={{nowWithFormat `2006-01-02`}}/"',
      ),
      ']',
      'put the bracket back',
    ),
    ...typing(
      after('model_63.py", "--run", "{{if .x}}{{.runId}}{{else}}b{{end}}", "--out", "s3://'),
      '"',
      'a quote before an action moves it out of the string',
    ),
    ...deleting(after('model_63.py", "--run", "{{if .x}}{{.runId}}{{else}}b{{end}}", "--out", "s3://'), 1, 'and back in'),
    ...typing(after('"name": "Model 64'), '\n', 'a line break ends a string'),
    ...deleting(after('"name": "Model 64'), 1, 'join the line again'),
    ...typing(after('"name": "Model 65'), '\\"', 'an escaped quote'),
    ...typing(after('"jar": "command-runner.jar"', 66), ' ,', 'a space and a stray comma'),
    ...deleting(after('"jar": "command-runner.jar" '), 1, 'remove the comma'),
    ...typing(after('"tags": [{ "key": "team", "value": "data" }'), ', {"key": "a",', 'an unfinished tag'),
    ...typing(after(', {"key": "a",'), ' "value": "b"}', 'finish the tag'),
  ];
  // Actions typed and deleted: a keystroke lexes and parses the part around it again (errors while
  // an action is half typed, with the file's line numbers), or scans the whole file.
  const actions: [string, (t: string) => string][] = [
    ...typing(after('"name": "Model 70'), ' {{nowWithFormat `2006` | printf "%s-%s" .env}}', 'type an action with a pipeline'),
    ...deleting(after('"name": "Model 70 {{nowWithFormat `2006` | printf "%s-%s" .env'), 2, 'delete its closing braces'),
    ...typing(after('"name": "Model 70 {{nowWithFormat `2006` | printf "%s-%s" .env'), '}}', 'close it again'),
    ...typing(after('"name": "Model 71'), ' {{/* a comment */}}{{$.region}}{{ $ }}', 'a comment, $.var and $'),
    ...typing(after('"name": "Model 272'), ' {{.runId | undefinedFunc}}', 'an undefined function late in the file'),
    ...deleting(after('"name": "Model 272 {{.runId'), 16, 'delete the function'),
    ...typing(after('"name": "Model 73'), ' {{if .x}}a{{end}}', 'type a control structure'),
    ...typing(after('"jar": "command-runner.jar",', 74), '\n        {{.extraKey}}', 'an action where a key stands'),
    ...typing(after('"actionOnFailure": ', 75), '{{.onFailure}}', 'an action where a value stands'),
    ...deleting(after('"Model 76 for {{.en'), 3, 'delete the end of an action'),
    ...typing(after('"Model 76 for {{.en'), 'v}}', 'and retype it'),
    ...typing(after('"Model 77 for {{.env}}'), '{', 'a brace after an action'),
    ...typing(after('"Model 78 for '), '}', 'a brace before an action'),
    ...typing(after('"Model 78 for '), '{', 'a brace before an action opens it early'),
    ...deleting(after('"Model 78 for '), 1, 'and back'),
  ];
  let text = PLAYBOOK;
  let reusedTrees = 0; // keystrokes whose tree was the previous one, shifted in place
  let splicedTrees = 0; // of the structural edits, those whose tree was the previous one with a part re-parsed
  let lastRoot: JsonNode | undefined;
  const initial = validateConfig(text, options);
  assert.deepEqual(
    initial.diagnostics.map((d) => d.code),
    ['emr-limit'],
    'the playbook starts clean (but for its 300 steps)',
  );
  same(
    initial,
    withoutCache(() => validateConfig(text, options)),
    'initial',
  );
  for (const [what, edit] of [...edits, ...structural, ...actions]) {
    const next = edit(text);
    assert.notEqual(next, text, `${what}: the edit changes the text`);
    text = next;
    const cached = validateConfig(text, options);
    const cold = withoutCache(() => validateConfig(text, options));
    same(cached, cold, what);
    if (cached.root && cached.root === lastRoot) {
      reusedTrees++;
      if (structural.some(([w]) => w === what)) splicedTrees++;
    }
    lastRoot = cached.root;
  }
  // The sequence must also prove something was checked: the errors it introduces do show up.
  const final = validateConfig(text, options).diagnostics.map((d) => d.code);
  assert.ok(final.includes('undefined-var'), `the undefined var is reported (${final.join(', ')})`);
  assert.ok(reusedTrees > 40, `the cache was used (${reusedTrees} trees reused)`);
  assert.ok(splicedTrees > structural.length / 2, `structural edits mostly re-parse a part (${splicedTrees} of ${structural.length})`);
});

test('two open documents of the same file name keep their own cache', () => {
  const options = (documentKey: string): ValidateOptions => ({
    expectedKind: 'playbook',
    vars: new Set(['env', 'bucket', 'runId', 'region', 'x']),
    fileName: 'playbook.json',
    documentKey,
  });
  const other = PLAYBOOK.replace('"Model 3 for', '"Other 3 for');
  const a1 = validateConfig(PLAYBOOK, options('file:///a/playbook.json'));
  validateConfig(other, options('file:///b/playbook.json'));
  const typed = PLAYBOOK.replace('"Model 5 for', '"Model 5x for');
  const a2 = validateConfig(typed, options('file:///a/playbook.json'));
  assert.equal(a2.root, a1.root, 'a keystroke in the first document reuses its tree');
  same(
    a2,
    withoutCache(() => validateConfig(typed, options('file:///a/playbook.json'))),
    'after switching documents',
  );
});
