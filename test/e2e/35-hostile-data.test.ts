// Scenario 35: hostile data in the real editor. Cell values, column names, an engine error, a file
// name and the log lines that carry them hold HTML, <script>, <img onerror>, javascript: links, CSS
// and bidi/control characters: nothing executes, everything reads back literally, and the Results
// webview runs under the strict CSP (read from the rendered page) that would block it anyway.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import {
  assertWebviewPolicy,
  codeLenses,
  openFile,
  openWorkbench,
  readResultsGrid,
  resultsFrame,
  runCommand,
  type Workbench,
} from './support/vscode-page';

// The file name itself is hostile: it reaches the panel title, the tab, the Problems panel and the log.
const FILE = '<img src=x onerror=window.__pwned=4>.sql';
const COLUMNS = ['<script>window.__pwned=2</script>', '\u202Eidib', 'link', '<style>body{display:none}</style>', 'control'];
const VALUES = [
  '<img src=x onerror="window.__pwned=1">',
  '\u202Egnp.exe\u202C \u2066x\u2069 \u200F',
  '<a href="javascript:window.__pwned=5">javascript:alert(1)</a>',
  '<style>*{visibility:hidden}</style><link rel=stylesheet href=javascript:1>',
  'bell\u0007 esc\u001b[31m nul-free \u0008back',
];
// What the grid shows for them: markup as text, every control and bidi character as <U+XXXX>.
const SHOWN_COLUMNS = ['<script>window.__pwned=2</script>', '<U+202E>idib', 'link', '<style>body{display:none}</style>', 'control'];
const SHOWN_VALUES = [
  VALUES[0],
  '<U+202E>gnp.exe<U+202C> <U+2066>x<U+2069> <U+200F>',
  VALUES[2],
  VALUES[3],
  'bell<U+0007> esc<U+001B>[31m nul-free <U+0008>back',
];
const BAD_TABLE = '<img src=x onerror=window.__pwned=3>';
const SQL = `SELECT ${VALUES.map((v, i) => `'${v}' AS "${COLUMNS[i]}"`).join(', ')};\n` + `SELECT * FROM "${BAD_TABLE}";\n`;

let wb: Workbench;
before(async () => {
  assert.ok(
    VALUES.every((v) => !v.includes("'")) && COLUMNS.every((c) => !c.includes('"')),
    'the inputs must survive SQL quoting as written',
  );
  wb = await openWorkbench('hostile-data', { [FILE]: SQL });
});
after(async () => {
  await wb?.close();
});

/** `typeof window.__pwned` in every frame of the page (workbench, webview hosts, webview documents). */
async function pwnedInFrames(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const frame of page.frames()) {
    const kind = await frame.evaluate(() => typeof (window as unknown as { __pwned?: unknown }).__pwned).catch(() => 'detached');
    if (kind !== 'undefined' && kind !== 'detached') out.push(`${frame.url()}: __pwned is ${kind}`);
  }
  return out;
}

/** Elements inside `selector` of the results document that only the hostile strings could have made. */
async function injectedElements(results: FrameLocator, selector: string): Promise<string[]> {
  return results
    .locator(selector)
    .evaluate((el) => [...el.querySelectorAll('img, script, style, link, a[href], iframe, svg, object, embed')].map((e) => e.outerHTML));
}

