// Results grid in Debian Chromium: the built webview bundle (dist/webviews/results.js) on a static
// page served from 127.0.0.1 with a fake host answering getRows from 1M synthetic rows × 20 columns.
//  - grid_first_paint_ms: host message (columns + row count) → first page requested, answered and
//    painted (wall clock). Baseline: painting a plain 50-row × 20-column HTML table in the same page.
//  - grid_scroll_frame_ms / grid_scroll_frame_p95_ms: mean / 95th percentile of the renderer main
//    thread's busy time per frame while scrolling through the 1M rows (alternating wheel-notch steps
//    and jumps across the whole range). Busy time is thread CPU time from a Chromium trace: this
//    2-core box is shared by every test suite, so wall-clock frame intervals mostly measure waiting
//    for a core (they are logged beside it). Baseline: an idle frame, measured the same way.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, readBuiltWebview, startHarness } from '../../test/unit/results/harness';
import { meets, type BenchResult, type BenchSuite } from '../types';

const ROWS = 1_000_000;
const COLUMNS = 20;
const PAINT_RUNS = 9;
const SCROLL_FRAMES = 600;
const IDLE_FRAMES = 120;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

// In-page helpers (serialized into the page with addInitScript).
const PAGE_HELPERS = String.raw`
window.__afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
// The first screenful: rows 0..k-1 all present with their cells (rows appear once their page is in).
window.__visibleRowsFilled = () => {
  const grid = document.getElementById('grid');
  const k = Math.floor((grid.clientHeight - 36) / 24);
  const shown = new Set([...grid.querySelectorAll('[role=row][data-row-index]')].filter((r) => !r.hidden && r.querySelector('[role=gridcell]')).map((r) => Number(r.dataset.rowIndex)));
  for (let i = 0; i < k; i++) if (!shown.has(i)) return false;
  return k > 0;
};
window.__whenFilled = () => new Promise((resolve) => {
  if (window.__visibleRowsFilled()) return resolve();
  const obs = new MutationObserver(() => { if (window.__visibleRowsFilled()) { obs.disconnect(); resolve(); } });
  obs.observe(document.getElementById('grid'), { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class'] });
});
window.__gridFirstPaint = async (runId) => {
  const host = window.__host;
  host.rows = null;
  const t0 = performance.now();
  host.load(runId, host.syntheticColumns(${COLUMNS}), ${ROWS});
  await new Promise((r) => setTimeout(r, 0)); // the load messages are queued, like a host's
  await window.__whenFilled();
  await window.__afterPaint();
  return performance.now() - t0;
};
window.__tableFirstPaint = async () => {
  const host = window.__host;
  const t0 = performance.now();
  const table = document.createElement('table');
  table.id = 'baseline-table';
  for (let r = 0; r < 50; r++) {
    const tr = document.createElement('tr');
    for (const v of host.rowAt(r)) { const td = document.createElement('td'); td.textContent = v === null ? 'NULL' : String(v); tr.append(td); }
    table.append(tr);
  }
  document.body.prepend(table);
  table.getBoundingClientRect();
  await window.__afterPaint();
  const ms = performance.now() - t0;
  table.remove();
  return ms;
};
window.__frames = (count, stepFor) => new Promise((resolve) => {
  const times = [];
  let last = 0;
  let i = 0;
  const frame = () => {
    const now = performance.now();
    if (i > 0) times.push(now - last);
    last = now;
    if (i >= count) return resolve(times);
    if (stepFor) stepFor(i);
    i++;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
});
window.__scrollFrames = (count) => {
  const g = document.getElementById('grid');
  const max = g.scrollHeight - g.clientHeight;
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return window.__frames(count, (i) => {
    if (i % 2 === 0) g.scrollTop = Math.min(max, g.scrollTop + 120); // a wheel notch
    else g.scrollTop = Math.floor(rand() * max);                     // a jump (drag of the scrollbar)
  });
};
`;

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  tdur?: number;
  args?: { name?: string };
}

/** Runs `expression` (resolving to rAF intervals) under a trace; returns per-frame main-thread
 * busy time (sum of the renderer main thread's task CPU time between animation frames). */
