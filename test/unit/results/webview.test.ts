// The real Results webview bundle in Debian Chromium under the panel's strict CSP, with a fake
// host (test/unit/results/harness.ts). Checks the DOM contract from docs/architecture.md.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FakeHost } from './fakeHost';
import { bundleWebview, CHROMIUM, CHROMIUM_ARGS, startHarness, type Harness } from './harness';

let harness: Harness;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

type HostWindow = Window & { __host: FakeHost; __pwned?: number };

before(async () => {
  harness = await startHarness(await bundleWebview());
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(harness.url);
  await page.waitForSelector('#grid[role=grid]');
});
after(async () => {
  await browser?.close();
  await harness?.close();
});

async function received(type: string): Promise<{ type: string; [k: string]: unknown }[]> {
  return page.evaluate((t) => (window as unknown as HostWindow).__host.received.filter((m) => m.type === t), type);
}

describe('Results webview', () => {
  test('hostile column names and values render as text; NULLs are marked; DOM contract holds', async () => {
    const name = '<img src=x onerror=alert(1)>';
    await page.evaluate((colName) => {
      const host = (window as unknown as HostWindow).__host;
      host.rows = [
        ['<script>window.__pwned=1</script>', 1],
        [null, 2],
        ['<b onmouseover=alert(1)>bold</b>', null],
      ];
      host.load(
        'hostile',
        [
          { name: colName, type: 'VARCHAR', family: 'string' },
          { name: 'n', type: 'INTEGER', family: 'integer' },
        ],
        3,
      );
    }, name);
    await page.waitForSelector('[role=row][data-row-index="2"] [role=gridcell][data-col-index="0"]:not(:empty)');
    assert.equal(await page.getAttribute('body', 'data-state'), 'done');
    assert.equal(await page.textContent('#row-count'), '3');
    assert.equal(await page.getAttribute('#grid', 'aria-rowcount'), '4');
    assert.equal(await page.textContent('[role=columnheader][data-col-index="0"] .col-name'), name);
    assert.equal(await page.textContent('[role=columnheader][data-col-index="0"] .col-type'), 'VARCHAR');
    assert.equal(
      await page.textContent('[role=row][data-row-index="0"] [role=gridcell][data-col-index="0"]'),
      '<script>window.__pwned=1</script>',
    );
    const nullCell = page.locator('[role=row][data-row-index="1"] [role=gridcell][data-col-index="0"]');
    assert.equal(await nullCell.textContent(), 'NULL');
    assert.match((await nullCell.getAttribute('class')) ?? '', /\bcell-null\b/);
    assert.doesNotMatch(
      (await page.locator('[role=row][data-row-index="0"] [role=gridcell][data-col-index="0"]').getAttribute('class')) ?? '',
      /cell-null/,
    );
    const injected = await page.evaluate(() => ({
      imgs: document.querySelectorAll('img, script:not([src]), b').length,
      pwned: (window as unknown as HostWindow).__pwned,
    }));
    assert.deepEqual(injected, { imgs: 0, pwned: undefined });
    assert.equal(await page.isVisible('#error'), false);
  });

  test('a million rows x 20 columns: scroll space is scaled and the last row is reachable', async () => {
    await page.evaluate(() => {
      const host = (window as unknown as HostWindow).__host;
      host.rows = null;
      host.load('big', host.syntheticColumns(20), 1_000_000);
    });
    await page.waitForSelector('[role=row][data-row-index="0"] [role=gridcell][data-col-index="0"]:not(:empty)');
    assert.equal(await page.getAttribute('#grid', 'aria-rowcount'), '1000001');
    assert.equal(await page.textContent('#row-count'), '1000000');
    const canvasHeight = await page.evaluate(() => (document.querySelector('.grid-canvas') as HTMLElement).offsetHeight);
    assert.ok(canvasHeight > 1_000_000 && canvasHeight <= 15_000_000, `canvas height ${canvasHeight}`);
    // middle by scrollbar position
    await page.evaluate(() => {
      const g = document.getElementById('grid')!;
      g.scrollTop = (g.scrollHeight - g.clientHeight) / 2;
    });
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[role=row][data-row-index]')].some(
        (r) => !r.hasAttribute('hidden') && Math.abs(Number((r as HTMLElement).dataset.rowIndex) - 500_000) < 100,
      ),
    );
    // last row by keyboard
    await page.click('[role=row][data-row-index] [role=gridcell][data-col-index="1"]');
    await page.keyboard.press('Control+End');
    await page.waitForSelector('[role=row][data-row-index="999999"] [role=gridcell][data-col-index="19"]:not(:empty)');
    const lastCell = await page.textContent('[role=row][data-row-index="999999"] [role=gridcell][data-col-index="19"]');
    assert.equal(lastCell, 'value 999999 / col 19');
    assert.equal(await page.locator('[role=columnheader]').count(), 20, 'every header cell exists even when cells are virtualized');
    const box = await page.locator('[role=row][data-row-index="999999"]').boundingBox();
    const grid = await page.locator('#grid').boundingBox();
    assert.ok(box && grid && box.y + box.height <= grid.y + grid.height + 1 && box.y >= grid.y, 'last row is inside the viewport');
    const requests = await received('getRows');
    assert.ok(
      requests.every((r) => (r.count as number) <= 2000),
      'rows are fetched in pages',
    );
  });

  test('header click asks the host to sort; selection and Ctrl+C ask the host for TSV', async () => {
    await page.evaluate(() => {
      const h = (window as unknown as HostWindow).__host;
      h.rows = null;
      h.load('interact', h.syntheticColumns(20), 1000);
    });
    await page.waitForSelector('[role=row][data-row-index="3"] [role=gridcell][data-col-index="2"]:not(:empty)');
    await page.click('[role=columnheader][data-col-index="2"] .col-name');
    assert.deepEqual((await received('sort')).at(-1), { type: 'sort', runId: 'interact', column: 2 });
    await page.click('[role=row][data-row-index="1"] [role=gridcell][data-col-index="1"]');
    await page.click('[role=row][data-row-index="3"] [role=gridcell][data-col-index="2"]', { modifiers: ['Shift'] });
    await page.keyboard.press('Control+c');
    assert.deepEqual((await received('copy')).at(-1), {
      type: 'copy',
      runId: 'interact',
      viewVersion: 0,
      rowStart: 1,
      rowEnd: 4,
      colStart: 1,
      colEnd: 3,
      includeHeader: false,
    });
    assert.equal(await page.locator('[role=gridcell].selected').count(), 6);
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+c');
    assert.deepEqual((await received('copy')).at(-1), {
      type: 'copy',
      runId: 'interact',
      viewVersion: 0,
      rowStart: 0,
      rowEnd: 1000,
      colStart: 0,
      colEnd: 20,
      includeHeader: false,
    });
    await page.waitForFunction(() => document.getElementById('notice')?.textContent === 'Copied 1000 rows × 20 columns');
  });

  test("a request the host's handler fails shows that handler's error, not a generic notice", async () => {
    await page.evaluate(() => {
      const h = (window as unknown as HostWindow).__host;
      h.failRequests = { copy: 'the clipboard is not available' };
    });
    await page.click('[role=row][data-row-index="1"] [role=gridcell][data-col-index="1"]');
    await page.keyboard.press('Control+c');
    await page.waitForFunction(() => document.getElementById('notice')?.textContent === 'the clipboard is not available');
    assert.equal(await page.getAttribute('#notice', 'class'), 'error');
    await page.evaluate(() => {
      (window as unknown as HostWindow).__host.failRequests = {};
    });
  });

  test('column resize by dragging the header edge', async () => {
    const header = page.locator('[role=columnheader][data-col-index="1"]');
    const before = (await header.boundingBox())!;
    const handle = (await page.locator('[role=columnheader][data-col-index="1"] .col-resizer').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + 80, handle.y + handle.height / 2, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction(
      (w) => (document.querySelector('[role=columnheader][data-col-index="1"]') as HTMLElement).offsetWidth > w + 60,
      before.width,
    );
    const cellWidth = await page.evaluate(
      () => (document.querySelector('[role=row][data-row-index="0"] [role=gridcell][data-col-index="1"]') as HTMLElement).offsetWidth,
    );
    const headerWidth = await page.evaluate(
      () => (document.querySelector('[role=columnheader][data-col-index="1"]') as HTMLElement).offsetWidth,
    );
    assert.equal(cellWidth, headerWidth);
    assert.equal((await received('sort')).filter((m) => m.runId === 'interact').length, 1, 'resizing does not sort');
  });

  test('Enter / double-click opens the detail pane with pretty JSON; Escape closes it', async () => {
    await page.evaluate(() => {
      const h = (window as unknown as HostWindow).__host;
      h.rows = null;
      h.load('detail', h.syntheticColumns(8), 50);
    });
    await page.dblclick('[role=row][data-row-index="2"] [role=gridcell][data-col-index="7"]');
    await page.waitForSelector('#detail:not([hidden])');
    assert.equal(await page.textContent('#detail-body'), JSON.stringify({ event: 'page_view', n: 2 }, null, 2));
    await page.keyboard.press('Escape');
    assert.equal(await page.isVisible('#detail'), false);
    await page.click('[role=row][data-row-index="1"] [role=gridcell][data-col-index="1"]');
    await page.keyboard.press('Enter');
    assert.equal(await page.textContent('#detail-body'), 'value 1 / col 1');
  });

  test('streaming: row count and elapsed update; Cancel asks the host; export waits for the end', async () => {
    await page.evaluate(() => {
      const h = (window as unknown as HostWindow).__host;
      h.rows = null;
      h.runId = 'stream';
      h.rowCount = 0;
      h.send({
        type: 'runStarted',
        runId: 'stream',
        title: 't.sql:3',
        sql: 'select 1',
        connectionName: 'local',
        startedAt: Date.now(),
        restore: { runId: 'stream', title: 't.sql:3', connectionName: 'local', sql: 'select 1' },
      });
      h.send({ type: 'columns', runId: 'stream', columns: h.syntheticColumns(3) });
    });
    await page.waitForSelector('body[data-state=running]');
    assert.equal(await page.isDisabled('#export-csv'), true);
    for (const n of [50, 500, 1234]) {
      await page.evaluate((count) => {
        const h = (window as unknown as HostWindow).__host;
        h.rowCount = count;
        h.send({ type: 'progress', runId: 'stream', rowCount: count, viewRowCount: count, viewVersion: 0, elapsedMs: count });
      }, n);
      await page.waitForFunction((count) => document.getElementById('row-count')!.textContent === String(count), n);
      assert.equal(await page.getAttribute('#grid', 'aria-rowcount'), String(n + 1));
    }
    assert.match((await page.textContent('#elapsed')) ?? '', /\d/);
    await page.click('#cancel');
    assert.deepEqual((await received('cancel')).at(-1), { type: 'cancel', runId: 'stream' });
    await page.evaluate(() =>
      (window as unknown as HostWindow).__host.send({
        type: 'runCancelled',
        runId: 'stream',
        rowCount: 1234,
        viewRowCount: 1234,
        viewVersion: 0,
        elapsedMs: 2000,
      }),
    );
    await page.waitForSelector('body[data-state=cancelled]');
    await page.click('#export-parquet');
    assert.deepEqual((await received('export')).at(-1), { type: 'export', runId: 'stream', format: 'parquet' });
  });

  test('an error shows the message and its line and column', async () => {
    await page.evaluate(() => {
      const h = (window as unknown as HostWindow).__host;
      h.send({
        type: 'runStarted',
        runId: 'bad',
        title: 't.sql:9',
        sql: 'select\n  frm',
        connectionName: 'local',
        startedAt: Date.now(),
        restore: { runId: 'bad', title: 't.sql:9', connectionName: 'local', sql: 'select\n  frm' },
      });
      h.send({
        type: 'runFailed',
        runId: 'bad',
        message: 'Parser Error: syntax error at or near "<frm>"',
        line: 10,
        column: 3,
        elapsedMs: 4,
      });
    });
    await page.waitForSelector('body[data-state=error]');
    assert.equal(await page.isVisible('#error'), true);
    const text = (await page.textContent('#error')) ?? '';
    assert.ok(text.includes('Parser Error: syntax error at or near "<frm>"'));
    assert.ok(text.includes('line 10, column 3'));
  });

  test('sort indicator and filter follow the host', async () => {
    await page.evaluate(() => {
      const h = (window as unknown as HostWindow).__host;
      h.rows = null;
      h.load('sorted', h.syntheticColumns(4), 100);
    });
    await page.waitForSelector('[role=row][data-row-index="0"] [role=gridcell]:not(:empty)');
    await page.fill('#filter', 'value 1');
    await page.waitForFunction(() =>
      (window as unknown as HostWindow).__host.received.some((m) => m.type === 'filter' && m.text === 'value 1'),
    );
    await page.evaluate(() => {
      const h = (window as unknown as HostWindow).__host;
      h.viewVersion = 1;
      h.rowCount = 11;
      h.send({
        type: 'viewChanged',
        runId: 'sorted',
        viewVersion: 1,
        viewRowCount: 11,
        sort: { column: 1, direction: 'desc' },
        filterText: 'value 1',
      });
    });
    await page.waitForFunction(() => document.getElementById('grid')!.getAttribute('aria-rowcount') === '12');
    assert.equal(await page.getAttribute('[role=columnheader][data-col-index="1"]', 'aria-sort'), 'descending');
    assert.equal(await page.textContent('#row-count'), '100');
  });

  test('each run is kept in the webview state without rows; a restored panel says the result is gone and its button asks to run again', async () => {
    await page.evaluate(() => {
      const h = (window as unknown as HostWindow).__host;
      h.rows = null;
      h.load('kept', h.syntheticColumns(3), 50);
    });
    await page.waitForSelector('[role=row][data-row-index="0"] [role=gridcell]:not(:empty)');
    // The state VS Code writes to disk is the host's RestorableRun, as sent: no rows travel into it.
    assert.deepEqual(await page.evaluate(() => (window as unknown as HostWindow).__host.savedState), {
      runId: 'kept',
      title: 'bench.sql:1',
      connectionName: 'local',
      sql: 'select 1',
    });

    const text =
      'The result of this query was not kept when the window reloaded: results live only in memory and are never written to disk.';
    await page.evaluate(
      (t) =>
        (window as unknown as HostWindow).__host.send({
          type: 'resultNotKept',
          runId: 'old-run',
          title: 'q.sql:4',
          sql: 'select <b>2</b>',
          connectionName: 'pg <local>',
          text: t,
          label: 'Run again',
        }),
      text,
    );
    await page.waitForSelector('body[data-state=not-kept]');
    assert.equal(await page.textContent('#offer-text'), text);
    assert.equal(await page.textContent('#offer-action'), 'Run again');
    assert.equal(await page.textContent('#title'), 'q.sql:4');
    assert.equal(await page.textContent('#connection'), 'pg <local>');
    assert.equal(await page.getAttribute('#grid', 'aria-rowcount'), '1');
    assert.equal(await page.isDisabled('#export-csv'), true);
    assert.equal(await page.isDisabled('#cancel'), true);
    const before = (await received('getRows')).length;
    await page.click('#offer-action');
    await page.waitForFunction(() => (window as unknown as HostWindow).__host.received.some((m) => m.type === 'runAgain'));
    assert.deepEqual((await received('runAgain')).at(-1), { type: 'runAgain', runId: 'old-run' });
    assert.deepEqual(await received('acceptOffer'), [], 'the restored panel button is not a run offer');
    assert.equal((await received('getRows')).length, before, 'a panel whose result is gone asks for no rows');

    // A new run replaces the notice.
    await page.evaluate(() => {
      const h = (window as unknown as HostWindow).__host;
      h.load('after', h.syntheticColumns(2), 5);
    });
    await page.waitForSelector('body[data-state=done]');
    assert.equal(await page.isVisible('#offer'), false);
  });

  test('no CSP violations and no page errors', async () => {
    assert.deepEqual(await page.evaluate(() => (window as unknown as HostWindow).__host.violations), []);
    assert.deepEqual(pageErrors, []);
  });
});
