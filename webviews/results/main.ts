// Results webview: toolbar, the virtual grid, the cell detail pane, and the page cache that asks
// the host for rows as they scroll into view. The DOM ids/roles follow docs/architecture.md.
import './results.css';
import { formatElapsed, runInfoText } from '../../src/core/results/runInfo';
import { visibleText } from '../../src/core/text/visible';
import { Grid, columnText, type CellPos } from './grid';
import { HostClient } from '../shared/client';
import { $, make } from '../shared/dom';
import {
  AcceptOfferRequest,
  CancelCommand,
  ColumnsNotification,
  CopyRequest,
  ExportRequest,
  FilterRequest,
  GetRowsRequest,
  NoticeNotification,
  OfferNotification,
  PAGE_SIZE,
  ProgressNotification,
  ResultNotKeptNotification,
  RunAgainRequest,
  RunCancelledNotification,
  RunFailedNotification,
  RunFinishedNotification,
  RunStartedNotification,
  SortRequest,
  ViewChangedNotification,
  type CellValue,
  type GridColumn,
  type GetRowsParams,
} from './protocol';

/** `not-kept`: a panel restored after a window reload, whose result was never written to disk. */
type State = 'idle' | 'running' | 'done' | 'error' | 'cancelled' | 'not-kept';

const host = new HostClient();

/** A request whose failure the user should see (the host handler's own error message). */
function ask<T>(reply: Promise<T>): void {
  reply.then(undefined, (e: unknown) => showNotice(e instanceof Error ? e.message : String(e), 'error'));
}

// ---- layout -------------------------------------------------------------------------------
function buildLayout(): void {
  const toolbar = make('div', { id: 'toolbar', role: 'toolbar' });
  const status = make('div', { class: 'status' });
  status.append(
    make('span', { id: 'title', class: 'title' }),
    make('span', { id: 'connection', class: 'connection' }),
    make('span', { class: 'count' }),
    make('span', { id: 'elapsed', class: 'elapsed' }),
    make('span', { id: 'info', class: 'info' }),
  );
  const count = status.querySelector('.count') as HTMLElement;
  count.append(
    make('span', { id: 'row-count' }, '0'),
    make('span', { class: 'count-label' }, ' rows'),
    make('span', { id: 'view-count', class: 'view-count' }),
  );
  const actions = make('div', { class: 'actions' });
  const filterColumn = make('select', { id: 'filter-column', title: 'Filter column', 'aria-label': 'Filter column' });
  filterColumn.append(make('option', { value: '' }, 'All columns'));
  actions.append(
    make('input', { id: 'filter', type: 'search', placeholder: 'Filter rows', 'aria-label': 'Filter rows', spellcheck: 'false' }),
    filterColumn,
    make('button', { id: 'cancel', type: 'button', title: 'Cancel the running query' }, 'Cancel'),
    make('button', { id: 'export-csv', type: 'button', title: 'Export all rows as CSV' }, 'CSV'),
    make('button', { id: 'export-jsonl', type: 'button', title: 'Export all rows as JSON lines' }, 'JSONL'),
    make('button', { id: 'export-parquet', type: 'button', title: 'Export all rows as Parquet' }, 'Parquet'),
  );
  toolbar.append(status, actions);
  const error = make('div', { id: 'error', role: 'alert' });
  error.hidden = true;
  // A follow-up the host offers for this run (e.g. "UNLOAD to S3" for a very large Redshift result).
  const offer = make('div', { id: 'offer', role: 'status' });
  offer.append(make('span', { id: 'offer-text' }), make('button', { id: 'offer-action', type: 'button' }));
  offer.hidden = true;
  // Styled through the CSSOM (allowed by the CSP) so results.css stays untouched.
  Object.assign(offer.style, {
    padding: '4px 8px',
    borderBottom: '1px solid var(--vscode-panel-border, #444)',
    background: 'var(--vscode-editorInfo-background, transparent)',
  });
  (offer.lastElementChild as HTMLElement).style.marginLeft = '8px';
  const main = make('div', { id: 'main' });
  const detail = make('aside', { id: 'detail', 'aria-label': 'Cell detail' });
  detail.hidden = true;
  const detailHead = make('div', { class: 'detail-head' });
  detailHead.append(
    make('span', { id: 'detail-title' }),
    make('button', { id: 'detail-close', type: 'button', title: 'Close (Escape)' }, '×'),
  );
  detail.append(detailHead, make('pre', { id: 'detail-body', tabindex: '0' }));
  main.append(grid.root, detail);
  const notice = make('div', { id: 'notice', role: 'status' });
  document.body.append(toolbar, error, offer, main, notice);
  document.body.dataset.state = 'idle';
}