async function traced(browser: Browser, page: Page, expression: string): Promise<{ busy: number[]; wall: number[] }> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
  const wall = (await page.evaluate(expression)) as number[];
  const data = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(data) ? data : (data.traceEvents ?? []);
  const main = events.find(
    (e) =>
      e.ph === 'M' &&
      e.name === 'thread_name' &&
      e.args?.name === 'CrRendererMain' &&
      events.some((f) => f.pid === e.pid && f.name === 'FireAnimationFrame'),
  );
  if (!main) throw new Error('no renderer main thread in the trace');
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  // one 'AnimationFrame' async slice begins per rendered frame (there may be several rAF callbacks)
  const frames = onMain
    .filter((e) => e.ph === 'b' && e.name === 'AnimationFrame')
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const tasks = onMain
    .filter((e) => e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask'))
    .sort((a, b) => a.ts - b.ts);
  const busy = new Array<number>(Math.max(0, frames.length - 1)).fill(0);
  let f = 0;
  for (const task of tasks) {
    while (f < frames.length - 1 && task.ts >= frames[f + 1]) f++;
    if (task.ts >= frames[0] && f < busy.length) busy[f] += (task.tdur ?? 0) / 1000;
  }
  return { busy: busy.slice(1), wall };
}

const suite: BenchSuite = async ({ root, log }) => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  log('building (npm run build)');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  const harness = await startHarness(readBuiltWebview());
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(PAGE_HELPERS);
    await page.goto(harness.url);
    await page.waitForSelector('#grid[role=grid]');

    const gridPaint: number[] = [];
    const tablePaint: number[] = [];
    for (let i = 0; i < PAINT_RUNS; i++) {
      tablePaint.push(await page.evaluate(() => (window as unknown as { __tableFirstPaint(): Promise<number> }).__tableFirstPaint()));
      gridPaint.push(
        await page.evaluate(
          (id) => (window as unknown as { __gridFirstPaint(id: string): Promise<number> }).__gridFirstPaint(id),
          `paint-${i}`,
        ),
      );
    }
    const rowcount = await page.getAttribute('#grid', 'aria-rowcount');
    if (rowcount !== String(ROWS + 1)) throw new Error(`grid shows ${rowcount} rows, expected ${ROWS + 1}`);
    log(`first paint ms: grid ${gridPaint.map((x) => x.toFixed(1)).join(' ')} | table ${tablePaint.map((x) => x.toFixed(1)).join(' ')}`);

    const idle = await traced(browser, page, `window.__frames(${IDLE_FRAMES})`);
    const scroll = await traced(browser, page, `window.__scrollFrames(${SCROLL_FRAMES})`);
    const reached = await page.evaluate(() =>
      Math.max(
        ...[...document.querySelectorAll('#grid [role=row][data-row-index]')].map((r) => Number((r as HTMLElement).dataset.rowIndex)),
      ),
    );
    log(
      `scroll: ${scroll.busy.length} frames, main-thread busy mean ${mean(scroll.busy).toFixed(2)} ms, p95 ${p95(scroll.busy).toFixed(2)} ms, max ${Math.max(...scroll.busy).toFixed(1)} ms; ` +
        `wall-clock frame interval mean ${mean(scroll.wall).toFixed(1)} ms, p95 ${p95(scroll.wall).toFixed(1)} ms; idle busy ${mean(idle.busy).toFixed(2)} ms, idle interval ${mean(idle.wall).toFixed(1)} ms; rows reached up to #${reached}`,
    );
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);

    const result = (name: string, value: number, baseline: number, target: string): BenchResult => ({
      name,
      value,
      unit: 'ms',
      baseline,
      target,
      pass: meets(value, target),
    });
    return [
      result('grid_first_paint_ms', median(gridPaint), median(tablePaint), '<=200'),
      result('grid_scroll_frame_ms', mean(scroll.busy), mean(idle.busy), '<=16'),
      result('grid_scroll_frame_p95_ms', p95(scroll.busy), p95(idle.busy), '<=16'),
    ];
  } finally {
    await browser.close();
    await harness.close();
  }
};

export default suite;
