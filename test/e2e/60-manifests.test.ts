// Scenario 60: the Manifests view in the real editor on the local AWS sandbox, as `npm start`
// shows it (examples/.vscode/settings.json, profile dw-sandbox). A user expands the run manifest
// (pending / processed / orphaned with counts), marks the newest pending run processed and sees
// it move (and DynamoDB holds the mark), unmarks it (the mark is gone), opens the event manifest
// (item count, masked storage config) and the local SQL manifest (consumed / waiting, the
// incremental query). The sandbox and a code-server with its AWS environment are started here.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { Locator, Page } from 'playwright-core';
import { startSandbox, SANDBOX_KEYS, SANDBOX_PROFILE, SANDBOX_REGION, type RunningSandbox } from '../support/aws/sandbox';
import { openEngineWorkbench, startCodeServer, type CodeServer, type EngineWorkbench } from './support/engines-editor';
import { activityBarItem, contextMenuAction, makeWorkspace, RESULTS_DIR, runCommand, viewPane } from './support/vscode-page';
import { freeSandboxBasePort } from './support/trees';

const RUN_MANIFEST = 'Enriched archive (sandbox)';
const EVENT_MANIFEST = 'Event manifest (sandbox)';
const SQL_MANIFEST = 'Sample ETL manifest (local)';
const ARCHIVE_PREFIX = 'enriched/archive/';

let sandbox: RunningSandbox;
let editor: CodeServer;
let wb: EngineWorkbench;
let scratch: string;
let workspace: string;

before(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'dw-e2e-manifests-'));
  sandbox = await startSandbox({ basePort: await freeSandboxBasePort(4700, 5600), dir: path.join(scratch, 'sandbox') });
  workspace = makeWorkspace();
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
});

