// Helpers for the E2E scenarios: open a real VS Code workbench (code-server, started by
// scripts/run-e2e.sh at DW_E2E_URL) in headless Chromium with this extension loaded from source,
// on a throwaway copy of examples/ so scenarios never touch the repository or each other.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { launchChromium } from '../../../scripts/lib/chromium.mjs';
import { workbenchUrl } from '../../../scripts/lib/workbench-url.mjs';

export const ROOT = path.resolve(__dirname, '../../..');
export const RESULTS_DIR = path.join(ROOT, 'test-results');
export const CONTAINER_TITLE = 'Data Workbench';

function serverUrl(): string {
  const url = process.env.DW_E2E_URL;
  if (!url) throw new Error('DW_E2E_URL is not set: run the E2E suite with `npm run test:e2e`');
  return url;
}

export interface Workbench {
  page: Page;
  browser: Browser;
  /** Absolute path of the workspace folder the workbench has open. */
  workspace: string;
  /** Saves a full-window screenshot as test-results/e2e-<scenario>-<step>.png. */
  shot(step: string): Promise<void>;
  close(): Promise<void>;
}

/** A copy of examples/ plus `files` (relative path -> content) in a fresh temp folder. */
export function makeWorkspace(files: Record<string, string> = {}): string {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'dw-e2e-ws-'));
  cpSync(path.join(ROOT, 'examples'), ws, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    writeFileSync(path.join(ws, rel), content);
  }
  return ws;
}

/** Opens the workbench and waits until the extension's activity-bar container is there. */
export async function openWorkbench(scenario: string, files: Record<string, string> = {}): Promise<Workbench> {
  const workspace = makeWorkspace(files);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => console.error(`[${scenario}] page error:`, e.message));
  mkdirSync(RESULTS_DIR, { recursive: true });
  const wb: Workbench = {
    page,
    browser,
    workspace,
    shot: async (step) => {
      await page.screenshot({ path: path.join(RESULTS_DIR, `e2e-${scenario}-${step}.png`) });
    },
    close: async () => {
      // The state at the end, pass or fail: after a failure this is the picture that explains it.
      await wb.shot('last').catch(() => {});
      await browser.close().catch(() => {});
      rmSync(workspace, { recursive: true, force: true });
    },
  };
  try {
    await page.goto(workbenchUrl(serverUrl(), workspace, { extDev: ROOT }));
    await activityBarItem(page).waitFor({ timeout: 120_000 });
  } catch (e) {
    await wb.close();
    throw e;
  }
  return wb;
}

/** The Data Workbench icon in the activity bar (the anchor, not its badge: pitfall 7). */
export function activityBarItem(page: Page): Locator {
  return page.locator(`.activitybar a.action-label[aria-label="${CONTAINER_TITLE}"]`);
}

/** A view's pane in the side bar, found by its header title. */
export function viewPane(page: Page, title: string): Locator {
  return page.locator(`.pane:has(> .pane-header[aria-label^="${title}"])`);
}

/** Opens `target`'s context menu and returns its items; a right-click a tree redraw ate is tried again. */
export async function openContextMenu(page: Page, target: Locator): Promise<Locator> {
  const items = page.locator('.context-view .monaco-menu .action-item');
  for (let attempt = 1; ; attempt++) {
    await target.click({ button: 'right' });
    if (
      await items
        .first()
        .waitFor({ timeout: 5_000 })
        .then(
          () => true,
          () => false,
        )
    )
      return items;
    if (attempt === 3) throw new Error('the context menu did not open');
  }
}

/**
 * Runs `title` from `target`'s context menu (for a multi-selection: right-click one of its rows).
 * The menu closes before its action runs, so a menu still open after the click means the click was
 * lost (a tree redraw can eat it, or close the menu before it is read): open it again and retry.
 */
