// Scenario 50: job submission from an open playbook in the real editor. e2e-needs: sandbox
// (run-e2e.sh starts the `npm start` AWS sandbox for this file, so the editor's AWS SDK sees only it).
// 1. local-playbook.json → "Submit steps…" → Local target → both steps COMPLETED in the Step
//    Monitor, and the first step's stdout log holds the script's real output.
// 2. playbook.json → the sandbox's WAITING cluster: the steps appear in the monitor (beside the
//    cluster's earlier steps); the s3-dist-cp step fails as not runnable, the rest are cancelled;
//    its stderr log (from the sandbox's S3) says why; submitting again asks first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { assertWebviewPolicy, codeLenses, openWorkbench, runCommand, type Workbench } from './support/vscode-page';

let wb: Workbench;

before(async () => {
  wb = await openWorkbench('jobs');
});
after(async () => {
  await wb?.close();
});

/** A webview's document, found by its page title (`JobSubmission`, `StepMonitor`). */
async function webview(page: Page, title: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A closed panel's frame may linger detached for a moment: skip it.
    for (const f of page.frames()) {
      if (!f.isDetached() && (await f.title().catch(() => '')) === title) return f;
    }
    if (Date.now() > deadline) throw new Error(`no ${title} webview within ${timeoutMs} ms`);
    await page.waitForTimeout(250);
  }
}

async function rowStates(monitor: Frame): Promise<{ name: string; target: string; state: string; mine: boolean; reason: string }[]> {
  return monitor.locator('#rows tr').evaluateAll((rows) =>
    rows.map((r) => ({
      name: r.querySelector('.name')?.textContent ?? '',
      target: r.querySelector('.target')?.textContent ?? '',
      state: r.getAttribute('data-state') ?? '',
      mine: r.classList.contains('mine'),
      reason: r.querySelector('.reason')?.textContent ?? '',
    })),
  );
}

/** Polls the Step Monitor's rows until `ok`; the panel's frame is looked up again if it was replaced. */
async function waitForRows(
  page: Page,
  ok: (rows: Awaited<ReturnType<typeof rowStates>>) => boolean,
  timeoutMs = 120_000,
): Promise<Awaited<ReturnType<typeof rowStates>>> {
  const deadline = Date.now() + timeoutMs;
  let rows: Awaited<ReturnType<typeof rowStates>> = [];
  for (;;) {
    rows = await rowStates(await webview(page, 'StepMonitor')).catch(() => []);
    if (ok(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`monitor rows not as expected: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Waits until some editor shows `text` (the log opens in an untitled editor). */
async function editorShowing(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (t) =>
      [...document.querySelectorAll('.monaco-editor .view-lines')].some((e) =>
        (e as HTMLElement).innerText.replace(/\u00a0/g, ' ').includes(t),
      ),
    text,
    { timeout: 60_000 },
  );
}

/** Quick Open on an exact file name (openFile would take `local-playbook.json` for `playbook.json`). */
async function openExactFile(page: Page, file: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(file);
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${file.replace(/\./g, '\\.')}$`) }) })
    .first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
  await page.locator(`.tabs-container .tab.active[aria-label^="${file}"]`).waitFor({ timeout: 30_000 });
}

async function openSubmission(page: Page, file: string): Promise<Frame> {
  await openExactFile(page, file);
  const [lens] = await codeLenses(page, 'Submit steps…');
  await lens.click();
  const panel = await webview(page, 'JobSubmission');
  await panel.locator(`#title:text-is("Submit steps: ${file}")`).waitFor({ timeout: 60_000 });
  return panel;
}

test('local example playbook: submitted to the local target, watched to completion, stdout log opened', { timeout: 300_000 }, async () => {
  const { page } = wb;
  const panel = await openSubmission(page, 'local-playbook.json');
  await panel.locator('#target').selectOption('local');
  await panel.locator('body[data-preview="ok"]').waitFor({ timeout: 60_000 });
  assert.deepEqual(await panel.locator('#steps > li .name').allTextContents(), ['Page views per country', 'Check the page view file']);
  // The var from local-playbook.vars is rendered into the step's arguments.
  assert.ok((await panel.locator('#steps > li').first().locator('.args li').allTextContents()).join(' ').includes('--min-views 2'));
  assert.equal(await panel.locator('#steps .not-runnable').count(), 0);
  await wb.shot('1-local-preview');
  await panel.locator('#submit').click();
  await panel.locator('body[data-submit="done"]').waitFor({ timeout: 60_000 });

  const rows = await waitForRows(page, (r) => r.length === 2 && r.every((x) => x.state === 'COMPLETED'));
  assert.deepEqual(rows.map((r) => r.name).sort(), ['Check the page view file', 'Page views per country']);
  await wb.shot('2-local-completed');
  await (await webview(page, 'StepMonitor')).locator('#rows tr', { hasText: 'Page views per country' }).locator('.log-stdout').click();
  await editorShowing(page, '10 page views in 5 countries');
  await wb.shot('3-local-stdout');
});

