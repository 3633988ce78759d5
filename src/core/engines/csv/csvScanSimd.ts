// The WebAssembly SIMD record finder (csvScan.wat) and the memory it scans: the block reader's
// unparsed bytes live in the module's memory, so the JavaScript scanner, which takes over at any
// record the SIMD one does not handle, reads the very same bytes. About three times faster than
// the JavaScript scanner on Athena's usual output (bench: athena_fetch_1m_vs_download).
import { Buffer } from 'node:buffer';
import { CSV_SCAN_WASM } from './csvScanWasm';

/** Records reported per call; they are written below the bytes (so growing never moves them). */
const OUT_ROWS = 8192;
const WORK_AT = OUT_ROWS * 8;
const PAGE = 65536;
const FIRST_WORK_BYTES = 4 * PAGE;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is missing (the JS scanner does it all). */
function scanModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(CSV_SCAN_WASM, 'base64'));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

export interface WorkViews {
  work: Uint8Array<ArrayBuffer>;
  /** The same bytes, four at a time (work starts 8-byte aligned). */
  words: Uint32Array<ArrayBuffer>;
  workBuffer: Buffer;
}

interface ScanExports {
  memory: WebAssembly.Memory;
  scan(pos: number, n: number, out: number, max: number): number;
  stop: WebAssembly.Global;
  irregular: WebAssembly.Global;
}

export class SimdCsvScanner {
  views!: WorkViews;
  private out!: Int32Array;

  private constructor(private readonly exports: ScanExports) {
    exports.memory.grow(FIRST_WORK_BYTES / PAGE);
    this.refresh();
  }

  static create(): SimdCsvScanner | undefined {
    const module = scanModule();
    return module ? new SimdCsvScanner(new WebAssembly.Instance(module).exports as unknown as ScanExports) : undefined;
  }

  /** New views when `keep + more` bytes (and the sentinel) do not fit; the first `keep` stay put. */
  withRoom(keep: number, more: number): WorkViews | undefined {
    const need = keep + more + 16;
    const have = this.views.work.length;
    if (need <= have) return undefined;
    this.exports.memory.grow(Math.ceil((Math.max(need, have * 2) - have) / PAGE));
    this.refresh();
    return this.views;
  }

  /** Finds the complete records in work[pos, n) that are in Athena's usual shape, appending each
   * one's end and field count at `rows`. It stops at a record of another shape or at the
   * incomplete last one; `stop` is where that record starts (the JS scanner goes on from there). */
  scan(pos: number, n: number, ends: Int32Array, widths: Int32Array, rows: number): { rows: number; stop: number } {
    const { scan, stop, irregular } = this.exports;
    const out = this.out;
    for (;;) {
      const found = scan(WORK_AT + pos, WORK_AT + n, 0, OUT_ROWS);
      for (let r = 0, o = 0; r < found; r++, o += 2) {
        ends[rows] = out[o] - WORK_AT;
        widths[rows++] = out[o + 1];
      }
      pos = (stop.value as number) - WORK_AT;
      // Only a full batch of records, in the usual shape to its end, may have more behind it.
      if (irregular.value || found < OUT_ROWS) return { rows, stop: pos };
    }
  }

  private refresh(): void {
    const buffer = this.exports.memory.buffer;
    const size = buffer.byteLength - WORK_AT;
    this.views = {
      work: new Uint8Array(buffer, WORK_AT, size),
      words: new Uint32Array(buffer, WORK_AT, size >> 2),
      workBuffer: Buffer.from(buffer, WORK_AT, size),
    };
    this.out = new Int32Array(buffer, 0, OUT_ROWS * 2);
  }
}
