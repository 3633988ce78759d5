// Scenario 40: SQL language help in the real editor, on the local DuckDB connection's catalog.
// Typing `e.` inside `SELECT  FROM atomic.events e` offers atomic.events' columns; a statement
// that ends after WHERE is underlined where it breaks, and the mark goes once it is fixed (also
// a typo only DuckDB's own parser catches);
// hovering a column shows its type and table; Format SQL Document lays it out.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openFile, openWorkbench, runCommand, type Workbench } from './support/vscode-page';

const FILE = 'language.sql';

let wb: Workbench;
before(async () => {
  wb = await openWorkbench('sql-language', { [FILE]: '' });
});
after(async () => {
  await wb?.close();
});

/** The editor's text as rendered (one line here). */
async function editorText(page: Page): Promise<string> {
  return (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

const suggestRow = (page: Page, label: string) =>
  page.locator('.editor-widget.suggest-widget .monaco-list-row', {
    has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }),
  });

test(
  'completion offers the columns of the aliased table, diagnostics come and go, hover shows a column',
  { timeout: 400_000 },
  async () => {
    const { page } = wb;
    await openFile(page, FILE);
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.type('SELECT  FROM atomic.events e', { delay: 20 });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Home');
    for (let i = 0; i < 'SELECT '.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.type('e.event_i', { delay: 30 });

    // The first request may come while the local engine is still starting: ask again until the
    // catalog is there (the provider marks such lists incomplete).
    const deadline = Date.now() + 240_000;
    while (!(await suggestRow(page, 'event_id').isVisible())) {
      if (Date.now() > deadline) {
        await wb.shot('no-suggestion');
        assert.fail('event_id was never offered after `e.`');
      }
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Space');
      await suggestRow(page, 'event_id')
        .waitFor({ timeout: 5_000 })
        .catch(() => undefined);
    }
    await wb.shot('1-column-offered');
    const row = suggestRow(page, 'event_id').first();
    assert.match(await row.innerText(), /atomic\.events|e\b/, 'the row names the table or alias');
    await page.keyboard.press('Enter');
    assert.match(await editorText(page), /SELECT e\.event_id FROM atomic\.events e/);

    // A WHERE with nothing after it: underlined at WHERE, listed in Problems at its column.
    await page.keyboard.press('End');
    await page.keyboard.type(' WHERE', { delay: 20 });
    await page.keyboard.press('Escape');
    const squiggle = page.locator('.editor-instance .monaco-editor .squiggly-error');
    await squiggle.first().waitFor({ timeout: 30_000 });
    await runCommand(page, 'View: Focus Problems');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'something must follow WHERE' }).first();
    await problem.waitFor({ timeout: 30_000 });
    const col = 'SELECT e.event_id FROM atomic.events e '.length + 1;
    assert.match(await problem.innerText(), new RegExp(`\\[Ln 1, Col ${col}\\]`));
    await wb.shot('2-syntax-error');

    // Fixing the statement clears it.
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' e.event_id IS NOT NULL', { delay: 20 });
    await page.keyboard.press('Escape');
    await squiggle.first().waitFor({ state: 'detached', timeout: 30_000 });
    // The Problems panel follows the editor a moment later.
    await page
      .locator('.markers-panel .monaco-list-row', { hasText: 'something must follow WHERE' })
      .first()
      .waitFor({ state: 'detached', timeout: 30_000 });
    await wb.shot('3-fixed');

    // Hover the column in the select list.
    await page.keyboard.press('Home');
    for (let i = 0; i < 'SELECT e.ev'.length; i++) await page.keyboard.press('ArrowRight');
    await runCommand(page, 'Show or Focus Hover');
    const hover = page.locator('.monaco-hover .hover-contents, .monaco-hover .markdown-hover').filter({ hasText: 'event_id' }).first();
    await hover.waitFor({ timeout: 30_000 });
    const text = await hover.innerText();
    assert.match(text, /event_id/);
    assert.match(text, /VARCHAR|varchar|char/i, `type in: ${text}`);
    assert.match(text, /Column of atomic\.events/, `source in: ${text}`);
    await wb.shot('4-hover');

    // The status bar says which dialect the file is checked in.
    assert.match(await page.locator('[id="workbench.parts.statusbar"] [id$="dataWorkbench.sqlDialect"]').innerText(), /SQL: DuckDB/);

    // A typo only DuckDB's own parser sees, at its column; deleting it clears the mark.
    await page.keyboard.press('Escape');
    await page.keyboard.press('End');
    await page.keyboard.type(' FORM', { delay: 20 });
    await page.keyboard.press('Escape');
    const typo = page.locator('.markers-panel .monaco-list-row', { hasText: 'Syntax error at or near "FORM"' }).first();
    await typo.waitFor({ timeout: 60_000 });
    assert.match(
      await typo.innerText(),
      new RegExp(`\\[Ln 1, Col ${'SELECT e.event_id FROM atomic.events e WHERE e.event_id IS NOT NULL '.length + 1}\\]`),
    );
    await wb.shot('5-duckdb-syntax');
    for (let i = 0; i < ' FORM'.length; i++) await page.keyboard.press('Backspace');
    await squiggle.first().waitFor({ state: 'detached', timeout: 30_000 });

    // Format the document: one clause per line, every word kept.
    await page.keyboard.press('Escape');
    await runCommand(page, 'Data Workbench: Format SQL Document');
    await page.waitForFunction(
      () => document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line').length >= 5,
      undefined,
      { timeout: 30_000 },
    );
    // Monaco reuses line elements: their order on screen is their `top`, not their DOM order.
    const formatted = (
      await page
        .locator('.editor-instance .monaco-editor .view-lines')
        .first()
        .evaluate((el) =>
          [...el.querySelectorAll<HTMLElement>('.view-line')]
            .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
            .map((l) => l.innerText),
        )
    )
      .map((l) => l.replace(/\u00a0/g, ' ').trim())
      .filter(Boolean);
    assert.deepEqual(formatted.join(' ').split(/\s+/), 'SELECT e.event_id FROM atomic.events e WHERE e.event_id IS NOT NULL'.split(' '));
    assert.ok(formatted.includes('FROM'), `formatted: ${formatted.join(' | ')}`);
    await wb.shot('6-formatted');
  },
);
