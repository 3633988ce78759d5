// Scenario 36: hostile names from AWS in the Clusters tree, its hover tooltip and its notifications.
// e2e-needs: sandbox
// An EMR cluster and its steps are named with Markdown command links, HTML and bidi controls (added
// to the sandbox by this scenario only; the shared seed is unchanged): the tree shows them as text
// with controls visible, and the notification that quotes a step name makes no link of it. (The
// Markdown tooltip is checked by rendering in test/unit/text: tree hovers do not open under
// Playwright's mouse in code-server.)
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startSandbox, type RunningSandbox } from '../support/aws/sandbox';
import { openEngineWorkbench, startCodeServer, type CodeServer, type EngineWorkbench } from './support/engines-editor';
import { activityBarItem, contextMenuAction, runCommand, viewPane } from './support/vscode-page';
import { expandRow, treeRow } from './support/trees';

const CLUSTER = '[pwn](command:workbench.action.terminal.new) <img src=x onerror=window.__pwned=6> \u202Egnp.exe';
const CLUSTER_SHOWN = '[pwn](command:workbench.action.terminal.new) <img src=x onerror=window.__pwned=6> <U+202E>gnp.exe';
const STEP = '<b>step</b> [quit](command:workbench.action.quit) **bold**';
const FAILED_STEP = 'failing \u2066step\u2069';
const FAILED_STEP_SHOWN = 'failing <U+2066>step<U+2069>';
const REASON = '<script>window.__pwned=7</script> [docs](https://evil.example)';

let sandbox: RunningSandbox;
let editor: CodeServer;
let wb: EngineWorkbench;
let workspace: string;
let sandboxDir: string;

function envFromShell(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^export ([A-Z_]+)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2].replace(/^'(.*)'$/, '$1');
  }
  return env;
}

before(async () => {
  sandboxDir = mkdtempSync(path.join(os.tmpdir(), 'dw-e2e-sandbox-'));
  // Away from scenario 70's ports (47000 + …) and `npm start`'s 4610.
  const basePort = 45000 + (process.pid % 600) * 3;
  sandbox = await startSandbox({ basePort, dir: sandboxDir, log: (l) => console.log(l) });
  const emr = sandbox.estate.emr;
  const now = Date.now();
  const cluster = emr.seedCluster({
    name: CLUSTER,
    state: 'RUNNING',
    created: now - 3_600_000,
    stateReason: { Code: 'USER_REQUEST', Message: 'Waiting <i>after</i> [step](command:x)' },
  });
  cluster.steps = [
    emr.seedStep({
      name: FAILED_STEP,
      state: 'FAILED',
      created: now - 1_800_000,
      started: now - 1_800_000,
      ended: now - 1_700_000,
      failure: { Reason: REASON, Message: 'line one\nline two' },
    }),
    // A long running step ahead keeps the hostile one PENDING (cancellable) for the whole scenario.
    emr.seedStep({ name: 'long job', state: 'RUNNING', created: now - 600_000, started: now - 600_000, durationMs: 4 * 3_600_000 }),
    emr.seedStep({ name: STEP, state: 'PENDING', created: now - 60_000, durationMs: 3_600_000 }),
  ];
  workspace = mkdtempSync(path.join(os.tmpdir(), 'dw-e2e-hostile-trees-ws-'));
  mkdirSync(path.join(workspace, '.vscode'));
  writeFileSync(path.join(workspace, '.vscode/settings.json'), '{}');
  editor = await startCodeServer(workspace, {
    ...envFromShell(path.join(sandboxDir, 'env.sh')),
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_SESSION_TOKEN: '',
  });
  wb = await openEngineWorkbench(editor, workspace);
  await wb.page.setViewportSize({ width: 1400, height: 1600 });
});