test(
  "example playbook on the sandbox cluster: steps appear in the monitor, the failed one's log says why, a resubmit asks first",
  { timeout: 300_000 },
  async () => {
    const { page } = wb;
    const sandboxDir = process.env.DW_E2E_SANDBOX_DIR;
    assert.ok(sandboxDir, 'run through npm run test:e2e (it starts the sandbox for this file)');
    const sandbox = JSON.parse(readFileSync(path.join(sandboxDir, 'sandbox.json'), 'utf8')) as {
      clusters: { id: string; name: string; state: string; steps: { name: string }[] }[];
    };
    const cluster = sandbox.clusters.find((c) => c.state === 'WAITING');
    assert.ok(cluster, 'the sandbox seeds a WAITING cluster');

    // One editor only, so the CodeLens clicked is playbook.json's.
    await runCommand(page, 'View: Close All Editors');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 30_000 });
    const panel = await openSubmission(page, 'playbook.json');
    await panel.locator('#target').selectOption('cluster');
    await panel.locator('#list-clusters').click();
    await panel.locator(`#cluster-list option[value="${cluster.id}"]`).waitFor({ state: 'attached', timeout: 60_000 });
    await panel.locator('#cluster-list').selectOption(cluster.id);
    await panel.locator('body[data-preview="ok"]').waitFor({ timeout: 60_000 });
    const dryRun = JSON.parse((await panel.locator('#dry-run').textContent()) ?? '{}') as {
      operation: string;
      request: { JobFlowId: string; Steps: unknown[] };
    };
    assert.equal(dryRun.operation, 'AddJobFlowSteps');
    assert.equal(dryRun.request.JobFlowId, cluster.id);
    assert.equal(dryRun.request.Steps.length, 3);
    await wb.shot('4-cluster-dry-run');
    await panel.locator('#submit').click();
    await panel.locator('body[data-submit="done"]').waitFor({ timeout: 60_000 });

    const ours = (r: Awaited<ReturnType<typeof rowStates>>) => r.filter((x) => x.mine && x.target === cluster.id);
    const rows = await waitForRows(page, (r) => ours(r).length === 3 && ours(r).every((x) => ['FAILED', 'CANCELLED'].includes(x.state)));
    const mine = ours(rows);
    assert.deepEqual(mine.map((r) => `${r.name}:${r.state}`).sort(), [
      'Copy enriched events to HDFS:FAILED',
      'Page views per geo (Spark):CANCELLED',
      "Write the run's _SUCCESS marker:CANCELLED",
    ]);
    assert.match(mine.find((r) => r.state === 'FAILED')!.reason, /s3-dist-cp/);
    // The cluster's earlier steps (submitted elsewhere) are shown too.
    for (const s of cluster.steps)
      assert.ok(
        rows.some((r) => !r.mine && r.target === cluster.id && r.name === s.name),
        `missing earlier step ${s.name}`,
      );
    await wb.shot('5-cluster-steps');

    const monitor = await webview(page, 'StepMonitor');
    // Both job webviews carry the same enforced policy as the Results panel.
    await assertWebviewPolicy(monitor.locator('html'), 'stepMonitor');
    await assertWebviewPolicy((await webview(page, 'JobSubmission')).locator('html'), 'jobSubmission');
    await monitor.locator('#rows tr[data-state="FAILED"]', { hasText: 'Copy enriched events to HDFS' }).locator('.log-stderr').click();
    await editorShowing(page, 'Not runnable in the local sandbox: s3-dist-cp');
    // The log opened in the monitor's group: the Submission panel beside it stays in view.
    await page.locator('.tabs-container .tab.active[aria-label^="Submit: playbook.json"]').waitFor({ timeout: 10_000 });
    await wb.shot('6-failed-step-stderr');

    // Same steps, same cluster, within the window: the editor asks, and declining sends nothing.
    const again = await webview(page, 'JobSubmission');
    await again.locator('#submit').click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.innerText(), /were submitted to cluster/);
    await dialog.locator('a.monaco-button, button', { hasText: 'Cancel' }).first().click();
    await again.locator('body[data-submit="declined"]').waitFor({ timeout: 30_000 });
    // The log editor covered the monitor (its page is gone while hidden): bring it back and read.
    await page.waitForTimeout(3000);
    await runCommand(page, 'Data Workbench: Show Step Monitor');
    const after = await waitForRows(page, (r) => ours(r).length >= 3);
    assert.equal(ours(after).length, 3, 'the declined resubmission added no steps');
  },
);
