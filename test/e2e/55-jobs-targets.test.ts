// Scenario 55: the ways into job submission other than a playbook's CodeLens, in the real editor on
// a local AWS sandbox of its own (started here, with code-server given its AWS environment):
// 1. Clusters view → "Submit Playbook Steps Here…" on the WAITING cluster → Job Submission targets
//    it → the steps appear under that cluster in the Clusters view and in the Step Monitor.
// 2. "Submit Current PySpark File as a Step": the open .py lands in S3 and a spark-submit step on the cluster.
// 3. Manifests view → "Process with Playbook…" on a pending run fills the run id var (nothing submitted).
// 4. run-transient with cluster.json: RunJobFlow, steps watched to completion, the cluster terminates;
//    a second launch cancelled by the user terminates its cluster.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { Frame, Locator, Page } from 'playwright-core';
import { DATA_BUCKET } from '../support/aws/estate';
import { startSandbox, SANDBOX_PROFILE, SANDBOX_REGION, type RunningSandbox } from '../support/aws/sandbox';
import { SANDBOX_NAMES } from '../support/aws/sandboxSeed';
import { openEngineWorkbench, startCodeServer, type CodeServer, type EngineWorkbench } from './support/engines-editor';
import { activityBarItem, contextMenuAction, makeWorkspace, RESULTS_DIR, runCommand, viewPane } from './support/vscode-page';
import { expandRow, freeSandboxBasePort, treeRow } from './support/trees';

const PYSPARK_FILE = 'geo_report.py';
const PYSPARK_TEXT = '# Page views per geo, submitted from the editor\nprint("geo report")\n';

let sandbox: RunningSandbox;
let editor: CodeServer;
let wb: EngineWorkbench;
let scratch: string;
let workspace: string;

before(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'dw-e2e-jobs-targets-'));
  sandbox = await startSandbox({ basePort: await freeSandboxBasePort(5700, 6600), dir: path.join(scratch, 'sandbox') });
  workspace = makeWorkspace({ [`jobs/${PYSPARK_FILE}`]: PYSPARK_TEXT });
  // What scripts/lib/sandbox.sh exports for `npm start`: only the sandbox's config and dummy keys.
  editor = await startCodeServer(workspace, {
    AWS_CONFIG_FILE: path.join(sandbox.dir, 'aws/config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(sandbox.dir, 'aws/credentials'),
    AWS_PROFILE: SANDBOX_PROFILE,
    AWS_REGION: SANDBOX_REGION,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
  });
  wb = await openEngineWorkbench(editor, workspace);
  // Room for the trees: the lists are virtual, rows below the fold are not in the page.
  await wb.page.setViewportSize({ width: 1400, height: 1600 });
});

after(async () => {
  await wb?.page.screenshot({ path: path.join(RESULTS_DIR, 'e2e-jobs-targets-last.png') }).catch(() => {});
  await wb?.close();
  await editor?.stop();
  await sandbox?.stop();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const shot = (step: string): Promise<unknown> =>
  wb.page.screenshot({ path: path.join(RESULTS_DIR, `e2e-jobs-targets-${step}.png`) }).catch(() => undefined);

/** Opens one view of the container with the others collapsed. */
async function openPane(page: Page, title: string): Promise<Locator> {
  if (!(await page.locator('.sidebar .composite.title', { hasText: /data workbench/i }).isVisible())) await activityBarItem(page).click();
  for (const other of ['Clusters', 'Manifests', 'Catalog'].filter((t) => t !== title)) {
    const header = viewPane(page, other).locator('> .pane-header');
    if ((await header.getAttribute('aria-expanded').catch(() => null)) === 'true') await header.click();
  }
  const pane = viewPane(page, title);
  await pane.waitFor({ timeout: 60_000 });
  const header = pane.locator('> .pane-header');
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  return pane;
}

/** Picks the Quick Pick row labelled exactly `label` (typed into the filter first). */
async function quickPick(page: Page, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 30_000 });
  await input.fill(label);
  const pick = treeRow(page.locator('.quick-input-list'), label);
  await pick.waitFor({ timeout: 30_000 });
  await pick.click();
}