after(async () => {
  await wb?.page.screenshot({ path: path.join(RESULTS_DIR, 'e2e-manifests-last.png') }).catch(() => {});
  await wb?.close();
  await editor?.stop();
  await sandbox?.stop();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const shot = (step: string): Promise<unknown> =>
  wb.page.screenshot({ path: path.join(RESULTS_DIR, `e2e-manifests-${step}.png`) }).catch(() => undefined);

/** The tree row whose label is exactly `label`. */
function row(pane: Locator, label: string): Locator {
  return pane
    .locator('.monaco-list-row', {
      has: pane.page().locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
    })
    .first();
}

async function description(r: Locator): Promise<string> {
  return ((await r.locator('.label-description').first().textContent()) ?? '').trim();
}

async function waitDescription(r: Locator, want: RegExp, timeout = 60_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await description(r).catch(() => '');
    if (want.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`description ${JSON.stringify(text)} never matched ${want}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function expand(r: Locator): Promise<void> {
  await r.waitFor({ timeout: 60_000 });
  if ((await r.getAttribute('aria-expanded')) !== 'true') await r.locator('.label-name').first().click();
  await assertEventually(async () => (await r.getAttribute('aria-expanded')) === 'true', 'row expanded');
}

async function collapse(r: Locator): Promise<void> {
  if ((await r.getAttribute('aria-expanded')) === 'true') await r.locator('.label-name').first().click();
}

async function assertEventually(check: () => Promise<boolean>, what: string, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Runs a row's inline action (shown on hover), by its command title. */
async function inlineAction(r: Locator, title: string): Promise<void> {
  await r.hover();
  const action = r.locator(`.actions .action-label[aria-label="${title}"]`);
  await action.waitFor({ timeout: 10_000 });
  await action.click();
}

/** Waits for a notification with `text` (its toast may already be gone: the center keeps it), then clears them all. */
async function notification(page: Page, text: string): Promise<void> {
  await runCommand(page, 'Notifications: Show Notifications');
  await page.locator('.notifications-center .notification-list-item', { hasText: text }).waitFor({ timeout: 30_000 });
  await runCommand(page, 'Notifications: Clear All Notifications');
}

async function storedMark(runId: string): Promise<Record<string, { S?: string }> | undefined> {
  const dynamodb = new DynamoDBClient({ region: SANDBOX_REGION, endpoint: sandbox.endpoints.dynamodb, credentials: SANDBOX_KEYS });
  try {
    return (await dynamodb.send(new GetItemCommand({ TableName: 'dw-run-manifest', Key: { RunId: { S: runId } }, ConsistentRead: true })))
      .Item;
  } finally {
    dynamodb.destroy();
  }
}

/** A job marks a run the way the Snowplow SDKs do (RunId only), behind the editor's back. */
async function jobMarks(runId: string): Promise<void> {
  const dynamodb = new DynamoDBClient({ region: SANDBOX_REGION, endpoint: sandbox.endpoints.dynamodb, credentials: SANDBOX_KEYS });
  try {
    await dynamodb.send(new PutItemCommand({ TableName: 'dw-run-manifest', Item: { RunId: { S: runId } } }));
  } finally {
    dynamodb.destroy();
  }
}

async function manifestsPane(page: Page): Promise<Locator> {
  // Clicking the container's icon while it is open would close the side bar.
  if (!(await page.locator('.sidebar .composite.title', { hasText: /data workbench/i }).isVisible())) await activityBarItem(page).click();
  // Room for the Manifests tree: the other two views collapsed.
  for (const other of ['Clusters', 'Catalog']) {
    const header = viewPane(page, other).locator('> .pane-header');
    if ((await header.getAttribute('aria-expanded').catch(() => null)) === 'true') await header.click();
  }
  const pane = viewPane(page, 'Manifests');
  await pane.waitFor({ timeout: 30_000 });
  const header = pane.locator('> .pane-header');
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  // Each scenario starts from the roots (an earlier failure may have left long lists open).
  await header.hover();
  const collapseAll = header.locator('.action-label[aria-label="Collapse All"]');
  if (await collapseAll.isVisible().catch(() => false)) await collapseAll.click();
  return pane;
}

test('run manifests on the sandbox: expand, mark a pending run processed and see it move, unmark it', { timeout: 300_000 }, async () => {
  const { page } = wb;
  const pane = await manifestsPane(page);
  const root = row(pane, RUN_MANIFEST);
  await root.waitFor({ timeout: 90_000 });
  // The sandbox seeds 25 processed, 4 pending and 1 orphaned run (test/support/manifests/seed.ts).
  assert.equal(await waitDescription(root, /pending/), '4 pending · 25 processed · 1 orphaned');
  await expand(root);
  const pendingGroup = row(pane, 'Pending');
  const processedGroup = row(pane, 'Processed');
  await pendingGroup.waitFor();
  assert.equal(await description(pendingGroup), '4');
  assert.equal(await description(processedGroup), '25');
  assert.equal(await description(row(pane, 'Orphaned (folder gone)')), '1');
  await shot('1-groups');

  await expand(pendingGroup);
  const pendingRuns = pane.locator('.monaco-list-row[aria-level="3"]');
  await assertEventually(async () => (await pendingRuns.count()) === 4, 'four pending runs');
  const names = await pendingRuns.locator('.label-name').allTextContents();
  assert.deepEqual(names, [...names].sort().reverse(), 'newest first');
  const newest = names[0].trim();
  assert.match(newest, /^run=\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}$/);
  const runId = `${ARCHIVE_PREFIX}${newest}/`;
  assert.equal(await storedMark(runId), undefined, 'pending: not in the manifest');

  // Mark it processed with the inline action: a notification sums it up, it leaves Pending.
  await inlineAction(row(pane, newest), 'Mark Run Processed');
  await waitDescription(pendingGroup, /^3$/);
  await notification(page, 'Marked processed 1 run.');
  assert.equal(await waitDescription(processedGroup, /^26$/), '26');
  assert.equal(await waitDescription(root, /^3 pending/), '3 pending · 26 processed · 1 orphaned');
  const mark = await storedMark(runId);
  assert.ok(mark, 'DynamoDB holds the mark');
  assert.ok(mark.MarkedBy?.S && mark.MarkedAt?.S && mark.MarkId?.S, 'with who, when and the mark id');
  await collapse(pendingGroup);
  await expand(processedGroup);
  const moved = row(pane, newest);
  await moved.waitFor();
  assert.match(await description(moved), new RegExp(`^by ${mark.MarkedBy.S} \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$`));
  await shot('2-marked');

  // Unmark it: back to pending, and the item is gone from DynamoDB.
  await inlineAction(moved, 'Unmark Run (Back to Pending)');
  await waitDescription(processedGroup, /^25$/);
  await notification(page, 'Unmarked 1 run.');
  await waitDescription(pendingGroup, /^4$/);
  assert.equal(await storedMark(runId), undefined, 'the mark was deleted');
  await shot('3-unmarked');
  await collapse(processedGroup);
  await collapse(root);
});

test(
  'a run a job marked meanwhile is a conflict, not overwritten; a selection is marked and unmarked at once',
  { timeout: 300_000 },
  async () => {
    const { page } = wb;
    const pane = await manifestsPane(page);
    const root = row(pane, RUN_MANIFEST);
    await expand(root);
    const pendingGroup = row(pane, 'Pending');
    const processedGroup = row(pane, 'Processed');
    await waitDescription(pendingGroup, /^4$/);
    await expand(pendingGroup);
    const pendingRuns = pane.locator('.monaco-list-row[aria-level="3"]');
    await assertEventually(async () => (await pendingRuns.count()) === 4, 'four pending runs');
    const names = (await pendingRuns.locator('.label-name').allTextContents()).map((n) => n.trim());

    // A job marks the newest run; the editor's view is older and still shows it pending.
    const raced = `${ARCHIVE_PREFIX}${names[0]}/`;
    await jobMarks(raced);
    await inlineAction(row(pane, names[0]), 'Mark Run Processed');
    await waitDescription(pendingGroup, /^3$/);
    await notification(page, '1 conflict left as stored');
    const stored = await storedMark(raced);
    assert.deepEqual(Object.keys(stored ?? {}), ['RunId'], "the job's mark is kept as it wrote it");
    await shot('6-conflict');

    // Two runs selected (click, Ctrl+click) and marked from the context menu.
    const [a, b] = [names[1], names[2]];
    await row(pane, a).locator('.label-name').click();
    await row(pane, b)
      .locator('.label-name')
      .click({ modifiers: ['Control'] });
    await contextMenuAction(page, row(pane, b), 'Mark Run Processed');
    await waitDescription(pendingGroup, /^1$/);
    await notification(page, 'Marked processed 2 runs.');
    assert.equal(await description(processedGroup), '28');
    for (const name of [a, b]) assert.ok((await storedMark(`${ARCHIVE_PREFIX}${name}/`))?.MarkedBy?.S, `${name} marked with attribution`);
    await shot('7-selection-marked');

    // The three newest processed runs (the job's and the two) selected with Shift and unmarked.
    await collapse(pendingGroup);
    await expand(processedGroup);
    // A click also expands the run; a second one folds it again (its files row, with other menus,
    // would otherwise be in the range, and a selection of mixed items has no common menu).
    await row(pane, names[0]).locator('.label-name').click();
    await row(pane, '2 files').waitFor({ timeout: 30_000 });
    await row(pane, names[0]).locator('.label-name').click();
    await row(pane, '2 files').waitFor({ state: 'detached', timeout: 30_000 });
    await row(pane, b)
      .locator('.label-name')
      .click({ modifiers: ['Shift'] });
    await contextMenuAction(page, row(pane, a), 'Unmark Run (Back to Pending)');
    await waitDescription(processedGroup, /^25$/);
    await notification(page, 'Unmarked 3 runs.');
    await waitDescription(pendingGroup, /^4$/);
    for (const name of [names[0], a, b]) assert.equal(await storedMark(`${ARCHIVE_PREFIX}${name}/`), undefined, `${name} unmarked`);
    await shot('8-selection-unmarked');
    await collapse(processedGroup);
    await collapse(root);
  },
);

test('the event manifest shows its item count and its storage config masked, read-only', { timeout: 180_000 }, async () => {
  const { page } = wb;
  const pane = await manifestsPane(page);
  const root = row(pane, EVENT_MANIFEST);
  await expand(root);
  await row(pane, '2,000 items').waitFor({ timeout: 60_000 });
  const config = row(pane, 'Storage config');
  assert.match(await description(config), /^manifests\/event-manifest\.json · 2-0-0 · valid$/);
  // Event items follow, a page at a time.
  assert.ok((await pane.locator('.monaco-list-row[aria-level="2"]').count()) > 3);
  await config.locator('.label-name').click();
  const tab = page.locator('.tabs-container .tab.active', { hasText: 'sandbox-dedupe.json' });
  await tab.waitFor({ timeout: 30_000 });
  const text = await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText();
  assert.match(text, /dw-event-manifest/);
  assert.match(text, /EVENTS_MANIFEST/);
  await shot('4-event-manifest');
  await collapse(root);
});

test('the local SQL manifest shows consumed and waiting ETL timestamps and opens the incremental query', { timeout: 240_000 }, async () => {
  const { page } = wb;
  const pane = await manifestsPane(page);
  const root = row(pane, SQL_MANIFEST);
  await expand(root);
  // The first open starts the local DuckDB with its sample events and makes the manifest.
  const consumed = row(pane, 'Consumed');
  await consumed.waitFor({ timeout: 180_000 });
  assert.match(await description(consumed), /^[1-9][\d,]* · last \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  const waiting = row(pane, 'Waiting');
  assert.match(await description(waiting), /^[1-9][\d,]* · [\d,]+ events$/);
  await row(pane, 'Open the incremental query').locator('.label-name').click();
  await page.locator('.tabs-container .tab.active', { hasText: /Untitled/ }).waitFor({ timeout: 30_000 });
  const text = await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText();
  assert.match(text, /etl_manifest/);
  assert.match(text, /atomic\.events/);
  await shot('5-sql-manifest');
});
