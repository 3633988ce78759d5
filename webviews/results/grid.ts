// The virtual grid. Rows: fixed height, so the visible range is O(1) arithmetic from scrollTop,
// and the scroll space is scaled down when rows × rowHeight would pass Chromium's maximum element
// height (~33.5M px). Columns: variable width (resizable), virtualized with @tanstack/virtual-core.
// Every value and column name goes through textContent or a text node's nodeValue; nothing from
// the data reaches innerHTML. Controls and bidi characters display as <U+XXXX> (copy keeps them).
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';
import { hasInvisible, visibleText } from '../../src/core/text/visible';
import type { CellValue, GridColumn, SortSpec } from './protocol';

export const ROW_HEIGHT = 24;
const GUTTER = 64;
/** Well below Chromium's ~33,554,400 px limit for an element's height. */
export const MAX_CANVAS_HEIGHT = 15_000_000;
const MAX_CELL_CHARS = 500;
const PARKED_TOP = -100_000;
/** Every column is rendered when there are at most RENDER_ALL_COLUMNS of them (tests and
 * screen readers see whole rows) or all of them fit in RENDER_ALL_WIDTH_FACTOR viewport widths;
 * wider results render only the columns in view plus COLUMN_OVERSCAN on each side. The grid
 * renders in the frame of the scroll event, so overscan only covers the compositor scrolling
 * ahead of the main thread; every rendered cell costs layout and paint on every jump. */
const RENDER_ALL_COLUMNS = 12;
const RENDER_ALL_WIDTH_FACTOR = 1.5;
const COLUMN_OVERSCAN = 1;

export interface CellPos {
  row: number;
  col: number;
}

export interface SelectionRect {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
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
  gutterText: Text;
  cells: CellEl[];
  /** The view row shown, or -1 while parked (no role, no data-row-index). */
  rowIndex: number;
  /** What the cells were last filled from: the row array itself (a page that arrives again is a
   * new array) and the column window / stamps then current. Unchanged → the row costs nothing. */
  row: CellValue[] | undefined;
  colStart: number;
  colEnd: number;
  layoutStamp: number;
  selectionStamp: number;
  rowClass: string;
  odd: boolean;
  /** Top edge in the canvas, px. */
  y: number;
  /** The render pass that last used it. */
  frame: number;
  width: number;
}

/** A cell keeps one text node and remembers what it shows, so unchanged cells cost no DOM writes
 * and changed ones only a `nodeValue` write (no node replaced, no layout object rebuilt). */
type CellEl = HTMLDivElement & { _t: Text; _col: number; _width: number; _margin: number; _cls: string; _sel: boolean; _text: string };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** What a cell shows for a value: NULL, at most MAX_CELL_CHARS, line breaks and tabs as ↵ and ⇥,
 * every other control, bidi or zero-width character as <U+XXXX> (a value cannot reorder or hide
 * text on screen). Only the display: copy and export carry the value itself. */
export function cellText(value: CellValue): string {
  if (value === null) return 'NULL';
  const text = typeof value === 'string' ? value : String(value);
  const short = text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS) + '…' : text;
  return hasInvisible(short) ? visibleText(short.replace(/\r\n|\r|\n/g, '↵').replace(/\t/g, '⇥')) : short;
}

/** A column name as shown in the header, the filter list and the detail title. */
export const columnText = (name: string): string => visibleText(name);

/** The class list of a cell, from a table rather than built per cell. */
const CELL_CLASSES: string[] = [];
for (let bits = 0; bits < 16; bits++) {
  CELL_CLASSES.push(
    `cell${bits & 1 ? ' cell-null' : ''}${bits & 2 ? ' num' : ''}${bits & 4 ? ' selected' : ''}${bits & 8 ? ' focused' : ''}`,
  );
}
function cellClass(isNull: boolean, numeric: boolean, selected: boolean, focused: boolean): string {
  return CELL_CLASSES[(isNull ? 1 : 0) | (numeric ? 2 : 0) | (selected ? 4 : 0) | (focused ? 8 : 0)];
}