/** A context action that asks for a playbook: a tree redraw can close the menu without running
 * the action (no Quick Pick follows), so the menu is tried once more, and that is said. */
async function menuThenPick(page: Page, target: Locator, action: string, playbook: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await contextMenuAction(page, target, action);
    if (
      await page
        .locator('.quick-input-widget input')
        .waitFor({ timeout: 15_000 })
        .then(
          () => true,
          () => false,
        )
    )
      break;
    if (attempt === 2) throw new Error(`"${action}" showed no playbook picker`);
    console.log(`"${action}": no playbook picker after the menu click; trying the menu again`);
    await shot(`menu-${attempt}`);
  }
  await quickPick(page, playbook);
}

/** Answers an input box (waits until it shows `prompt`, so an earlier box is not typed into). */
async function answerInput(page: Page, prompt: RegExp, text: string): Promise<void> {
  const widget = page.locator('.quick-input-widget', { hasText: prompt });
  await widget.waitFor({ timeout: 30_000 });
  const input = widget.locator('input');
  await input.fill(text);
  await input.press('Enter');
}

/** A webview's document, found by its page title (`JobSubmission`, `StepMonitor`). */
async function webview(page: Page, title: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const f of page.frames()) {
      if (!f.isDetached() && (await f.title().catch(() => '')) === title) return f;
    }
    if (Date.now() > deadline) throw new Error(`no ${title} webview within ${timeoutMs} ms`);
    await page.waitForTimeout(250);
  }
}

type MonitorRow = { id: string; name: string; target: string; state: string; mine: boolean };