after(async () => {
  await wb?.close();
  if (editor) await editor.stop();
  await sandbox?.stop();
  for (const dir of [workspace, sandboxDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Elements only the hostile strings could have made, anywhere in the workbench. */
async function injected(page: Page, selector: string): Promise<string[]> {
  return page
    .locator(selector)
    .evaluateAll((els) =>
      els.flatMap((el) =>
        [...el.querySelectorAll('img[src="x"], script, b, i, strong, a[href^="command:"], a[href*="evil.example"]')].map(
          (e) => e.outerHTML,
        ),
      ),
    );
}

async function pwned(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const frame of page.frames()) {
    const kind = await frame.evaluate(() => typeof (window as unknown as { __pwned?: unknown }).__pwned).catch(() => 'detached');
    if (kind !== 'undefined' && kind !== 'detached') out.push(`${frame.url()}: __pwned is ${kind}`);
  }
  return out;
}

test('hostile cluster and step names: literal in the tree and a notification, nothing made or run', { timeout: 400_000 }, async () => {
  const { page } = wb;
  await activityBarItem(page).click();
  for (const other of ['Manifests', 'Catalog']) {
    const header = viewPane(page, other).locator('> .pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }
  const pane = viewPane(page, 'Clusters');
  await pane.waitFor({ timeout: 60_000 });
  const header = pane.locator('> .pane-header');
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();

  // A wide side bar: the long names stay visible, and hovering a row reaches its label.
  const side = await page.locator('.part.sidebar').boundingBox();
  if (side) {
    await page.mouse.move(side.x + side.width + 1, side.y + side.height / 2);
    await page.mouse.down();
    await page.mouse.move(side.x + 900, side.y + side.height / 2, { steps: 10 });
    await page.mouse.up();
  }

  // The label is the name as text, its bidi override shown as <U+202E> (it would read "exe.png").
  const clusterRow = treeRow(pane, CLUSTER_SHOWN);
  await clusterRow.waitFor({ timeout: 120_000 });
  assert.ok(
    !(await pane.evaluate((el) => /[\u202a-\u202e\u2066-\u2069]/.test(el.textContent ?? ''))),
    'a raw bidi control reached the tree',
  );
  await wb.shot('36-1-tree');

  // Steps: both names literal; the failure reason (from EMR) is text in the description.
  await expandRow(pane, CLUSTER_SHOWN);
  await expandRow(pane, 'Steps');
  const stepRow = treeRow(pane, STEP);
  await stepRow.waitFor({ timeout: 60_000 });
  const failedRow = treeRow(pane, FAILED_STEP_SHOWN);
  await failedRow.waitFor({ timeout: 60_000 });
  assert.ok(((await failedRow.textContent()) ?? '').includes(REASON), (await failedRow.textContent()) ?? '');
  assert.deepEqual(await injected(page, '.part.sidebar'), []);
  await wb.shot('36-3-steps');

  // Cancel the pending step: the notification quotes its name as text, with no link made of it.
  // Read in the notification center (a toast may already be gone). A menu that a tree redraw closed
  // runs nothing: then the menu is tried once more.
  const toast = page.locator('.notifications-center .notification-list-item', { hasText: 'cancelling step' }).first();
  for (let attempt = 1; ; attempt++) {
    await contextMenuAction(page, stepRow, 'Cancel Step');
    await runCommand(page, 'Notifications: Show Notifications');
    if (
      await toast.waitFor({ timeout: attempt === 1 ? 15_000 : 30_000 }).then(
        () => true,
        () => false,
      )
    )
      break;
    if (attempt === 2) throw new Error('no "cancelling step" notification after two Cancel Step clicks');
    console.log('Cancel Step: no notification after the first menu click; trying the menu again');
    await page.keyboard.press('Escape');
  }
  await wb.shot('36-4-notification');
  const message = toast.locator('.notification-list-item-message');
  const said = ((await message.textContent()) ?? '').replace(/\u2060/g, '');
  assert.equal(said, `Data Workbench: cancelling step "${STEP}".`);
  assert.deepEqual(
    await message.evaluate((el) => [...el.querySelectorAll('a, b, strong')].map((e) => e.outerHTML)),
    [],
    'a link or element was made from the step name',
  );

  assert.deepEqual(await injected(page, '.monaco-workbench'), []);
  assert.deepEqual(await pwned(page), []);
});