// ---- state --------------------------------------------------------------------------------
let runId = '';
let columns: GridColumn[] = [];
let rowCount = 0;
let viewVersion = 0;
let viewRowCount = 0;
let elapsedBase = 0;
let elapsedAt = 0;
let elapsedTimer = 0;
let nextRequestId = 1;
/** page index → rows (possibly a short last page) for the current view */
const pages = new Map<number, CellValue[][]>();
const pending = new Map<number, number>(); // page → the request asking for it
const MAX_CACHED_PAGES = 400;

const grid = new Grid({
  rowAt(index) {
    const page = pages.get(Math.floor(index / PAGE_SIZE));
    return page?.[index % PAGE_SIZE];
  },
  requestRows(first, last) {
    for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) requestPage(p);
  },
  headerClicked(column) {
    if (runId) ask(host.request(SortRequest, { runId, column }));
  },
  selectionChanged() {},
  openDetail,
});

function requestPage(page: number): void {
  if (pending.has(page) || !runId) return;
  const have = pages.get(page);
  const start = page * PAGE_SIZE;
  if (have && (have.length === PAGE_SIZE || start + have.length >= viewRowCount)) return;
  const requestId = nextRequestId++;
  pending.set(page, requestId);
  const params: GetRowsParams = { runId, viewVersion, start, count: PAGE_SIZE };
  host.request(GetRowsRequest, params).then(
    (reply) => reply && receiveRows(params, requestId, reply.rows),
    (e: unknown) => {
      if (pending.get(page) === requestId) pending.delete(page);
      showNotice(e instanceof Error ? e.message : String(e), 'error');
    },
  );
}

function receiveRows(request: GetRowsParams, requestId: number, rows: CellValue[][]): void {
  if (request.runId !== runId || request.viewVersion !== viewVersion) return;
  const page = Math.floor(request.start / PAGE_SIZE);
  if (pending.get(page) === requestId) pending.delete(page);
  pages.set(page, rows);
  if (pages.size > MAX_CACHED_PAGES) evictPages(page);
  grid.dataChanged();
  if (page === 0) grid.renderNow();
}

function resetPages(): void {
  pages.clear();
  pending.clear();
}

function setState(next: State): void {
  document.body.dataset.state = next;
  ($('cancel') as HTMLButtonElement).disabled = next !== 'running';
  const canExport = next === 'done' || next === 'cancelled';
  for (const f of ['csv', 'jsonl', 'parquet']) ($(`export-${f}`) as HTMLButtonElement).disabled = !canExport;
  if (next === 'running') startElapsedTimer();
  else stopElapsedTimer();
}

function setCounts(total: number, inView: number, version: number): void {
  rowCount = total;
  $('row-count').textContent = String(total);
  if (version !== viewVersion) return;
  viewRowCount = inView;
  $('view-count').textContent = inView !== total ? ` (${inView} shown)` : '';
  grid.setRowCount(inView);
  // a page that was short when fetched has grown since: fetch it again
  let stale = false;
  for (const [p, rows] of pages) {
    if (rows.length < PAGE_SIZE && p * PAGE_SIZE + rows.length < inView) {
      pages.delete(p);
      stale = true;
    }
  }
  if (stale) grid.dataChanged();
}

function setElapsed(ms: number): void {
  elapsedBase = ms;
  elapsedAt = performance.now();
  $('elapsed').textContent = formatElapsed(ms);
}

function startElapsedTimer(): void {
  if (elapsedTimer) return;
  elapsedTimer = window.setInterval(() => ($('elapsed').textContent = formatElapsed(elapsedBase + performance.now() - elapsedAt)), 100);
}

function stopElapsedTimer(): void {
  clearInterval(elapsedTimer);
  elapsedTimer = 0;
}

function setColumns(next: GridColumn[]): void {
  columns = next;
  grid.setColumns(next);
  const select = $('filter-column') as HTMLSelectElement;
  select.replaceChildren(make('option', { value: '' }, 'All columns'));
  next.forEach((c, i) => select.append(make('option', { value: String(i) }, columnText(c.name))));
}

