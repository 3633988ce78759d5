// The SQL snippets, expanded with their default placeholder values, run on the local engine, and
// every snippet file is well-formed with unique prefixes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LOCAL_CONNECTION } from '../../../src/core/connections/types';
import { collectRows, type Engine } from '../../../src/core/engines/engine';
import { createEngine } from '../../../src/core/engines/factory';
import { splitStatements } from '../../../src/core/sql/split';

const root = path.resolve(__dirname, '../../..');
type Snippets = Record<string, { prefix: string; description: string; body: string[] }>;
const load = (file: string): Snippets => JSON.parse(readFileSync(path.join(root, 'snippets', file), 'utf8'));

/** What VS Code inserts when the user accepts every default: `${1:x}` → x, `${1|a,b|}` → a. */
function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\\\/g, '\\');
}

describe('snippets', () => {
  let engine: Engine;
  before(async () => {
    engine = await createEngine(DEFAULT_LOCAL_CONNECTION);
    await engine.connect();
  });
  after(async () => {
    await engine?.dispose();
  });

  test('every contributed snippet file parses, with unique prefixes', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const prefixes: string[] = [];
    const files = new Set((pkg.contributes.snippets as { path: string }[]).map((c) => path.basename(c.path)));
    assert.deepEqual([...files].sort(), ['dataflow-runner.json', 'pyspark.json', 'sql.json']);
    for (const p of files) {
      for (const s of Object.values(load(p))) {
        assert.ok(s.prefix && s.description && s.body.length > 0);
        prefixes.push(s.prefix);
      }
    }
    assert.equal(new Set(prefixes).size, prefixes.length);
  });

  for (const [name, snippet] of Object.entries(load('sql.json'))) {
    test(`SQL snippet "${name}" runs on the sample with its defaults`, async () => {
      for (const s of splitStatements(expand(snippet.body))) {
        const rows = await collectRows(await engine.execute(s.text)).catch((e: Error) => assert.fail(`${name}: ${e.message}\n${s.text}`));
        assert.ok(Array.isArray(rows));
      }
    });
  }

  test('playbook step snippets expand to JSON Dataflow Runner accepts', () => {
    for (const [name, snippet] of Object.entries(load('dataflow-runner.json'))) {
      const value = JSON.parse(expand(snippet.body));
      const step = value.data ? undefined : value;
      if (step) {
        assert.equal(step.type, 'CUSTOM_JAR', name);
        assert.ok(['CANCEL_AND_WAIT', 'CONTINUE'].includes(step.actionOnFailure), name);
        assert.ok(step.jar && Array.isArray(step.arguments), name);
      } else {
        // Whole-file snippets: a playbook or a cluster config at the versions the runner's samples use, (test/unit/playbook validates their content).
        assert.match(
          value.schema,
          /^iglu:com\.snowplowanalytics\.dataflowrunner\/(PlaybookConfig\/avro\/1-0-1|ClusterConfig\/avro\/1-1-0)$/,
          name,
        );
      }
    }
  });
});
