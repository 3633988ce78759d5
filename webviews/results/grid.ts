// The virtual grid. Rows: fixed height, so the visible range is O(1) arithmetic from scrollTop,
// and the scroll space is scaled down when rows × rowHeight would pass Chromium's maximum element
// height (~33.5M px). Columns: variable width (resizable), virtualized with @tanstack/virtual-core.
// Every value and column name goes through textContent; nothing from the data reaches innerHTML.
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';
import type { CellValue, GridColumn, SortSpec } from './protocol';

export const ROW_HEIGHT = 24;
const GUTTER = 64;
/** Well below Chromium's ~33,554,400 px limit for an element's height. */
export const MAX_CANVAS_HEIGHT = 15_000_000;
const MAX_CELL_CHARS = 500;
const PARKED_TOP = -100_000;
/** Every column is rendered when there are at most RENDER_ALL_COLUMNS of them (tests and
 * screen readers see whole rows) or all of them fit in RENDER_ALL_WIDTH_FACTOR viewport widths;
 * wider results render only the columns in view plus COLUMN_OVERSCAN on each side. */
const RENDER_ALL_COLUMNS = 12;
const RENDER_ALL_WIDTH_FACTOR = 1.5;
const COLUMN_OVERSCAN = 2;

export interface CellPos {
  row: number;
  col: number;
}

export interface GridCallbacks {
  /** The row, or undefined while its page is not loaded (the grid asks for it). */
  rowAt(index: number): CellValue[] | undefined;
  requestRows(first: number, last: number): void;
  headerClicked(column: number): void;
  selectionChanged(): void;
  openDetail(pos: CellPos): void;
}

interface RowSlot {
  el: HTMLDivElement;
  gutter: HTMLDivElement;
  cells: HTMLDivElement[];
  key: string;
  rowIndex: number;
  /** Top edge in the canvas, px. */
  y: number;
  /** The render pass that last used it. */
  frame?: number;
  width?: number;
}

/** A cell remembers what it shows, so unchanged cells cost no DOM writes. */
type CellEl = HTMLDivElement & { _col?: number; _left?: number; _width?: number; _cls?: string; _text?: string };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function cellText(value: CellValue): string {
  if (value === null) return 'NULL';
  const text = typeof value === 'string' ? value : String(value);
  const short = text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS) + '…' : text;
  return short.replace(/\r\n|\r|\n/g, '↵').replace(/\t/g, '⇥');
}

export function defaultWidth(column: GridColumn): number {
  const byFamily = column.family === 'integer' || column.family === 'boolean' ? 100 : column.family === 'float' || column.family === 'decimal' ? 120 : column.family === 'timestamp' ? 190 : column.family === 'date' ? 110 : 180;
  const byName = 16 + Math.max(column.name.length, column.type.length) * 7.5 + 20;
  return Math.round(Math.min(400, Math.max(byFamily, byName)));
}

export class Grid {
  readonly root: HTMLDivElement;
  private readonly header: HTMLDivElement;
  private readonly canvas: HTMLDivElement;
  private readonly layer: HTMLDivElement;
  private columns: GridColumn[] = [];
  private widths: number[] = [];
  private numeric: boolean[] = [];
  private headerCells: HTMLDivElement[] = [];
  private rowCount = 0;
  private slots: RowSlot[] = [];
  private frame = 0;
  private layoutStamp = 0;
  private dataStamp = 0;
  private selectionStamp = 0;
  private columnVirtualizer: Virtualizer<HTMLDivElement, HTMLDivElement> | undefined;
  private cleanupVirtualizer: (() => void) | undefined;
  private sort: SortSpec | undefined;
  private resizing = false;
  private anchorRow = 0;
  private anchorTop = 0;
  private lastScrollTop = 0;
  private anchorStale = true;
  private geometry = '';
  private frameCounter = 0;
  anchor: CellPos | undefined;
  focus: CellPos | undefined;
  /** Whole rows selected (from the gutter or Ctrl+A). */
  wholeRows = false;

