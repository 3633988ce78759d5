// The oracle runner's own test: a fixture corpus with a fake translator whose "translations" are
// hand-written PySpark (right, wrong, refused, crashing, writing to the wrong table ...), judged by
// the real oracle. Checks that each outcome is classified as the suite promises and that the exit
// code and closing lines are right, plus the behaviour when the oracle is not there.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const RUNNER = path.join(REPO, 'test', 'oracle', 'run.ts');
const SELFTEST = path.join(REPO, 'test', 'oracle', 'selftest');
const ORACLE = process.env.SQL2DF_ORACLE_DIR ?? path.resolve(REPO, '..', 'shared', 'tools', 'sql2df-oracle');

function runRunner(env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', RUNNER], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, CI: '', ...env },
    timeout: 240_000,
  });
  const lines = r.stdout.trimEnd().split('\n');
  return { status: r.status, lines, stderr: r.stderr };
}

describe('oracle runner', () => {
  test(
    'judges each kind of outcome, fails the run on corpus failures only, and ends with the summary line',
    { skip: !existsSync(path.join(ORACLE, 'check')) && 'oracle not present' },
    () => {
      const { status, lines, stderr } = runRunner({
        DW_ORACLE_CORPUS_DIR: path.join(SELFTEST, 'corpus'),
        DW_ORACLE_HELDOUT_DIR: path.join(SELFTEST, 'heldout'),
        DW_ORACLE_LIMITS_DIR: path.join(SELFTEST, 'oracle-limits'),
        DW_ORACLE_TRANSLATOR: path.join(SELFTEST, 'fake-translator.ts'),
      });
      const got = new Map<string, string>();
      for (const l of lines) {
        const m = /^(ok  |FAIL) (corpus|heldout|oracle-limits)\/(\S+)\s+(\S+)/.exec(l);
        if (m) got.set(m[3]!, `${m[1]!.trim()} ${m[4]}`);
      }
      const expected: Record<string, string> = {
        s01_equivalent_ok: 'ok EQUIVALENT',
        s02_equivalent_wrong: 'FAIL DIFFERENT',
        s03_equivalent_refused: 'FAIL REJECTED',
        s04_reject_refused: 'ok REJECTED',
        s05_reject_translated: 'FAIL SHOULD_REJECT',
        s06_ctas_ok: 'ok EQUIVALENT',
        s07_insert_overwrites: 'FAIL WRITE_MISMATCH',
        s08_ctas_wrong_table: 'FAIL WRITE_MISMATCH',
        s09_translator_crash: 'FAIL TRANSLATOR_CRASH',
        s10_marked_oracle_unsupported: 'ok ORACLE_UNSUPPORTED',
        s11_candidate_error: 'FAIL CANDIDATE_ERROR',
        s12_broken_reference: 'FAIL ORACLE_ERROR',
        s13_insert_jdbc_ok: 'ok EQUIVALENT',
        h01_ok: 'ok EQUIVALENT',
        h02_wrong: 'FAIL DIFFERENT',
        l01_cast_int_to_text: 'ok EQUIVALENT',
        l02_misjudged: 'FAIL DIFFERENT',
      };
      assert.deepEqual(Object.fromEntries(got), expected, stderr);
      assert.equal(lines.at(-1), 'oracle: 5 passed, 8 failed');
      assert.ok(lines.includes('heldout: 1 passed, 1 failed'));
      // An oracle-limits query the oracle now judges right is reported as passed (time to move it back to
      // the corpus); a misjudged one is reported but does not count towards the gating line.
      assert.ok(lines.includes('oracle-limits: 1 passed, 1 failed'));
      assert.equal(status, 1);
    },
  );

  test(
    'an oracle-limits file without its oracle-defect line stops the run',
    { skip: !existsSync(path.join(ORACLE, 'check')) && 'oracle not present' },
    () => {
      const { status, lines } = runRunner({
        DW_ORACLE_CORPUS_DIR: path.join(SELFTEST, 'heldout'),
        DW_ORACLE_HELDOUT_DIR: path.join(SELFTEST, 'heldout'),
        DW_ORACLE_LIMITS_DIR: path.join(SELFTEST, 'corpus'),
        DW_ORACLE_TRANSLATOR: path.join(SELFTEST, 'fake-translator.ts'),
      });
      assert.match(lines.at(-1) ?? '', /^oracle: 0 passed, 1 failed \(runner error/);
      assert.notEqual(status, 0);
    },
  );

  test('a clone without the oracle says loudly that the suite did not run, and exits 0 outside CI', () => {
    const { status, lines } = runRunner({ SQL2DF_ORACLE_DIR: path.join(REPO, 'no-such-oracle') });
    assert.equal(lines.at(-1), 'ORACLE SUITE DID NOT RUN: ../shared/tools/sql2df-oracle not found');
    assert.equal(status, 0);
  });

  test('in CI a missing oracle fails the run', () => {
    const { status, lines } = runRunner({ SQL2DF_ORACLE_DIR: path.join(REPO, 'no-such-oracle'), CI: 'true' });
    assert.equal(lines.at(-1), 'ORACLE SUITE DID NOT RUN: ../shared/tools/sql2df-oracle not found');
    assert.notEqual(status, 0);
  });
});