export function defaultWidth(column: GridColumn): number {
  const byFamily =
    column.family === 'integer' || column.family === 'boolean'
      ? 100
      : column.family === 'float' || column.family === 'decimal'
        ? 120
        : column.family === 'timestamp'
          ? 190
          : column.family === 'date'
            ? 110
            : 180;
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
  private selectionStamp = 0;
  private columnVirtualizer: Virtualizer<HTMLDivElement, HTMLDivElement> | undefined;
  private cleanupVirtualizer: (() => void) | undefined;
  private sort: SortSpec | undefined;
  private resizing = false;
  private anchorRow = 0;
  private anchorTop = 0;
  private lastScrollTop = 0;
  private anchorStale = true;
  private geoWidth = -1;
  private geoHeight = -1;
  private geoStamp = -1;
  private frameCounter = 0;
  /** Viewport size for the rows (below the header) and width, from measure(). */
  private viewH = 0;
  private viewW = 0;
  // scratch arrays reused by every render (no per-frame allocation)
  private readonly byOffset: (RowSlot | undefined)[] = [];
  private readonly freeOdd: RowSlot[] = [];
  private readonly freeEven: RowSlot[] = [];
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
      cell.title = `${columnText(column.name)} (${columnText(column.type)})`;
      const labels = el('div', 'col-labels');
      labels.append(el('span', 'col-name', columnText(column.name)), el('span', 'col-type', columnText(column.type)));
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

  /** Reads the viewport size (the only layout reads of a frame, made before any write). */
  private measure(): void {
    this.viewH = Math.max(0, this.root.clientHeight - this.header.offsetHeight);
    this.viewW = this.root.clientWidth;
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
    return Math.max(0, this.canvasHeight() - this.viewH);
  }

  private maxFirstRow(): number {
    return Math.max(0, this.rowCount - this.viewH / ROW_HEIGHT);
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
      const viewport = this.viewH;
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
    this.measure();
    return Math.max(1, Math.floor(this.viewH / ROW_HEIGHT));
  }

  /** Scrolls the least needed so `row` is fully visible. */
  scrollRowIntoView(row: number): void {
    this.measure();
    const top = this.firstRowFloat(this.root.scrollTop);
    const visible = this.viewH / ROW_HEIGHT;
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
    let width = GUTTER;
    for (const w of this.widths) width += w;
    return width;
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
  // One pass per animation frame. All layout reads (scrollTop, the viewport size) come first,
  // while layout is still clean from the last frame; everything after is writes, and only of
  // values that changed (a style write invalidates layout even when the value is the same).

  private render(): void {
    this.frame = 0;
    const scrollTop = this.root.scrollTop;
    this.measure();
    const width = this.totalWidth();
    const canvasHeight = this.canvasHeight();
    if (width !== this.geoWidth || canvasHeight !== this.geoHeight || this.layoutStamp !== this.geoStamp) {
      this.geoWidth = width;
      this.geoHeight = canvasHeight;
      this.geoStamp = this.layoutStamp;
      this.header.style.width = `${width}px`;
      this.canvas.style.width = `${width}px`;
      this.canvas.style.height = `${canvasHeight}px`;
      let left = GUTTER;
      for (let i = 0; i < this.headerCells.length; i++) {
        const cell = this.headerCells[i];
        cell.style.left = `${left}px`;
        cell.style.width = `${this.widths[i]}px`;
        left += this.widths[i];
      }
    }

    // The rows that intersect the viewport: from the one under its top edge to the one under its
    // bottom edge (first + ceil(viewport / row height) when the top row is cut), no more.
    const firstFloat = this.firstRowFloat(scrollTop);
    const first = Math.max(0, Math.floor(firstFloat));
    const last = Math.min(this.rowCount - 1, first + Math.ceil(this.viewH / ROW_HEIGHT));

    // Narrow results render every column; wide ones only the columns in view (plus overscan).
    let colStart = 0;
    let colEnd = this.columns.length - 1;
    if (this.columns.length > RENDER_ALL_COLUMNS && width > RENDER_ALL_WIDTH_FACTOR * Math.max(1, this.viewW)) {
      const items = this.columnVirtualizer?.getVirtualItems() ?? [];
      colStart = items.length ? items[0].index : 0;
      colEnd = items.length ? items[items.length - 1].index : -1;
    }
    let startX = GUTTER;
    for (let i = 0; i < colStart; i++) startX += this.widths[i];

    // Reuse the element that showed a row last frame for the same row, so a small scroll only
    // fills the rows that came into view. Rows whose page has not arrived yet get no element
    // this frame (the canvas shows through) instead of an empty row filled a frame later.
    const count = Math.max(0, last - first + 1);
    const byOffset = this.byOffset;
    byOffset.length = count;
    byOffset.fill(undefined);
    const freeOdd = this.freeOdd;
    const freeEven = this.freeEven;
    freeOdd.length = 0;
    freeEven.length = 0;
    for (const slot of this.slots) {
      const o = slot.rowIndex - first;
      if (slot.rowIndex >= 0 && o >= 0 && o < count) byOffset[o] = slot;
      else (slot.odd ? freeOdd : freeEven).push(slot);
    }
    const sel = this.selectionRect();
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
      // a free element already striped for this row's parity needs no class change (no restyle)
      const odd = (rowIndex & 1) === 1;
      const slot =
        byOffset[rowIndex - first] ?? (odd ? (freeOdd.pop() ?? freeEven.pop()) : (freeEven.pop() ?? freeOdd.pop())) ?? this.createSlot();
      slot.frame = frame;
      const top = Math.round(this.anchorTop + (rowIndex - this.anchorRow) * ROW_HEIGHT);
      if (slot.y !== top) {
        slot.y = top;
        slot.el.style.top = `${top}px`;
      }
      this.fillSlot(slot, rowIndex, row, colStart, colEnd, startX, width, sel);
    }
    // Unused elements lose their row identity (role, index) and, if they could be scrolled into
    // view soon (within a viewport of it), are parked above the canvas (clipped, not painted)
    // rather than hidden: display:none → block would rebuild their layout when they are needed
    // again a frame later. Those already far from the viewport (a jump) stay put: no style write.
    const nearTop = scrollTop - this.viewH - ROW_HEIGHT;
    const nearBottom = scrollTop + 2 * this.viewH;
    for (const slot of this.slots) {
      if (slot.frame === frame) continue;
      if (slot.rowIndex !== -1) {
        slot.el.removeAttribute('role');
        slot.el.removeAttribute('aria-rowindex');
        slot.el.removeAttribute('data-row-index');
        slot.rowIndex = -1;
        slot.row = undefined;
      }
      if (slot.y !== PARKED_TOP && slot.y > nearTop && slot.y < nearBottom) {
        slot.el.style.top = `${PARKED_TOP}px`;
        slot.y = PARKED_TOP;
      }
    }
    if (missingFirst >= 0) this.callbacks.requestRows(missingFirst, missingLast);
  }

  private createSlot(): RowSlot {
    const row = el('div', 'grid-row');
    const gutter = el('div', 'gutter');
    gutter.setAttribute('role', 'rowheader');
    const gutterText = document.createTextNode('');
    gutter.append(gutterText);
    row.append(gutter);
    this.layer.append(row);
    const slot: RowSlot = {
      el: row,
      gutter,
      gutterText,
      cells: [],
      rowIndex: -1,
      row: undefined,
      colStart: -1,
      colEnd: -1,
      layoutStamp: -1,
      selectionStamp: -1,
      rowClass: 'grid-row',
      odd: false,
      y: -1,
      frame: 0,
      width: -1,
    };
    this.slots.push(slot);
    return slot;
  }

  private createCell(): CellEl {
    const cell = el('div', 'cell') as CellEl;
    cell.setAttribute('role', 'gridcell');
    cell.setAttribute('aria-selected', 'false');
    cell._t = document.createTextNode('');
    cell.append(cell._t);
    cell._col = -1;
    cell._width = -1;
    cell._margin = 0;
    cell._cls = 'cell';
    cell._sel = false;
    cell._text = '';
    return cell;
  }

  /** Cells sit in the row's flex line after the gutter (no positioned box, no paint layer per
   * cell); when the columns are virtualized the first one carries the offset of those skipped. */
  private fillSlot(
    slot: RowSlot,
    rowIndex: number,
    row: CellValue[],
    colStart: number,
    colEnd: number,
    startX: number,
    width: number,
    sel: SelectionRect | undefined,
  ): void {
    if (
      slot.rowIndex === rowIndex &&
      slot.row === row &&
      slot.colStart === colStart &&
      slot.colEnd === colEnd &&
      slot.layoutStamp === this.layoutStamp &&
      slot.selectionStamp === this.selectionStamp
    )
      return;
    const rowEl = slot.el;
    if (slot.rowIndex !== rowIndex) {
      if (slot.rowIndex === -1) rowEl.setAttribute('role', 'row');
      const index = String(rowIndex);
      rowEl.setAttribute('data-row-index', index);
      rowEl.setAttribute('aria-rowindex', String(rowIndex + 2));
      slot.gutterText.nodeValue = String(rowIndex + 1);
      slot.rowIndex = rowIndex;
    }
    slot.row = row;
    slot.colStart = colStart;
    slot.colEnd = colEnd;
    slot.layoutStamp = this.layoutStamp;
    slot.selectionStamp = this.selectionStamp;
    if (slot.width !== width) {
      slot.width = width;
      rowEl.style.width = `${width}px`;
    }
    const rowSelected = !!sel && rowIndex >= sel.r0 && rowIndex <= sel.r1;
    const odd = (rowIndex & 1) === 1;
    const rowClass = odd
      ? rowSelected && this.wholeRows
        ? 'grid-row odd row-selected'
        : 'grid-row odd'
      : rowSelected && this.wholeRows
        ? 'grid-row row-selected'
        : 'grid-row';
    if (slot.rowClass !== rowClass) {
      slot.rowClass = rowClass;
      rowEl.className = rowClass;
    }
    slot.odd = odd;
    const count = colEnd - colStart + 1;
    const cells = slot.cells;
    while (cells.length < count) {
      const cell = this.createCell();
      rowEl.append(cell);
      cells.push(cell);
    }
    while (cells.length > count) cells.pop()?.remove();
    const focus = this.focus;
    const focusCol = focus && focus.row === rowIndex ? focus.col : -1;
    for (let k = 0; k < count; k++) {
      const col = colStart + k;
      const cell = cells[k];
      const value = row[col];
      if (cell._col !== col) {
        cell._col = col;
        cell.setAttribute('data-col-index', String(col));
        cell.setAttribute('aria-colindex', String(col + 1));
      }
      const w = this.widths[col];
      if (cell._width !== w) {
        cell._width = w;
        cell.style.width = `${w}px`;
      }
      const margin = k === 0 ? startX - GUTTER : 0;
      if (cell._margin !== margin) {
        cell._margin = margin;
        cell.style.marginLeft = margin ? `${margin}px` : '';
      }
      const selected = rowSelected && col >= sel!.c0 && col <= sel!.c1;
      const cls = cellClass(value === null, this.numeric[col], selected, col === focusCol);
      if (cell._cls !== cls) {
        cell._cls = cls;
        cell.className = cls;
      }
      if (cell._sel !== selected) {
        cell._sel = selected;
        cell.setAttribute('aria-selected', String(selected));
      }
      const text = value === undefined ? '' : cellText(value);
      if (cell._text !== text) {
        cell._text = text;
        cell._t.nodeValue = text;
      }
    }
  }

  // ---- selection ------------------------------------------------------------------------

  selectionRect(): SelectionRect | undefined {
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