/** Polls the Step Monitor's rows until `ok` (the panel's frame is looked up again if it was replaced). */
async function waitForRows(page: Page, ok: (rows: MonitorRow[]) => boolean, timeoutMs = 120_000): Promise<MonitorRow[]> {
  const deadline = Date.now() + timeoutMs;
  let rows: MonitorRow[] = [];
  for (;;) {
    const monitor = await webview(page, 'StepMonitor').catch(() => undefined);
    rows = monitor
      ? await monitor
          .locator('#rows tr')
          .evaluateAll((trs) =>
            trs.map((r) => ({
              id: (r.getAttribute('data-key') ?? '').split('/').pop() ?? '',
              name: r.querySelector('.name')?.textContent ?? '',
              target: r.querySelector('.target')?.textContent ?? '',
              state: r.getAttribute('data-state') ?? '',
              mine: r.classList.contains('mine'),
            })),
          )
          .catch(() => [])
      : [];
    if (ok(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`monitor rows not as expected: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The sandbox's EMR cluster named `name` (its state brought up to now). */
function emrCluster(name: string) {
  sandbox.estate.emr.advance();
  const c = [...sandbox.estate.emr.clusters.values()].filter((x) => x.name === name).sort((a, b) => b.created - a.created)[0];
  assert.ok(c, `no sandbox cluster "${name}"`);
  return c;
}

async function until<T>(what: string, read: () => T | undefined | Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function closeEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  await page
    .locator('.tabs-container .tab')
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => undefined);
}

test(
  'Clusters view: "Submit Playbook Steps Here…" targets that cluster; the steps appear under it and in the monitor',
  { timeout: 300_000 },
  async () => {
    const { page } = wb;
    const cluster = emrCluster(SANDBOX_NAMES.adhocCluster);
    assert.equal(cluster.state, 'WAITING');
    const before = cluster.steps.length;
    const pane = await openPane(page, 'Clusters');
    await treeRow(pane, SANDBOX_NAMES.adhocCluster).waitFor({ timeout: 120_000 });
    await menuThenPick(page, treeRow(pane, SANDBOX_NAMES.adhocCluster), 'Submit Playbook Steps Here…', 'local-playbook.json');

    const panel = await webview(page, 'JobSubmission');
    await panel.locator('#title:text-is("Submit steps: local-playbook.json")').waitFor({ timeout: 60_000 });
    assert.equal(await panel.locator('#target').inputValue(), 'cluster');
    assert.equal(await panel.locator('#cluster-id').inputValue(), cluster.id);
    await panel.locator('body[data-preview="ok"]').waitFor({ timeout: 60_000 });
    const dryRun = JSON.parse((await panel.locator('#dry-run').textContent()) ?? '{}') as {
      operation: string;
      request: { JobFlowId: string; Steps: unknown[] };
    };
    assert.equal(dryRun.operation, 'AddJobFlowSteps');
    assert.equal(dryRun.request.JobFlowId, cluster.id);
    await shot('1-cluster-target');
    await panel.locator('#submit').click();
    await panel.locator('body[data-submit="done"]').waitFor({ timeout: 60_000 });

    // EMR has them, once, after the cluster's earlier steps.
    const added = emrCluster(SANDBOX_NAMES.adhocCluster).steps.slice(before);
    assert.deepEqual(
      added.map((s) => s.name),
      ['Page views per country', 'Check the page view file'],
    );
    // The monitor watches them to the end (the sandbox runs them for real).
    const rows = await waitForRows(
      page,
      (r) =>
        r.filter((x) => x.mine && x.target === cluster.id).length === 2 &&
        r.filter((x) => x.mine && x.target === cluster.id).every((x) => x.state === 'COMPLETED'),
    );
    assert.deepEqual(
      rows
        .filter((x) => x.mine && x.target === cluster.id)
        .map((x) => x.name)
        .sort(),
      ['Check the page view file', 'Page views per country'],
    );

    // And the Clusters view lists them under that cluster.
    await openPane(page, 'Clusters');
    await expandRow(pane, SANDBOX_NAMES.adhocCluster);
    await expandRow(pane, 'Steps');
    for (const name of ['Page views per country', 'Check the page view file']) {
      await page.waitForFunction(
        (n) =>
          [...document.querySelectorAll('.monaco-list-row')].some(
            (r) => r.querySelector('.label-name')?.textContent === n && /COMPLETED/.test(r.textContent ?? ''),
          ),
        name,
        { timeout: 60_000 },
      );
    }
    await shot('2-cluster-steps');
    await treeRow(pane, SANDBOX_NAMES.adhocCluster).locator('.label-name').first().click();
  },
);

test(
  '"Submit Current PySpark File as a Step": the file is uploaded to the S3 prefix and a spark-submit step is added',
  { timeout: 300_000 },
  async () => {
    const { page } = wb;
    await closeEditors(page);
    const cluster = emrCluster(SANDBOX_NAMES.adhocCluster);
    const before = cluster.steps.length;
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`jobs/${PYSPARK_FILE}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: PYSPARK_FILE }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator(`.tabs-container .tab.active[aria-label^="${PYSPARK_FILE}"]`).waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();

    await runCommand(page, 'Data Workbench: Submit Current PySpark File as a Step');
    // The prefix is a machine setting, unset here: the command asks for it.
    const prefix = `s3://${DATA_BUCKET}/uploads/pyspark/`;
    await answerInput(page, /S3 prefix/, prefix);
    await quickPick(page, SANDBOX_NAMES.adhocCluster);
    await answerInput(page, /Arguments after the script/, '--day 2024-06-03 --label "page views"');

    const uri = `${prefix}${PYSPARK_FILE}`;
    const step = await until('the spark-submit step on the cluster', () =>
      emrCluster(SANDBOX_NAMES.adhocCluster)
        .steps.slice(before)
        .find((s) => s.args.includes(uri)),
    );
    assert.equal(step.jar, 'command-runner.jar');
    assert.deepEqual(step.args, ['spark-submit', '--deploy-mode', 'cluster', uri, '--day', '2024-06-03', '--label', 'page views']);
    assert.equal(emrCluster(SANDBOX_NAMES.adhocCluster).steps.length, before + 1, 'one step added');
    const object = await sandbox.estate.s3.client.send(
      new GetObjectCommand({ Bucket: DATA_BUCKET, Key: `uploads/pyspark/${PYSPARK_FILE}` }),
    );
    assert.equal(await object.Body?.transformToString(), PYSPARK_TEXT);
    // The monitor shows it (the sandbox has no spark-submit, so it ends FAILED, saying why).
    await waitForRows(page, (r) => r.some((x) => x.mine && x.id === step.id && ['FAILED', 'COMPLETED'].includes(x.state)));
    await shot('3-pyspark-step');
  },
);

test(
  'Manifests view: "Process with Playbook…" on a pending run opens Job Submission with its run id filled',
  { timeout: 300_000 },
  async () => {
    const { page } = wb;
    await closeEditors(page);
    const pane = await openPane(page, 'Manifests');
    await expandRow(pane, 'Enriched archive (sandbox)');
    await expandRow(pane, 'Pending');
    const pendingRuns = pane.locator('.monaco-list-row[aria-level="3"]');
    await pendingRuns.first().waitFor({ timeout: 60_000 });
    const run = ((await pendingRuns.first().locator('.label-name').textContent()) ?? '').trim();
    const stamp = /^run=(\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})$/.exec(run)?.[1];
    assert.ok(stamp, `a pending run folder: ${run}`);
    await menuThenPick(page, treeRow(pane, run), 'Process with Playbook…', 'playbook.json');

    const panel = await webview(page, 'JobSubmission');
    await panel.locator('#title:text-is("Submit steps: playbook.json")').waitFor({ timeout: 60_000 });
    assert.equal(await panel.locator('#vars input[data-var="runId"]').inputValue(), stamp);
    // The rendered steps read the run's folder.
    await panel
      .locator('#steps > li .args li', { hasText: `run=${stamp}/` })
      .first()
      .waitFor({ timeout: 60_000 });
    await shot('4-process-with-playbook');
  },
);

