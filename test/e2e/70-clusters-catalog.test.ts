// Scenario 70: the Clusters and Catalog views on the local AWS sandbox, in the real editor. The
// sandbox starts in-process and code-server gets its env.sh variables (as `npm start` does), so the
// views use the SDK's default chain with no settings. A user expands each view to a leaf, runs
// each context action once (open a step log, cancel a step, Save as cluster.json, terminate a
// cluster, Select top 100 into the grid, Copy DDL) and sees the three welcome states.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { EmrExplorer } from '../../src/core/clusters/emr';
import { stepLogTexts } from '../support/aws/emrService';
import { SANDBOX_KEYS, SANDBOX_REGION, startSandbox, type RunningSandbox } from '../support/aws/sandbox';
import { SANDBOX_NAMES } from '../support/aws/sandboxSeed';
import { openEngineWorkbench, startCodeServer, type CodeServer, type EngineWorkbench } from './support/engines-editor';
import { pickConnection } from './support/engines-ui';
import { activityBarItem, contextMenuAction, openContextMenu, readResultsGrid, resultsFrame, viewPane } from './support/vscode-page';
import { expandRow, treeRow } from './support/trees';

let sandbox: RunningSandbox;
let editor: CodeServer;
let wb: EngineWorkbench;
let workspace: string;
let sandboxDir: string;
let emr: EmrExplorer;

function envFromShell(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^export ([A-Z_]+)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2].replace(/^'(.*)'$/, '$1');
  }
  return env;
}

function writeSettings(settings: Record<string, unknown>): void {
  writeFileSync(path.join(workspace, '.vscode/settings.json'), JSON.stringify(settings, null, 2));
}

before(async () => {
  sandboxDir = mkdtempSync(path.join(os.tmpdir(), 'dw-e2e-sandbox-'));
  // Three consecutive ports (AWS services, S3, DynamoDB), away from `npm start`'s 4610.
  const basePort = 47000 + (process.pid % 600) * 3;
  sandbox = await startSandbox({ basePort, dir: sandboxDir, log: (l) => console.log(l) });
  emr = new EmrExplorer({
    region: SANDBOX_REGION,
    credentials: SANDBOX_KEYS,
    endpoints: { emr: sandbox.endpoints.aws, s3: sandbox.endpoints.s3 },
  });
  workspace = mkdtempSync(path.join(os.tmpdir(), 'dw-e2e-clusters-ws-'));
  mkdirSync(path.join(workspace, '.vscode'));
  writeSettings({});
  editor = await startCodeServer(workspace, {
    ...envFromShell(path.join(sandboxDir, 'env.sh')),
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_SESSION_TOKEN: '',
  });
  wb = await openEngineWorkbench(editor, workspace);
  await wb.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: editor.url });
  // Room for the trees: the lists are virtual, rows below the fold are not in the page.
  await wb.page.setViewportSize({ width: 1400, height: 2000 });
});