test(
  'hostile cells, column names, errors, file names and log lines display literally and execute nothing',
  { timeout: 400_000 },
  async () => {
    const { page } = wb;
    await openFile(page, FILE);
    const lenses = await codeLenses(page, 'Run');
    assert.equal(lenses.length, 2, `expected a Run lens above each of the 2 statements, found ${lenses.length}`);
    await lenses[0].click();

    const results = resultsFrame(page);
    await results.locator('body[data-state="done"], body[data-state="error"]').waitFor({ timeout: 180_000 });
    await wb.shot('1-hostile-grid');
    assert.equal(await results.locator('body').getAttribute('data-state'), 'done', (await results.locator('#error').textContent()) ?? '');
    assert.equal(await results.locator('#title').textContent(), `${FILE}:1`, 'the panel title shows the hostile file name as text');

    // The grid shows the strings DuckDB returned, with bidi and control characters visible (a value
    // cannot reorder itself on screen: '\u202Egnp.exe' would read 'exe.png'), and no element was made from them.
    const grid = await readResultsGrid(results);
    assert.deepEqual(grid.columns, SHOWN_COLUMNS);
    assert.deepEqual(grid.rows, [SHOWN_VALUES]);
    assert.ok(
      !(await results.locator('#grid').evaluate((el) => /[\u202a-\u202e\u2066-\u2069\u0000-\u001f]/.test(el.textContent ?? ''))),
      'a raw control reached the grid',
    );

    // Only the display changes: Copy carries the value itself, bidi characters included.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await results.locator('[role="row"][data-row-index="0"] [role="gridcell"][data-col-index="1"]').click();
    await results.locator('#grid').press('Control+c');
    let copied = '';
    for (
      const deadline = Date.now() + 15_000;
      Date.now() < deadline && copied.replace(/\r?\n$/, '') !== VALUES[1];
      await page.waitForTimeout(250)
    ) {
      copied = await page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
    }
    assert.equal(copied.replace(/\r?\n$/, ''), VALUES[1], 'Copy puts the real value, not the display, on the clipboard');
    assert.deepEqual(await injectedElements(results, '#grid'), []);
    assert.equal(await results.locator('body').isVisible(), true, 'a CSS value must not restyle the page');
    assert.deepEqual(await pwnedInFrames(page), []);

    // The CSP as rendered, and enforced: nothing but the nonce'd bundle may run.
    await assertWebviewPolicy(results.locator('html'), 'results');

    // A statement that fails on a hostile identifier: the engine's message is shown as text.
    await lenses[1].click();
    await results.locator('#title', { hasText: `${FILE}:2` }).waitFor({ timeout: 60_000 });
    await results.locator('body[data-state="done"], body[data-state="error"]').waitFor({ timeout: 60_000 });
    await wb.shot('2-hostile-error');
    assert.equal(await results.locator('body').getAttribute('data-state'), 'error');
    const message = (await results.locator('#error .error-message').textContent()) ?? '';
    assert.ok(message.includes(BAD_TABLE), `the error names the table literally: ${message}`);
    assert.deepEqual(await injectedElements(results, '#error'), []);

    // The Problems panel lists the same message, as text.
    await runCommand(page, 'View: Focus Problems');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: BAD_TABLE }).first();
    await problem.waitFor({ timeout: 30_000 });
    assert.ok((await problem.textContent())?.includes(BAD_TABLE));
    assert.deepEqual(
      await page
        .locator('.markers-panel')
        .evaluate((el) => [...el.querySelectorAll('img, script, a[href^="javascript"]')].map((e) => e.outerHTML)),
      [],
    );

    // The log (Output → Data Workbench) shows the statement and the failure literally.
    await runCommand(page, 'Data Workbench: Show Log');
    const output = page.locator('.part.panel .output-view .monaco-editor .view-lines').first();
    await output.waitFor({ timeout: 30_000 });
    // The output view wraps long lines into several .view-line rows; read them in screen order, joined.
    const logText = async (): Promise<string> =>
      output.evaluate((el) =>
        [...el.querySelectorAll<HTMLElement>('.view-line')]
          .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
          .map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' '))
          .join(''),
      );
    const failedLine = `${FILE}:2 failed on Local (DuckDB) at line 2, column 15: Catalog Error: Table with name ${BAD_TABLE} does not exist!`;
    let text = '';
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      text = await logText();
      if (text.includes(failedLine)) break;
      await page.waitForTimeout(300);
    }
    await wb.shot('3-log');
    assert.ok(text.includes(`Run ${FILE}:1 on Local (DuckDB): SELECT '${VALUES[0]}' AS "${COLUMNS[0]}"`), `log:\n${text}`);
    assert.ok(text.includes(failedLine), `log:\n${text}`);
    // Bidi controls are written as visible [U+XXXX] escapes, so a log line cannot be reordered on screen.
    assert.ok(text.includes("'[U+202E]gnp.exe[U+202C]"), `log:\n${text}`);
    assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(text), 'a raw bidi control reached the log view');
    assert.deepEqual(await output.evaluate((el) => [...el.querySelectorAll('img, script, style, a[href]')].map((e) => e.outerHTML)), []);

    // After all of it, no hostile string ran anywhere.
    assert.deepEqual(await pwnedInFrames(page), []);
  },
);