test(
  'run-transient with cluster.json: the cluster runs the steps and terminates; a user cancel terminates the next one',
  { timeout: 300_000 },
  async () => {
    const { page } = wb;
    await closeEditors(page);
    await openExactFile(page, 'local-playbook.json');
    await runCommand(page, 'Data Workbench: Submit Steps…');
    const panel = await webview(page, 'JobSubmission');
    await panel.locator('#title:text-is("Submit steps: local-playbook.json")').waitFor({ timeout: 60_000 });
    await panel.locator('#target').selectOption('transient');
    await panel.locator('#cluster-file').selectOption('cluster.json');
    // The preview follows the target change after a moment: wait for the RunJobFlow request.
    const dryRun = await until(
      'the RunJobFlow dry run',
      async () => {
        if ((await panel.locator('body').getAttribute('data-preview')) !== 'ok') return undefined;
        const shown = JSON.parse((await panel.locator('#dry-run').textContent()) || '{}') as {
          operation?: string;
          request: { Name: string; Instances: { KeepJobFlowAliveWhenNoSteps: boolean }; Steps: { Name: string }[] };
        };
        return shown.operation === 'RunJobFlow' ? shown : undefined;
      },
      60_000,
    );
    assert.equal(dryRun.request.Instances.KeepJobFlowAliveWhenNoSteps, false);
    assert.deepEqual(
      dryRun.request.Steps.map((s) => s.Name),
      ['Page views per country', 'Check the page view file'],
    );
    await shot('5-transient-dry-run');
    // Earlier steps' notifications would push this run's out of the (virtual) notification list.
    await runCommand(page, 'Notifications: Clear All Notifications');
    await panel.locator('#submit').click();
    await panel.locator('body[data-submit="done"]').waitFor({ timeout: 60_000 });
    const clusterId = /cluster (j-[A-Z0-9]+)/.exec((await panel.locator('#status').textContent()) ?? '')?.[1];
    assert.ok(clusterId, 'the panel names the launched cluster');
    const launched = sandbox.estate.emr.clusters.get(clusterId);
    assert.ok(launched, 'RunJobFlow reached the sandbox');
    assert.equal(launched.keepAlive, false);

    // Watched to the end: both steps COMPLETED in the monitor, the cluster ends by itself.
    const rows = await waitForRows(
      page,
      (r) =>
        r.filter((x) => x.target === clusterId).length === 2 &&
        r.filter((x) => x.target === clusterId).every((x) => x.state === 'COMPLETED'),
    );
    assert.deepEqual(
      rows
        .filter((x) => x.target === clusterId)
        .map((x) => x.name)
        .sort(),
      ['Check the page view file', 'Page views per country'],
    );
    await until(
      'the transient cluster terminated',
      () => (sandbox.estate.emr.advance(), launched.state === 'TERMINATED' ? true : undefined),
    );
    assert.equal(launched.stateReason?.Code, 'ALL_STEPS_COMPLETED');
    await notification(page, `Transient EMR run completed successfully (cluster ${clusterId} TERMINATED)`);
    await shot('6-transient-completed');

    // Launch again (asked first: the same run within the window), then cancel from the progress.
    // Bring the panel's tab to the front (the monitor now opens beside it, so this is only a guard).
    await page.locator('.tabs-container .tab[aria-label^="Submit: local-playbook.json"]').first().click();
    const again = await webview(page, 'JobSubmission');
    // This cluster takes its time to start, so the cancel surely comes before its steps end.
    sandbox.estate.emr.startupMs = 120_000;
    await again.locator('#submit').click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.locator('a.monaco-button, button', { hasText: 'Submit again' }).first().click();
    await again.locator('body[data-submit="done"]').waitFor({ timeout: 60_000 });
    // The progress shows as a toast, or in the notification center (where it stays).
    const toast = page.locator('.notification-list-item', { hasText: 'run-transient:' }).first();
    if (
      !(await toast.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => false,
      ))
    ) {
      await runCommand(page, 'Notifications: Show Notifications');
      await toast.waitFor({ timeout: 30_000 });
    }
    const secondId = /cluster (j-[A-Z0-9]+)/.exec((await again.locator('#status').textContent()) ?? '')?.[1];
    assert.ok(secondId && secondId !== clusterId, 'a second cluster was launched');
    await toast.hover();
    await toast.locator('.monaco-button', { hasText: 'Cancel' }).first().click();
    sandbox.estate.emr.startupMs = 2000;
    const second = sandbox.estate.emr.clusters.get(secondId)!;
    await until('the cancelled cluster terminated', () => (sandbox.estate.emr.advance(), second.state === 'TERMINATED' ? true : undefined));
    assert.equal(second.stateReason?.Code, 'USER_REQUEST');
    await notification(page, `Transient cluster ${secondId} terminated on your request.`);
    await shot('7-transient-cancelled');
  },
);

/** Quick Open on an exact file name (a plain search would take `local-playbook.json` for `playbook.json`). */
async function openExactFile(page: Page, file: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(file);
  await quickPick(page, file);
  await page.locator(`.tabs-container .tab.active[aria-label^="${file}"]`).waitFor({ timeout: 30_000 });
}

/** Waits for a notification with `text` (its toast may be gone: the center keeps it), then clears them all. */
async function notification(page: Page, text: string): Promise<void> {
  await runCommand(page, 'Notifications: Show Notifications');
  await page.locator('.notifications-center .notification-list-item', { hasText: text }).waitFor({ timeout: 60_000 });
  await runCommand(page, 'Notifications: Clear All Notifications');
}