after(async () => {
  await wb?.close();
  if (editor) {
    const log = editor.log();
    if (log.includes('Error')) writeFileSync(path.join(process.cwd(), 'test-results/e2e-70-code-server.log'), log);
    await editor.stop();
  }
  emr?.dispose();
  await sandbox?.stop();
  for (const dir of [workspace, sandboxDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

async function collapse(pane: Locator, label: string): Promise<void> {
  const r = treeRow(pane, label);
  if ((await r.getAttribute('aria-expanded')) === 'true') await r.click();
}

async function openPane(page: Page, title: string, others: string[]): Promise<Locator> {
  for (const other of others) {
    const header = viewPane(page, other).locator('> .pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }
  const pane = viewPane(page, title);
  await pane.waitFor({ timeout: 60_000 });
  const header = pane.locator('> .pane-header');
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  return pane;
}

async function answerFilter(page: Page, text: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  await input.fill(text);
  await input.press('Enter');
}

async function clipboard(page: Page, want: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
    if (want.test(text) || Date.now() > deadline) return text;
    await page.waitForTimeout(250);
  }
}

async function clusterState(id: string): Promise<string> {
  return (await emr.describeCluster(id)).state;
}

test(
  'Clusters: EMR to a step log, cancel a step, Save as cluster.json, terminate; Redshift to a column and Select top 100',
  { timeout: 600_000 },
  async () => {
    const { page } = wb;
    await activityBarItem(page).click();
    const pane = await openPane(page, 'Clusters', ['Manifests', 'Catalog']);
    const models = sandbox.estate.emr.clusters;
    const modelsCluster = [...models.values()].find((c) => c.name === SANDBOX_NAMES.modelsCluster)!;
    const adhoc = [...models.values()].find((c) => c.name === SANDBOX_NAMES.adhocCluster)!;

    // Active clusters are listed at once (the target and EMR start expanded); terminated on demand.
    await treeRow(pane, SANDBOX_NAMES.modelsCluster).waitFor({ timeout: 120_000 });
    await treeRow(pane, SANDBOX_NAMES.adhocCluster).waitFor();
    assert.equal(
      await treeRow(pane, SANDBOX_NAMES.oldCluster).count(),
      0,
      'a terminated cluster shows before "Terminated clusters" is expanded',
    );
    await expandRow(pane, 'Terminated clusters');
    await treeRow(pane, SANDBOX_NAMES.oldCluster).waitFor({ timeout: 60_000 });
    await collapse(pane, 'Terminated clusters');

    // Details and steps, newest first, with state and duration.
    await expandRow(pane, SANDBOX_NAMES.modelsCluster);
    await treeRow(pane, 'Release').waitFor({ timeout: 60_000 });
    assert.match(await treeRow(pane, 'Release').innerText(), /emr-6\.15\.0/);
    await expandRow(pane, 'Steps');
    const completed = modelsCluster.steps.find((s) => s.name === 'Enrich batch 2024-06-02')!;
    await treeRow(pane, completed.name).waitFor({ timeout: 60_000 });
    const stepRows = await pane.locator('.monaco-list-row .label-name').allInnerTexts();
    assert.ok(
      stepRows.indexOf('Build web model') < stepRows.indexOf('Enrich batch 2024-06-01'),
      `steps are not newest first: ${stepRows.join(' | ')}`,
    );
    assert.match(await treeRow(pane, 'Shred batch 2024-06-01').innerText(), /FAILED/);
    await wb.shot('70-clusters-steps');

    // Open a step log: its stdout, read-only, with what EMR wrote to S3.
    await expandRow(pane, completed.name);
    await treeRow(pane, 'stdout').click();
    await page.locator('.tabs-container .tab.active[aria-label*="stdout.log"]').waitFor({ timeout: 60_000 });
    const expectedLog = stepLogTexts(modelsCluster, completed).stdout.trim();
    await page.locator('.editor-instance .view-lines', { hasText: expectedLog }).first().waitFor({ timeout: 30_000 });
    await collapse(pane, completed.name);

    // Cancel a pending step: the menu offers it only on cancellable steps.
    const pending = modelsCluster.steps.find((s) => s.name === 'Build web model')!;
    await openContextMenu(page, treeRow(pane, 'Shred batch 2024-06-01'));
    assert.equal(
      await page.locator('.context-view .action-label', { hasText: 'Cancel Step' }).count(),
      0,
      'Cancel Step offered on a failed step',
    );
    await page.keyboard.press('Escape');
    // A polled refresh can re-render the rows while the menu opens (the menu then closes without
    // running): try the menu again once, and say so.
    let stepState = '';
    for (let attempt = 1; attempt <= 2 && !/^CANCEL/.test(stepState); attempt++) {
      if (attempt > 1) {
        console.log(`Cancel Step: the step is still ${stepState} after the first menu click; trying the menu again`);
        await wb.shot('70-cancel-first-attempt');
        await page.keyboard.press('Escape');
      }
      await contextMenuAction(page, treeRow(pane, 'Build web model'), 'Cancel Step');
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        stepState = (await emr.describeStep(modelsCluster.id, pending.id)).state;
        if (/^CANCEL/.test(stepState)) break;
        await page.waitForTimeout(250);
      }
    }
    assert.match(stepState, /^CANCEL/, 'the step was not cancelled in EMR');
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.monaco-list-row')].some(
          (r) => /Build web model/.test(r.textContent ?? '') && /CANCEL/.test(r.textContent ?? ''),
        ),
      undefined,
      { timeout: 30_000 },
    );

    // Save as cluster.json: the save dialog, then a Dataflow Runner ClusterConfig on disk.
    const clusterJson = path.join(workspace, 'cluster.json');
    await contextMenuAction(page, treeRow(pane, SANDBOX_NAMES.modelsCluster), 'Save as cluster.json');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      () => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value.endsWith('cluster.json'),
      undefined,
      { timeout: 15_000 },
    );
    await page.waitForTimeout(500);
    await input.fill(clusterJson);
    await input.press('Enter');
    const saveDeadline = Date.now() + 30_000;
    while (!existsSync(clusterJson) && Date.now() < saveDeadline) await page.waitForTimeout(250);
    const saved = JSON.parse(readFileSync(clusterJson, 'utf8')) as { schema: string; data: { name: string } };
    assert.match(saved.schema, /ClusterConfig/);
    assert.equal(saved.data.name, SANDBOX_NAMES.modelsCluster);
    await collapse(pane, SANDBOX_NAMES.modelsCluster);

    // Terminate a cluster: a modal confirmation that names it.
    await contextMenuAction(page, treeRow(pane, SANDBOX_NAMES.adhocCluster), 'Terminate Cluster');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    assert.match(await dialog.innerText(), new RegExp(`${SANDBOX_NAMES.adhocCluster}.*${adhoc.id}`));
    await dialog.locator('.monaco-button', { hasText: /^Terminate$/ }).click();
    const termDeadline = Date.now() + 30_000;
    let state = '';
    while (Date.now() < termDeadline && !/^TERMINAT/.test(state)) {
      state = await clusterState(adhoc.id);
      await page.waitForTimeout(250);
    }
    assert.match(state, /^TERMINAT/, 'the cluster was not terminated in EMR');
    await wb.shot('70-clusters-emr-actions');

    // Redshift: cluster → database → schema → table → column, then Select top 100 into the grid.
    await collapse(pane, 'EMR');
    await expandRow(pane, SANDBOX_NAMES.redshiftCluster);
    const database = sandbox.estate.redshiftDatabase!;
    await expandRow(pane, database);
    await expandRow(pane, 'atomic');
    await expandRow(pane, 'events');
    await treeRow(pane, 'event_id').waitFor({ timeout: 60_000 });
    await contextMenuAction(page, treeRow(pane, 'events'), 'Select Top 100');
    const create = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Create Connection$/ });
    await create.waitFor({ timeout: 30_000 });
    await create.click();
    const results = resultsFrame(page);
    await results.locator('#row-count', { hasText: /^\s*100\s*$/ }).waitFor({ timeout: 120_000 });
    const grid = await readResultsGrid(results);
    assert.equal(grid.rows.length, 100, `Select top 100 showed ${grid.rows.length} rows`);
    assert.ok(grid.columns.includes('event_id'), `grid columns: ${grid.columns.join(', ')}`);
    await wb.shot('70-clusters-select-top');
  },
);