export async function contextMenuAction(page: Page, target: Locator, title: string): Promise<void> {
  const menu = page.locator('.context-view .monaco-menu');
  const item = menu.locator('.action-item', { hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    if (await menu.isVisible().catch(() => false)) {
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    }
    await target.click({ button: 'right' });
    if (
      await item.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      )
    ) {
      await item.click();
      if (
        await menu.waitFor({ state: 'hidden', timeout: 5_000 }).then(
          () => true,
          () => false,
        )
      )
        return;
      // Still open: the item is focused by the hover, so the keyboard can choose it.
      await page.keyboard.press('Enter');
      if (
        await menu.waitFor({ state: 'hidden', timeout: 5_000 }).then(
          () => true,
          () => false,
        )
      )
        return;
    }
    if (attempt === 3) throw new Error(`could not run "${title}" from the context menu`);
  }
}

/** Runs a command by its palette title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill('>' + title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Opens a workspace file through Quick Open and waits for its editor tab. */
export async function openFile(page: Page, relPath: string): Promise<void> {
  const name = path.basename(relPath);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(relPath);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

/** The connection item in the status bar (`$(database) <connection name>`). */
export function connectionStatusItem(page: Page): Locator {
  return page.locator('[id="workbench.parts.statusbar"] [id$="dataWorkbench.connection"]');
}

/** The Results webview's document: two iframes deep (pitfall 8). */
export function resultsFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** The CodeLens links titled `title` (codicons aside) in the active editor, top to bottom. */
export async function codeLenses(page: Page, title: string): Promise<Locator[]> {
  const links = page
    .locator('.editor-instance .monaco-editor .codelens-decoration a')
    .filter({ hasText: new RegExp(`^\\s*${title}\\s*$`) });
  // The editor re-renders its lenses when the provider signals a change (a CI run once read the
  // list just as that happened and found none), so read until every lens found is on screen.
  const deadline = Date.now() + 60_000;
  for (;;) {
    await links.first().waitFor({ timeout: Math.max(1, deadline - Date.now()) });
    const all = await links.all();
    const tops = await Promise.all(all.map(async (l) => (await l.boundingBox().catch(() => null))?.y));
    if ((all.length > 0 && tops.every((t) => t !== undefined)) || Date.now() > deadline) {
      return all
        .map((l, i) => ({ l, top: tops[i] ?? Number.POSITIVE_INFINITY }))
        .sort((a, b) => a.top - b.top)
        .map((x) => x.l);
    }
    await page.waitForTimeout(200);
  }
}

export interface GridSnapshot {
  columns: string[];
  /** `#row-count`: rows received. */
  rowCount: number;
  /** `#grid[aria-rowcount]`: data rows + header row. */
  ariaRowCount: number;
  /** Rendered data rows in view order, each cell's text (a NULL cell reads `NULL`). */
  rows: string[][];
}

/** Reads the Results grid through its DOM contract (docs/architecture.md). The grid renders only
 * the rows in view, so this scrolls through it and collects every row by its data-row-index. */
export async function readResultsGrid(results: FrameLocator): Promise<GridSnapshot> {
  const grid = results.locator('#grid[role="grid"]');
  await grid.waitFor();
  const head = await grid.evaluate((el) => ({
    columns: [...el.querySelectorAll('[role="columnheader"][data-col-index]')]
      .sort((a, b) => Number(a.getAttribute('data-col-index')) - Number(b.getAttribute('data-col-index')))
      .map((h) => h.querySelector('.col-name')?.textContent ?? ''),
    rowCount: Number(document.getElementById('row-count')?.textContent),
    ariaRowCount: Number(el.getAttribute('aria-rowcount')),
  }));
  const seen = new Map<number, string[]>();
  for (let step = 0; step < 1000; step++) {
    const { rows, atEnd } = await grid.evaluate((el, first) => {
      const rendered = [...el.querySelectorAll('[role="row"][data-row-index]')].map((r) => ({
        index: Number(r.getAttribute('data-row-index')),
        cells: [...r.querySelectorAll('[role="gridcell"][data-col-index]')]
          .sort((a, b) => Number(a.getAttribute('data-col-index')) - Number(b.getAttribute('data-col-index')))
          .map((c) => c.textContent ?? ''),
      }));
      // The element that scrolls the rows: the grid, a descendant, or an ancestor.
      // (No named helpers in here: this function is serialized into the page as written.)
      const candidates: Element[] = [el, ...el.querySelectorAll('*')];
      for (let n = el.parentElement; n; n = n.parentElement) candidates.push(n);
      const scroller =
        candidates.find((n) => n.scrollHeight > n.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(n).overflowY)) ??
        document.scrollingElement;
      if (!scroller) return { rows: rendered, atEnd: true };
      if (first) scroller.scrollTop = 0;
      const atEnd = !first && scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1;
      if (!first && !atEnd) scroller.scrollTop += Math.max(1, scroller.clientHeight - 40);
      return { rows: rendered, atEnd };
    }, step === 0);
    for (const r of rows) seen.set(r.index, r.cells);
    if (atEnd || seen.size >= head.rowCount) break;
    await new Promise((resolve) => setTimeout(resolve, 150)); // let the virtualizer render the new window
  }
  const rows = [...seen.entries()].sort(([a], [b]) => a - b).map(([, cells]) => cells);
  return { ...head, rows };
}

