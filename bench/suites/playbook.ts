// Playbook validation on every keystroke: p95 of validateConfig on a 300-step templated playbook
// (each run on a text that differs by one edit, as typing produces). Baseline: jsonc-parser's
// parseTree of the same text in the same run (the bare JSON parse every JSON editor does).
import { parseTree } from 'jsonc-parser';
import { validateConfig } from '../../src/core/playbook/validate';
import { meets, type BenchResult, type BenchSuite } from '../types';

const STEPS = 300;
const RUNS = 300;

function playbook(steps: number): string {
  const step = (i: number): string => `      {
        "type": "CUSTOM_JAR",
        "name": "Model ${i} for {{.env}}",
        "actionOnFailure": "${i % 2 ? 'CONTINUE' : 'CANCEL_AND_WAIT'}",
        "jar": "command-runner.jar",
        "arguments": ["spark-submit", "--deploy-mode", "cluster", "s3://{{.bucket}}/jobs/model_${i}.py", "--run", "{{.runId}}", "--out", "s3://{{.bucket}}/out/run={{nowWithFormat \`2006-01-02-15-04-05\`}}/"]
      }`;
  return `{
  "schema": "iglu:com.snowplowanalytics.dataflowrunner/PlaybookConfig/avro/1-0-1",
  "data": {
    "region": "{{.region}}",
    "credentials": { "accessKeyId": "env", "secretAccessKey": "env" },
    "steps": [
${Array.from({ length: steps }, (_, i) => step(i)).join(',\n')}
    ],
    "tags": [{ "key": "team", "value": "data" }]
  }
}
`;
}

const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.95 * xs.length))];

const suite: BenchSuite = async (ctx) => {
  const base = playbook(STEPS);
  const vars = new Set(['env', 'bucket', 'runId', 'region']);
  // One keystroke each: a different character in the first step's name.
  const texts = Array.from({ length: RUNS }, (_, i) => base.replace('"Model 0 ', `"Model ${String.fromCharCode(97 + (i % 26))} `));
  // 300 steps is over EMR's 256 active steps: that one diagnostic is expected, nothing else.
  const check = validateConfig(base, { expectedKind: 'playbook', vars }).diagnostics.filter((d) => d.code !== 'emr-limit');
  if (check.length) throw new Error(`benchmark playbook is not clean: ${check[0].message}`);
  for (let i = 0; i < 20; i++) validateConfig(texts[i], { expectedKind: 'playbook', vars }); // warm-up
  const ours: number[] = [];
  const parse: number[] = [];
  for (const text of texts) {
    let t0 = performance.now();
    validateConfig(text, { expectedKind: 'playbook', vars });
    ours.push(performance.now() - t0);
    t0 = performance.now();
    parseTree(text, []);
    parse.push(performance.now() - t0);
  }
  const value = p95(ours);
  const baseline = p95(parse);
  ctx.log(`${STEPS} steps, ${(base.length / 1024).toFixed(0)} KiB, ${RUNS} runs: validate p50 ${[...ours].sort((a, b) => a - b)[RUNS >> 1].toFixed(2)} ms, p95 ${value.toFixed(2)} ms; jsonc-parser parseTree p95 ${baseline.toFixed(2)} ms`);
  const results: BenchResult[] = [{ name: 'playbook_validate_p95_ms', value, unit: 'ms', baseline, target: '<=20', pass: meets(value, '<=20') }];
  return results;
};

export default suite;
