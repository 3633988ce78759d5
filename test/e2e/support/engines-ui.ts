// User actions for the engine scenario: pick a connection in the status bar, click Run, answer the
// password prompt, read single grid rows, jump to the end, sort by a header, export through the
// save dialog. All through the workbench UI and the Results DOM contract (docs/architecture.md).
import { existsSync } from 'node:fs';
import type { FrameLocator, Page } from 'playwright-core';
import path from 'node:path';
import { codeLenses, connectionStatusItem, resultsFrame } from './vscode-page';

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const quickInput = (page: Page) => page.locator('.quick-input-widget');

/** Opens a workspace file through Quick Open in the editor group that has the focus. (Like
 * vscode-page's openFile, but the tab is matched by its resource name: the Results tab is titled
 * `<file>:<line>`, which an aria-label prefix match would take for the file's tab.) */
export async function openFile(page: Page, relPath: string): Promise<void> {
  const name = path.basename(relPath);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(relPath);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`).first().waitFor();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

/** Chooses `name` in the status-bar connection picker and waits for the item to show it. */
export async function pickConnection(page: Page, name: string): Promise<void> {
  const item = connectionStatusItem(page);
  await item.waitFor({ timeout: 60_000 });
  await item.click();
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
  await quickInput(page).waitFor({ state: 'hidden' });
  await page.waitForFunction(
    ({ el, want }) => el?.textContent?.trim() === want,
    { el: await item.elementHandle(), want: name },
    { timeout: 30_000 },
  );
}

export interface RunOptions {
  /** Typed into the password prompt if the extension asks for one. */
  password?: string;
  timeoutMs?: number;
}

/** Opens `file`, clicks the `index`-th "Run" lens (top to bottom) and waits until the Results
 * panel shows that run finished: titled `<file>:<line>` (`line`: 1-based line of the statement)
 * on `connection`. Returns the results frame and whether a password was asked for. */
export async function runFromLens(
  page: Page,
  file: string,
  index: number,
  line: number,
  connection: string,
  options: RunOptions = {},
): Promise<{ frame: FrameLocator; prompted: boolean }> {
  await openFile(page, file);
  const lenses = await codeLenses(page, 'Run');
  if (lenses.length <= index) throw new Error(`${file}: expected a Run lens above statement ${index + 1}, found ${lenses.length}`);
  await lenses[index].click();
  const frame = resultsFrame(page);
  await confirmWorkspaceConnection(page, frame, connection, new RegExp(`^${escapeRegExp(`${file}:${line}`)}$`));
  const prompted = options.password !== undefined ? await answerPasswordPrompt(page, connection, options.password) : false;
  const body = frame.locator('body');
  await frame
    .locator('#title', { hasText: new RegExp(`^${escapeRegExp(`${file}:${line}`)}$`) })
    .waitFor({ timeout: options.timeoutMs ?? 300_000 });
  await frame.locator('#connection', { hasText: new RegExp(`^${escapeRegExp(connection)}$`) }).waitFor();
  await frame
    .locator('body[data-state="done"], body[data-state="error"], body[data-state="cancelled"]')
    .waitFor({ timeout: options.timeoutMs ?? 300_000 });
  const state = await body.getAttribute('data-state');
  if (state !== 'done')
    throw new Error(`${file}:${line} on ${connection} ended in state ${state}: ${await frame.locator('#error').textContent()}`);
  return { frame, prompted };
}

/** The first run on a connection the workspace's settings define asks (a modal dialog) whether
 * to use it; confirms like a user. Returns as soon as the run goes on without asking. */
async function confirmWorkspaceConnection(page: Page, frame: FrameLocator, connection: string, title: RegExp): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box', { hasText: `"${connection}"` });
  const goesOn = Promise.race([
    frame
      .locator('body:is([data-state="done"], [data-state="error"], [data-state="cancelled"]) #title', { hasText: title })
      .waitFor({ timeout: 20_000 }),
    page.locator('.quick-input-widget .quick-input-title', { hasText: `Password for "${connection}"` }).waitFor({ timeout: 20_000 }),
  ]);
  const asked = await Promise.race([
    dialog.waitFor({ timeout: 20_000 }).then(
      () => true,
      () => false,
    ),
    goesOn.then(
      () => false,
      () => false,
    ),
  ]);
  goesOn.catch(() => undefined);
  if (!asked) return;
  await dialog.getByRole('button', { name: 'Use This Connection' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** If a password prompt for `connection` appears soon after Run, types `password` into it like a
 * user and confirms. Returns whether it was asked. */
async function answerPasswordPrompt(page: Page, connection: string, password: string): Promise<boolean> {
  const title = page.locator('.quick-input-widget .quick-input-title', { hasText: `Password for "${connection}"` });
  const appeared = await title.waitFor({ timeout: 20_000 }).then(
    () => true,
    () => false,
  );
  if (!appeared) return false;
  const input = page.locator('.quick-input-widget input[type="password"]');
  await input.waitFor();
  await input.pressSequentially(password);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
  return true;
}

export interface GridHead {
  columns: string[];
  rowCount: number;
  ariaRowCount: number;
}

export async function gridHead(frame: FrameLocator): Promise<GridHead> {
  return frame.locator('#grid[role="grid"]').evaluate((el) => ({
    columns: [...el.querySelectorAll('[role="columnheader"][data-col-index]')]
      .sort((a, b) => Number(a.getAttribute('data-col-index')) - Number(b.getAttribute('data-col-index')))
      .map((h) => h.querySelector('.col-name')?.textContent ?? ''),
    rowCount: Number(document.getElementById('row-count')?.textContent),
    ariaRowCount: Number(el.getAttribute('aria-rowcount')),
  }));
}

/** The cells of view row `index` once it is rendered with its data (not a loading placeholder). */
export async function renderedRow(frame: FrameLocator, index: number, timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const cells = await frame.locator('#grid[role="grid"]').evaluate((el, i) => {
      const row = [...el.querySelectorAll(`[role="row"][data-row-index="${i}"]`)].find(
        (r) => !(r as HTMLElement).hidden && !r.classList.contains('loading'),
      );
      if (!row) return undefined;
      return [...row.querySelectorAll('[role="gridcell"][data-col-index]')]
        .sort((a, b) => Number(a.getAttribute('data-col-index')) - Number(b.getAttribute('data-col-index')))
        .map((c) => c.textContent ?? '');
    }, index);
    if (cells) return cells;
    if (Date.now() > deadline) throw new Error(`grid row ${index} was not rendered within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Indices of the data rows rendered now (with data). */
export async function renderedRowIndices(frame: FrameLocator): Promise<number[]> {
  return frame.locator('#grid[role="grid"]').evaluate((el) =>
    [...el.querySelectorAll('[role="row"][data-row-index]')]
      .filter((r) => !(r as HTMLElement).hidden && !r.classList.contains('loading'))
      .map((r) => Number(r.getAttribute('data-row-index')))
      .sort((a, b) => a - b),
  );
}

/** Focuses the grid by clicking the first visible cell, then presses `keys` (e.g. Control+End). */
export async function gridKeys(page: Page, frame: FrameLocator, ...keys: string[]): Promise<void> {
  const first = (await renderedRowIndices(frame))[0] ?? 0;
  await frame.locator(`#grid [role="row"][data-row-index="${first}"] [role="gridcell"][data-col-index="0"]`).first().click();
  for (const k of keys) await page.keyboard.press(k);
}

/** Clicks the header of column `col` until the grid says it is sorted descending (ascending
 * first, then descending, as a user clicks twice). */
export async function sortDescending(frame: FrameLocator, col: number, timeoutMs = 120_000): Promise<void> {
  const header = frame.locator(`#grid [role="columnheader"][data-col-index="${col}"]`);
  for (const want of ['ascending', 'descending']) {
    await header.locator('.col-name').click();
    await frame.locator(`#grid [role="columnheader"][data-col-index="${col}"][aria-sort="${want}"]`).waitFor({ timeout: timeoutMs });
  }
}

/** Clicks the panel's CSV button, types `target` into the save dialog (code-server's simple
 * file dialog, a quick input) and waits for the file. */
export async function exportCsvTo(page: Page, frame: FrameLocator, target: string, timeoutMs = 180_000): Promise<void> {
  if (existsSync(target)) throw new Error(`${target} exists already`);
  await frame.locator('#export-csv').click();
  await saveExportAs(page, target, timeoutMs);
}

/** Answers the export's save dialog (the simple file dialog, a quick input) with `target` and
 * waits until the export has written it. */
export async function saveExportAs(page: Page, target: string, timeoutMs = 180_000): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 30_000 });
  // The dialog fills in its default path a moment after it opens, replacing anything typed
  // before: wait until it shows a path that has stayed put, then type ours.
  await settledValue(page, (v) => v.endsWith('.csv'));
  await input.fill(target);
  await settledValue(page, (v) => v === target);
  await input.press('Enter');
  // Enter can land while the dialog is still refreshing its file list; then OK confirms.
  if (
    !(await quickInput(page)
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .then(
        () => true,
        () => false,
      ))
  ) {
    await page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).first().click();
    await quickInput(page).waitFor({ state: 'hidden', timeout: 10_000 });
  }
  const deadline = Date.now() + timeoutMs;
  // The export writes a temporary file and renames it into place: existence means complete.
  while (!existsSync(target)) {
    if (Date.now() > deadline) throw new Error(`export did not write ${target} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits until the quick input's value satisfies `ok` and has not changed for 500 ms. */
async function settledValue(page: Page, ok: (value: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let since = Date.now();
  for (;;) {
    const value = await page.locator('.quick-input-widget input').inputValue();
    if (value !== last) {
      last = value;
      since = Date.now();
    } else if (ok(value) && Date.now() - since >= 500) {
      return value;
    }
    if (Date.now() > deadline) throw new Error(`the save dialog shows ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