/**
 * Reads a webview's Content-Security-Policy from its rendered page and checks it is enforced:
 * default-src 'none', one nonce for scripts and nothing loosening it, only the `bundle` script in the
 * page, and an inline event handler added to the live page does not run.
 */
export async function assertWebviewPolicy(html: Locator, bundle: string): Promise<void> {
  const page1 = await html.evaluate(() => ({
    csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
    // VS Code itself injects its acquireVsCodeApi shim ahead of our <meta>; every other script counts.
    scripts: [...document.querySelectorAll('script')]
      .filter(
        (s) =>
          !(
            s.compareDocumentPosition(document.querySelector('meta[http-equiv="Content-Security-Policy"]')!) &
              Node.DOCUMENT_POSITION_FOLLOWING && (s.textContent ?? '').includes('acquireVsCodeApi')
          ),
      )
      .map((s) => ({ nonce: s.nonce, src: s.getAttribute('src') ?? '', inline: s.textContent ?? '' })),
  }));
  const directives = new Map(
    page1.csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...vals]) => [name, vals]),
  );
  assert.deepEqual(directives.get('default-src'), ["'none'"], `default-src in: ${page1.csp}`);
  const scriptSrc = directives.get('script-src') ?? [];
  assert.equal(scriptSrc.length, 1, `script-src must be exactly one nonce: ${page1.csp}`);
  const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(scriptSrc[0])?.[1];
  assert.ok(nonce, `script-src is not a nonce: ${page1.csp}`);
  assert.ok(!/unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic/.test(page1.csp), `nothing loosens the policy: ${page1.csp}`);
  assert.equal(page1.scripts.length, 1, `only the bundle script is in the page: ${JSON.stringify(page1.scripts)}`);
  assert.equal(page1.scripts[0].nonce, nonce, 'the bundle carries the policy nonce');
  assert.equal(page1.scripts[0].inline, '');
  assert.ok(page1.scripts[0].src.endsWith(`/dist/webviews/${bundle}.js`), `the script is the ${bundle} bundle: ${page1.scripts[0].src}`);

  // The policy is enforced, not only declared: an inline handler added to the live page does not run.
  await html.locator('body').evaluate(async (body) => {
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__cspProbe = 1');
    img.setAttribute('src', 'data:image/png;base64,broken');
    body.append(img);
    await new Promise((r) => setTimeout(r, 500));
    img.remove();
  });
  assert.equal(
    await html.locator('body').evaluate(() => typeof (window as unknown as { __cspProbe?: unknown }).__cspProbe),
    'undefined',
    'CSP let an inline event handler run',
  );
}