  constructor(private readonly callbacks: GridCallbacks) {
    this.root = el('div', 'grid');
    this.root.id = 'grid';
    this.root.setAttribute('role', 'grid');
    this.root.setAttribute('aria-rowcount', '1');
    this.root.setAttribute('aria-multiselectable', 'true');
    this.root.tabIndex = 0;
    this.header = el('div', 'grid-header');
    this.header.setAttribute('role', 'row');
    this.header.setAttribute('aria-rowindex', '1');
    this.canvas = el('div', 'grid-canvas');
    this.layer = el('div', 'grid-rows');
    this.canvas.append(this.layer);
    this.root.append(this.header, this.canvas);
    this.root.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(this.root);
    this.root.addEventListener('mousedown', (e) => this.onMouseDown(e));
    this.root.addEventListener('dblclick', (e) => {
      const pos = this.posFromEvent(e);
      if (pos) this.callbacks.openDetail(pos);
    });
    this.header.addEventListener('click', (e) => this.onHeaderClick(e));
    this.header.addEventListener('pointerdown', (e) => this.onResizeStart(e));
  }

  get columnCount(): number {
    return this.columns.length;
  }

  get viewRowCount(): number {
    return this.rowCount;
  }

  setColumns(columns: GridColumn[]): void {
    this.columns = columns;
    this.numeric = columns.map(isNumeric);
    this.widths = columns.map(defaultWidth);
    this.root.setAttribute('aria-colcount', String(columns.length));
    this.headerCells = columns.map((column, i) => {
      const cell = el('div', 'col-header');
      cell.setAttribute('role', 'columnheader');
      cell.dataset.colIndex = String(i);
      cell.setAttribute('aria-colindex', String(i + 1));
      cell.title = `${column.name} (${column.type})`;
      const labels = el('div', 'col-labels');
      labels.append(el('span', 'col-name', column.name), el('span', 'col-type', column.type));
      cell.append(labels, el('span', 'sort-indicator'), el('div', 'col-resizer'));
      if (isNumeric(column)) cell.classList.add('num');
      return cell;
    });
    const corner = el('div', 'gutter corner', '#');
    this.header.replaceChildren(corner, ...this.headerCells);
    this.setupColumnVirtualizer();
    this.clearSelection();
    this.layoutStamp++;
    this.schedule();
  }

  setRowCount(count: number): void {
    if (count === this.rowCount) return;
    this.rowCount = count;
    this.anchorStale = true;
    this.root.setAttribute('aria-rowcount', String(count + 1));
    this.schedule();
  }