test(
  'Catalog: the local atomic.events to a column; Glue to a partition key, partitions, table details and Copy DDL',
  { timeout: 300_000 },
  async () => {
    const { page } = wb;
    const pane = await openPane(page, 'Catalog', ['Clusters', 'Manifests']);
    // The Select top 100 above made the Redshift connection active: the catalog follows it back.
    await page.keyboard.press('Escape');
    await pickConnection(page, 'Local (DuckDB)');
    await treeRow(pane, 'Local (DuckDB)').waitFor({ timeout: 120_000 });
    await expandRow(pane, 'atomic');
    await contextMenuAction(page, treeRow(pane, 'events'), 'Filter by Name');
    await answerFilter(page, 'event_id');
    await expandRow(pane, 'events');
    await treeRow(pane, 'event_id').waitFor({ timeout: 60_000 });
    await collapse(pane, 'Local (DuckDB)');

    const glueLabel = /^Glue Data Catalog/;
    const glue = pane
      .locator('.monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: glueLabel }) })
      .first();
    await glue.waitFor({ timeout: 60_000 });
    if ((await glue.getAttribute('aria-expanded')) === 'false') await glue.click();
    await expandRow(pane, SANDBOX_NAMES.glueDatabase);
    const table = treeRow(pane, SANDBOX_NAMES.eventsTable);
    await table.waitFor({ timeout: 60_000 });
    await contextMenuAction(page, table, 'Filter by Name');
    await answerFilter(page, 'run');
    await expandRow(pane, SANDBOX_NAMES.eventsTable);
    await treeRow(pane, 'run').waitFor({ timeout: 60_000 });
    assert.match(await treeRow(pane, 'run').innerText(), /partition key/);
    await expandRow(pane, 'Partitions');
    // The list is virtual: End focuses its last row (Load more) and brings it into the page.
    await treeRow(pane, 'Partitions').click();
    await expandRow(pane, 'Partitions');
    await page.keyboard.press('End');
    await pane.locator('.monaco-list-row', { hasText: 'Load more' }).first().waitFor({ timeout: 60_000 });
    const partitions = await pane.locator('.monaco-list-row .label-name', { hasText: /^run=/ }).count();
    assert.ok(partitions > 0 && partitions <= 100, `${partitions} partitions on the first page`);

    // Table details: a read-only Markdown document with the location and the partition keys.
    await contextMenuAction(page, table, 'Show Table Details');
    await page.locator('.tabs-container .tab.active[aria-label*="events.md"]').waitFor({ timeout: 60_000 });
    await page.locator('.editor-instance .view-lines', { hasText: 's3://' }).first().waitFor({ timeout: 30_000 });

    await contextMenuAction(page, table, 'Copy DDL');
    const ddl = await clipboard(page, /CREATE EXTERNAL TABLE/);
    assert.match(ddl, /^CREATE EXTERNAL TABLE `atomic`\.`events`/);
    assert.match(ddl, /PARTITIONED BY[\s\S]*`run`/);
    await wb.shot('70-catalog');
  },
);

test('welcome states: no credentials, access denied, empty', { timeout: 300_000 }, async () => {
  const { page } = wb;
  const pane = await openPane(page, 'Clusters', ['Manifests', 'Catalog']);
  const welcome = pane.locator('.welcome-view-content');
  const refresh = async (): Promise<void> => {
    await pane.locator('> .pane-header').hover();
    await pane.locator('> .pane-header .action-label[aria-label="Refresh"]').click();
  };

  // A profile with no credentials anywhere.
  writeSettings({ 'dataWorkbench.aws.targets': [{ profile: 'dw-e2e-missing', region: 'us-east-1' }] });
  await welcome.filter({ hasText: 'No AWS credentials' }).waitFor({ timeout: 60_000 });
  assert.equal(await pane.locator('.monaco-list-row').count(), 0);
  await wb.shot('70-welcome-no-credentials');

  // The sandbox's keys lose every permission.
  writeSettings({});
  sandbox.estate.server.deniedAccessKeys.add(SANDBOX_KEYS.accessKeyId);
  try {
    await refresh();
    await welcome.filter({ hasText: 'Access denied' }).waitFor({ timeout: 60_000 });
    await wb.shot('70-welcome-access-denied');
  } finally {
    sandbox.estate.server.deniedAccessKeys.delete(SANDBOX_KEYS.accessKeyId);
  }

  // An account with nothing in it.
  const emrClusters = new Map(sandbox.estate.emr.clusters);
  const redshift = [...sandbox.estate.redshift.clusters];
  const workgroups = [...sandbox.estate.redshift.workgroups];
  sandbox.estate.emr.clusters.clear();
  sandbox.estate.redshift.clusters.length = 0;
  sandbox.estate.redshift.workgroups.length = 0;
  try {
    await refresh();
    await welcome.filter({ hasText: 'No active EMR clusters' }).waitFor({ timeout: 60_000 });
    await wb.shot('70-welcome-empty');
  } finally {
    for (const [k, v] of emrClusters) sandbox.estate.emr.clusters.set(k, v);
    sandbox.estate.redshift.clusters.push(...redshift);
    sandbox.estate.redshift.workgroups.push(...workgroups);
  }
  // And back: the tree again.
  await refresh();
  await treeRow(pane, SANDBOX_NAMES.modelsCluster).waitFor({ timeout: 60_000 });
});