function showNotice(text: string, kind: 'info' | 'error'): void {
  const notice = $('notice');
  notice.textContent = text;
  notice.className = kind;
  notice.hidden = false;
  window.setTimeout(() => {
    if (notice.textContent === text) notice.hidden = true;
  }, 4000);
}

// ---- notifications from the host -------------------------------------------------------
host.on(RunStartedNotification, (msg) => {
  host.saveState(msg.restore);
  runId = msg.runId;
  viewVersion = 0;
  resetPages();
  closeDetail();
  $('title').textContent = msg.title;
  $('title').title = msg.sql;
  $('connection').textContent = msg.connectionName;
  $('info').textContent = '';
  $('error').hidden = true;
  $('error').textContent = '';
  $('offer').hidden = true;
  ($('filter') as HTMLInputElement).value = '';
  setColumns(msg.columns ?? []);
  grid.resetScroll();
  grid.setSort(undefined);
  setCounts(0, 0, 0);
  grid.setRowCount(0);
  setElapsed(0);
  setState('running');
});
host.on(ColumnsNotification, (msg) => {
  if (msg.runId === runId) setColumns(msg.columns);
});
host.on(ProgressNotification, (msg) => {
  if (msg.runId !== runId) return;
  setCounts(msg.rowCount, msg.viewRowCount, msg.viewVersion);
  setElapsed(msg.elapsedMs);
});
host.on(RunFinishedNotification, (msg) => {
  if (msg.runId !== runId) return;
  setCounts(msg.rowCount, msg.viewRowCount, msg.viewVersion);
  setElapsed(msg.elapsedMs);
  $('info').textContent = runInfoText(msg.info);
  setState('done');
});
host.on(RunCancelledNotification, (msg) => {
  if (msg.runId !== runId) return;
  setCounts(msg.rowCount, msg.viewRowCount, msg.viewVersion);
  setElapsed(msg.elapsedMs);
  $('info').textContent = 'cancelled';
  setState('cancelled');
});
host.on(RunFailedNotification, (msg) => {
  if (msg.runId !== runId) return;
  setElapsed(msg.elapsedMs);
  const error = $('error');
  error.replaceChildren(make('span', { class: 'error-message' }, msg.message));
  if (msg.line !== undefined) error.append(make('span', { class: 'error-position' }, `line ${msg.line}, column ${msg.column ?? 1}`));
  error.hidden = false;
  setState('error');
});
host.on(ViewChangedNotification, (msg) => {
  if (msg.runId !== runId) return;
  viewVersion = msg.viewVersion;
  resetPages();
  grid.setSort(msg.sort);
  grid.clearSelection();
  grid.resetScroll();
  setCounts(rowCount, msg.viewRowCount, msg.viewVersion);
  grid.dataChanged();
});
host.on(NoticeNotification, (msg) => showNotice(msg.text, msg.kind));
host.on(OfferNotification, (msg) => {
  if (msg.runId !== runId) return;
  $('offer-text').textContent = msg.text;
  $('offer-action').textContent = msg.label;
  $('offer').hidden = false;
});

host.on(ResultNotKeptNotification, (msg) => {
  runId = msg.runId;
  viewVersion = 0;
  resetPages();
  closeDetail();
  $('title').textContent = msg.title;
  $('title').title = msg.sql;
  $('connection').textContent = msg.connectionName;
  $('info').textContent = 'result not kept';
  $('error').hidden = true;
  setColumns([]);
  setCounts(0, 0, 0);
  grid.setRowCount(0);
  setElapsed(0);
  $('offer-text').textContent = msg.text;
  $('offer-action').textContent = msg.label;
  $('offer').hidden = false;
  setState('not-kept');
});

/** Keeps memory bounded on long scrolls: drops the pages farthest from the one just loaded. */
function evictPages(near: number): void {
  const sorted = [...pages.keys()].sort((a, b) => Math.abs(b - near) - Math.abs(a - near));
  for (const p of sorted.slice(0, pages.size - MAX_CACHED_PAGES)) pages.delete(p);
}

// ---- detail pane --------------------------------------------------------------------------
function openDetail(pos: CellPos): void {
  if (pos.col < 0 || pos.col >= columns.length) return;
  const row = pages.get(Math.floor(pos.row / PAGE_SIZE))?.[pos.row % PAGE_SIZE];
  if (!row) return;
  const value = row[pos.col];
  const column = columns[pos.col];
  $('detail-title').textContent = `${columnText(column.name)} · row ${pos.row + 1}`;
  const body = $('detail-body');
  body.classList.toggle('cell-null', value === null);
  body.textContent = value === null ? 'NULL' : visibleText(prettyValue(value, column), { keepLayout: true });
  $('detail').hidden = false;
}