  setSort(sort: SortSpec | undefined): void {
    this.sort = sort;
    this.headerCells.forEach((cell, i) => {
      const dir = sort?.column === i ? sort.direction : undefined;
      cell.setAttribute('aria-sort', dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none');
      const indicator = cell.querySelector('.sort-indicator');
      if (indicator) indicator.textContent = dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '';
    });
  }

  /** Back to the first row and column (a new run, a new sort or filter). */
  resetScroll(): void {
    this.root.scrollTop = 0;
    this.root.scrollLeft = 0;
    this.anchorStale = true;
    this.schedule();
  }

  /** Cached rows changed (a page arrived or the view was replaced). */
  dataChanged(): void {
    this.dataStamp++;
    this.schedule();
  }

  schedule(): void {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  /** Renders now (used after the first page arrives so the paint is not a frame late). */
  renderNow(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.render();
  }

  // ---- geometry -------------------------------------------------------------------------

  private viewportRowsHeight(): number {
    return Math.max(0, this.root.clientHeight - this.header.offsetHeight);
  }

  private contentHeight(): number {
    return this.rowCount * ROW_HEIGHT;
  }

  private canvasHeight(): number {
    return Math.min(this.contentHeight(), MAX_CANVAS_HEIGHT);
  }

  private scaled(): boolean {
    return this.contentHeight() > MAX_CANVAS_HEIGHT;
  }

  /** The (fractional) row at the top of the viewport under the proportional mapping used for
   * jumps: scrollTop 0 ↔ row 0, the last scrollTop ↔ the last page. */
  private scaledFirstRow(scrollTop: number): number {
    if (!this.scaled()) return scrollTop / ROW_HEIGHT;
    const maxScroll = this.maxScrollTop();
    const maxFirst = this.maxFirstRow();
    return maxScroll > 0 ? (clamp(scrollTop, 0, maxScroll) / maxScroll) * maxFirst : 0;
  }

  private maxScrollTop(): number {
    return Math.max(0, this.canvasHeight() - this.viewportRowsHeight());
  }

  private maxFirstRow(): number {
    return Math.max(0, this.rowCount - this.viewportRowsHeight() / ROW_HEIGHT);
  }

  /** The row at the top of the viewport. Rows sit at `anchorTop + (row - anchorRow) × height`
   * in the canvas. Unscaled, the anchor is (0, 0). Scaled, small scrolls (wheel, keys) keep the
   * anchor, so rows stay put in the canvas and the browser just scrolls them (1 px = 1 px);
   * a jump, the edges, or too much drift from the proportional mapping re-anchor. */
  private firstRowFloat(scrollTop: number): number {
    if (!this.scaled()) {
      this.anchorRow = 0;
      this.anchorTop = 0;
    } else {
      const proportional = this.scaledFirstRow(scrollTop);
      const local = this.anchorRow + (scrollTop - this.anchorTop) / ROW_HEIGHT;
      const viewport = this.viewportRowsHeight();
      const jumped = Math.abs(scrollTop - this.lastScrollTop) > viewport;
      const atEdge = scrollTop <= 0 || scrollTop >= this.maxScrollTop() - 1;
      const drift = Math.abs(local - proportional) * ROW_HEIGHT > Math.max(viewport, 400);
      if (this.anchorStale || jumped || atEdge || drift || local < 0 || local > this.maxFirstRow()) {
        this.anchorRow = proportional;
        this.anchorTop = scrollTop;
        this.anchorStale = false;
      }
    }
    this.lastScrollTop = scrollTop;
    return this.anchorRow + (scrollTop - this.anchorTop) / ROW_HEIGHT;
  }

  private scrollTopForRow(row: number): number {
    const local = this.anchorTop + (row - this.anchorRow) * ROW_HEIGHT;
    if (!this.scaled() || (local >= 0 && local <= this.maxScrollTop())) return local;
    const maxFirst = this.maxFirstRow();
    return maxFirst > 0 ? (row / maxFirst) * this.maxScrollTop() : 0;
  }

  visibleRowCount(): number {
    return Math.max(1, Math.floor(this.viewportRowsHeight() / ROW_HEIGHT));
  }

  /** Scrolls the least needed so `row` is fully visible. */
  scrollRowIntoView(row: number): void {
    const top = this.firstRowFloat(this.root.scrollTop);
    const visible = this.viewportRowsHeight() / ROW_HEIGHT;
    if (row < top) this.root.scrollTop = this.scrollTopForRow(row);
    else if (row + 1 > top + visible) this.root.scrollTop = this.scrollTopForRow(row + 1 - visible);
    this.schedule();
  }

  private scrollColumnIntoView(col: number): void {
    if (!this.columnVirtualizer) return;
    let left = GUTTER;
    for (let i = 0; i < col; i++) left += this.widths[i];
    const right = left + this.widths[col];
    const view = this.root.clientWidth;
    if (left - GUTTER < this.root.scrollLeft) this.root.scrollLeft = left - GUTTER;
    else if (right > this.root.scrollLeft + view) this.root.scrollLeft = right - view;
  }

  private totalWidth(): number {
    return GUTTER + this.widths.reduce((a, b) => a + b, 0);
  }

  private setupColumnVirtualizer(): void {
    this.cleanupVirtualizer?.();
    const count = this.columns.length;
    this.columnVirtualizer = new Virtualizer<HTMLDivElement, HTMLDivElement>({
      count,
      horizontal: true,
      paddingStart: GUTTER,
      overscan: COLUMN_OVERSCAN,
      getScrollElement: () => this.root,
      estimateSize: (i) => this.widths[i] ?? 120,
      scrollToFn: elementScroll,
      observeElementRect,
      observeElementOffset,
      onChange: () => this.schedule(),
    });
    const unmount = this.columnVirtualizer._didMount();
    this.columnVirtualizer._willUpdate();
    this.cleanupVirtualizer = unmount;
  }

  // ---- render ---------------------------------------------------------------------------

  private render(): void {
    this.frame = 0;
    const width = this.totalWidth();
    // Style writes invalidate layout even when the value is unchanged: only write on change.
    const geometry = `${width}|${this.canvasHeight()}|${this.layoutStamp}`;
    if (geometry !== this.geometry) {
      this.geometry = geometry;
      this.header.style.width = `${width}px`;
      this.canvas.style.width = `${width}px`;
      this.canvas.style.height = `${this.canvasHeight()}px`;
      let left = GUTTER;
      this.headerCells.forEach((cell, i) => {
        cell.style.left = `${left}px`;
        cell.style.width = `${this.widths[i]}px`;
        left += this.widths[i];
      });
    }

    const scrollTop = this.root.scrollTop;
    const firstFloat = this.firstRowFloat(scrollTop);
    const first = Math.max(0, Math.floor(firstFloat));
    const visible = Math.ceil(this.viewportRowsHeight() / ROW_HEIGHT) + 1;
    const last = Math.min(this.rowCount - 1, first + visible);
    const rowTop = (rowIndex: number) => Math.round(this.anchorTop + (rowIndex - this.anchorRow) * ROW_HEIGHT);

    // Narrow results render every column; wide ones only the columns in view (plus overscan).
    let colStart = 0;
    let colEnd = this.columns.length - 1;
    if (this.columns.length > RENDER_ALL_COLUMNS && width > RENDER_ALL_WIDTH_FACTOR * Math.max(1, this.root.clientWidth)) {
      const items = this.columnVirtualizer?.getVirtualItems() ?? [];
      colStart = items.length ? items[0].index : 0;
      colEnd = items.length ? items[items.length - 1].index : -1;
    }
    const colOffsets: number[] = [];
    let x = GUTTER;
    for (let i = 0; i <= colEnd; i++) {
      if (i >= colStart) colOffsets.push(x);
      x += this.widths[i];
    }

    // Reuse the element that showed a row last frame for the same row, so a small scroll only
    // fills the rows that came into view. Rows whose page has not arrived yet get no element
    // this frame (the canvas shows through) instead of an empty row filled a frame later.
    const byRow = new Map<number, RowSlot>();
    const free: RowSlot[] = [];
    for (const slot of this.slots) {
      if (slot.rowIndex >= first && slot.rowIndex <= last && !byRow.has(slot.rowIndex)) byRow.set(slot.rowIndex, slot);
      else free.push(slot);
    }
    const frame = ++this.frameCounter;
    let missingFirst = -1;
    let missingLast = -1;
    for (let rowIndex = first; rowIndex <= last; rowIndex++) {
      const row = this.callbacks.rowAt(rowIndex);
      if (!row) {
        if (missingFirst < 0) missingFirst = rowIndex;
        missingLast = rowIndex;
        continue;
      }
      let slot = byRow.get(rowIndex);
      if (!slot) {
        // prefer an element already striped for this row's parity: no class change, no restyle
        const odd = rowIndex % 2 === 1;
        const k = free.findIndex((f) => f.el.classList.contains('odd') === odd);
        slot = (k >= 0 ? free.splice(k, 1)[0] : free.pop()) ?? this.createSlot();
        slot.rowIndex = rowIndex;
      }
      slot.frame = frame;
      const top = rowTop(rowIndex);
      if (slot.y !== top) {
        slot.y = top;
        slot.el.style.top = `${top}px`;
      }
      this.fillSlot(slot, rowIndex, row, colStart, colEnd, colOffsets, width);
    }
    // Unused elements are parked above the canvas (clipped, not painted) rather than hidden:
    // display:none → block would rebuild their layout when they are needed again a frame later.
    for (const slot of this.slots) {
      if (slot.frame === frame || slot.rowIndex === -1) continue;
      slot.el.style.top = `${PARKED_TOP}px`;
      slot.y = PARKED_TOP;
      slot.el.removeAttribute('role');
      slot.el.removeAttribute('aria-rowindex');
      delete slot.el.dataset.rowIndex;
      slot.rowIndex = -1;
      slot.key = '';
    }
    if (missingFirst >= 0) this.callbacks.requestRows(missingFirst, missingLast);
  }

  private createSlot(): RowSlot {
    const row = el('div', 'grid-row');
    row.setAttribute('role', 'row');
    const gutter = el('div', 'gutter');
    gutter.setAttribute('role', 'rowheader');
    row.append(gutter);
    this.layer.append(row);
    const slot: RowSlot = { el: row, gutter, cells: [], key: '', rowIndex: -1, y: -1 };
    this.slots.push(slot);
    return slot;
  }

  private fillSlot(slot: RowSlot, rowIndex: number, row: CellValue[] | undefined, colStart: number, colEnd: number, colOffsets: number[], width: number): void {
    const key = `${rowIndex}|${row ? 1 : 0}|${colStart}-${colEnd}|${this.dataStamp}|${this.layoutStamp}|${this.selectionStamp}`;
    if (slot.key === key) return;
    slot.key = key;
    const rowEl = slot.el;
    if (rowEl.dataset.rowIndex !== String(rowIndex)) {
      rowEl.setAttribute('role', 'row');
      rowEl.dataset.rowIndex = String(rowIndex);
      rowEl.setAttribute('aria-rowindex', String(rowIndex + 2));
      slot.gutter.textContent = String(rowIndex + 1);
    }
    if (slot.width !== width) {
      slot.width = width;
      rowEl.style.width = `${width}px`;
    }
    const sel = this.selectionRect();
    const rowSelected = !!sel && rowIndex >= sel.r0 && rowIndex <= sel.r1;
    const rowClass = `grid-row${rowIndex % 2 === 1 ? ' odd' : ''}${rowSelected && this.wholeRows ? ' row-selected' : ''}`;
    if (rowEl.className !== rowClass) rowEl.className = rowClass;
    const count = colEnd - colStart + 1;
    while (slot.cells.length < count) {
      const cell = el('div', 'cell') as CellEl;
      cell.setAttribute('role', 'gridcell');
      rowEl.append(cell);
      slot.cells.push(cell);
    }
    while (slot.cells.length > count) slot.cells.pop()?.remove();
    for (let k = 0; k < count; k++) {
      const col = colStart + k;
      const cell = slot.cells[k] as CellEl;
      const value = row ? row[col] : undefined;
      if (cell._col !== col) {
        cell._col = col;
        cell.dataset.colIndex = String(col);
        cell.setAttribute('aria-colindex', String(col + 1));
      }
      const left = colOffsets[k];
      const w = this.widths[col];
      if (cell._left !== left) {
        cell._left = left;
        cell.style.left = `${left}px`;
      }
      if (cell._width !== w) {
        cell._width = w;
        cell.style.width = `${w}px`;
      }
      const selected = rowSelected && !!sel && col >= sel.c0 && col <= sel.c1;
      const focused = !!this.focus && this.focus.row === rowIndex && this.focus.col === col;
      const cls = `cell${value === null ? ' cell-null' : ''}${this.numeric[col] ? ' num' : ''}${selected ? ' selected' : ''}${focused ? ' focused' : ''}`;
      if (cell._cls !== cls) {
        cell._cls = cls;
        cell.className = cls;
        cell.setAttribute('aria-selected', String(selected));
      }
      const text = value === undefined ? '' : cellText(value);
      if (cell._text !== text) {
        cell._text = text;
        cell.textContent = text;
      }
    }
  }

  // ---- selection ------------------------------------------------------------------------

  selectionRect(): { r0: number; r1: number; c0: number; c1: number } | undefined {
    if (!this.anchor || !this.focus) return undefined;
    return {
      r0: Math.min(this.anchor.row, this.focus.row),
      r1: Math.max(this.anchor.row, this.focus.row),
      c0: this.wholeRows ? 0 : Math.min(this.anchor.col, this.focus.col),
      c1: this.wholeRows ? this.columns.length - 1 : Math.max(this.anchor.col, this.focus.col),
    };
  }

  clearSelection(): void {
    this.anchor = undefined;
    this.focus = undefined;
    this.wholeRows = false;
    this.selectionChanged();
  }

  private selectionChanged(): void {
    this.selectionStamp++;
    this.schedule();
    this.callbacks.selectionChanged();
  }

  select(pos: CellPos, extend: boolean, wholeRows = false): void {
    if (!this.rowCount || !this.columns.length) return;
    const clamped = { row: clamp(pos.row, 0, this.rowCount - 1), col: clamp(pos.col, 0, this.columns.length - 1) };
    if (!extend || !this.anchor) this.anchor = clamped;
    this.focus = clamped;
    this.wholeRows = wholeRows;
    this.scrollRowIntoView(clamped.row);
    this.scrollColumnIntoView(clamped.col);
    this.selectionChanged();
  }

  selectAll(): void {
    if (!this.rowCount || !this.columns.length) return;
    this.anchor = { row: 0, col: 0 };
    this.focus = { row: this.rowCount - 1, col: this.columns.length - 1 };
    this.wholeRows = true;
    this.selectionChanged();
  }

  private posFromEvent(e: MouseEvent): CellPos | undefined {
    const target = e.target as HTMLElement | null;
    const rowEl = target?.closest<HTMLElement>('.grid-row');
    if (!rowEl || rowEl.dataset.rowIndex === undefined) return undefined;
    const cell = target?.closest<HTMLElement>('.cell');
    const row = Number(rowEl.dataset.rowIndex);
    return { row, col: cell?.dataset.colIndex !== undefined ? Number(cell.dataset.colIndex) : -1 };
  }

  private onMouseDown(e: MouseEvent): void {
    if (e.button !== 0) return;
    const pos = this.posFromEvent(e);
    if (!pos) return;
    this.root.focus({ preventScroll: true });
    if (pos.col < 0) {
      // gutter: whole rows
      this.select({ row: pos.row, col: this.focus?.col ?? 0 }, e.shiftKey, true);
    } else {
      this.select(pos, e.shiftKey, e.shiftKey && this.wholeRows);
    }
    e.preventDefault();
  }

  private onHeaderClick(e: MouseEvent): void {
    if (this.resizing) return;
    const target = e.target as HTMLElement | null;
    if (target?.closest('.col-resizer')) return;
    const header = target?.closest<HTMLElement>('[role=columnheader]');
    if (header?.dataset.colIndex !== undefined) this.callbacks.headerClicked(Number(header.dataset.colIndex));
  }

  private onResizeStart(e: PointerEvent): void {
    const target = e.target as HTMLElement | null;
    if (!target?.classList.contains('col-resizer')) return;
    const header = target.closest<HTMLElement>('[role=columnheader]');
    if (!header?.dataset.colIndex) return;
    const col = Number(header.dataset.colIndex);
    const startX = e.clientX;
    const startWidth = this.widths[col];
    this.resizing = true;
    target.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => {
      this.setColumnWidth(col, startWidth + ev.clientX - startX);
    };
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
      // the click that follows pointerup must not sort
      setTimeout(() => (this.resizing = false), 0);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
    e.preventDefault();
    e.stopPropagation();
  }

  setColumnWidth(col: number, width: number): void {
    this.widths[col] = Math.round(clamp(width, 40, 2000));
    this.columnVirtualizer?.resizeItem(col, this.widths[col]);
    this.layoutStamp++;
    this.schedule();
  }

  columnWidth(col: number): number {
    return this.widths[col];
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}

function isNumeric(column: GridColumn | undefined): boolean {
  return !!column && (column.family === 'integer' || column.family === 'float' || column.family === 'decimal');
}