function prettyValue(value: Exclude<CellValue, null>, column: GridColumn): string {
  const text = String(value);
  const trimmed = text.trim();
  if (column.family === 'json' || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      /* not JSON: shown as is */
    }
  }
  return text;
}

function closeDetail(): void {
  const detail = document.getElementById('detail');
  if (detail) detail.hidden = true;
}

// ---- copy ---------------------------------------------------------------------------------
function copySelection(includeHeader: boolean): void {
  const rect = grid.selectionRect();
  if (!rect || !runId) return;
  ask(
    host
      .request(CopyRequest, {
        runId,
        viewVersion,
        rowStart: rect.r0,
        rowEnd: rect.r1 + 1,
        colStart: rect.c0,
        colEnd: rect.c1 + 1,
        includeHeader,
      })
      .then((copied) => {
        if (!copied) return;
        const { rows, columns: cols, truncated } = copied;
        showNotice(
          truncated
            ? `Copied the first ${rows} rows only (clipboard limit); use Export for the rest`
            : `Copied ${rows} row${rows === 1 ? '' : 's'} × ${cols} column${cols === 1 ? '' : 's'}`,
          truncated ? 'error' : 'info',
        );
      }),
  );
}

// ---- keyboard -----------------------------------------------------------------------------
function onGridKey(e: KeyboardEvent): void {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && e.key.toLowerCase() === 'a') {
    grid.selectAll();
    e.preventDefault();
    return;
  }
  if (mod && e.key.toLowerCase() === 'c') {
    copySelection(e.shiftKey);
    e.preventDefault();
    return;
  }
  const focus = grid.focus ?? { row: 0, col: 0 };
  const page = grid.visibleRowCount();
  let next: CellPos | undefined;
  switch (e.key) {
    case 'ArrowDown':
      next = { row: focus.row + 1, col: focus.col };
      break;
    case 'ArrowUp':
      next = { row: focus.row - 1, col: focus.col };
      break;
    case 'ArrowRight':
      next = { row: focus.row, col: focus.col + 1 };
      break;
    case 'ArrowLeft':
      next = { row: focus.row, col: focus.col - 1 };
      break;
    case 'PageDown':
      next = { row: focus.row + page, col: focus.col };
      break;
    case 'PageUp':
      next = { row: focus.row - page, col: focus.col };
      break;
    case 'Home':
      next = mod ? { row: 0, col: 0 } : { row: focus.row, col: 0 };
      break;
    case 'End':
      next = mod ? { row: grid.viewRowCount - 1, col: columns.length - 1 } : { row: focus.row, col: columns.length - 1 };
      break;
    case 'Enter':
      if (grid.focus) openDetail(grid.focus);
      e.preventDefault();
      return;
    case 'Escape':
      closeDetail();
      return;
    default:
      return;
  }
  grid.select(next, e.shiftKey, grid.wholeRows && e.shiftKey);
  e.preventDefault();
}

// ---- wiring -------------------------------------------------------------------------------
buildLayout();
setState('idle');
grid.root.addEventListener('keydown', onGridKey);
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') closeDetail();
});
$('detail-close').addEventListener('click', closeDetail);
$('cancel').addEventListener('click', () => runId && host.command(CancelCommand, { runId }));
$('offer-action').addEventListener(
  'click',
  () => runId && ask(host.request(document.body.dataset.state === 'not-kept' ? RunAgainRequest : AcceptOfferRequest, { runId })),
);
for (const format of ['csv', 'jsonl', 'parquet'] as const) {
  $(`export-${format}`).addEventListener('click', () => runId && ask(host.request(ExportRequest, { runId, format })));
}
let filterTimer = 0;
const sendFilter = () => {
  if (!runId) return;
  const text = ($('filter') as HTMLInputElement).value;
  const columnValue = ($('filter-column') as HTMLSelectElement).value;
  ask(host.request(FilterRequest, { runId, text, column: columnValue === '' ? undefined : Number(columnValue) }));
};
$('filter').addEventListener('input', () => {
  clearTimeout(filterTimer);
  filterTimer = window.setTimeout(sendFilter, 200);
});
$('filter-column').addEventListener('change', sendFilter);
host.ready();
