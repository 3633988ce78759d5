// Recycles the 1 MB byte slabs that result blocks (csvBlocks.ts) are cut from. A result's bytes
// are kept for as long as the grid shows it; when it is replaced (the query runs again, another
// stored result opens) its blocks become garbage, and the next result would otherwise fault in
// fresh pages for every slab: on a VM that is ~8 µs per 4 KiB page, about 150 ms per million rows,
// more than finding the rows costs. A slab goes back to the pool only after every block cut from
// it has been collected (a FinalizationRegistry tells), so no live block ever sees its bytes
// overwritten. The pool is capped, and it empties itself once no result has asked for a slab
// for a while, so a closed result does not hold memory for long.

export interface SlabPoolOptions {
  slabBytes: number;
  /** Most free slabs kept. */
  maxFree: number;
  /** Free slabs are let go this long after the last take. */
  idleMs: number;
}

export interface Slab {
  readonly buffer: ArrayBuffer;
  /** Blocks cut from it that are still reachable. */
  live: number;
  /** No more blocks will be cut from it. */
  retired: boolean;
}

export class SlabPool {
  private free: ArrayBuffer[] = [];
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly registry = new FinalizationRegistry<Slab>((slab) => {
    slab.live--;
    this.giveBack(slab);
  });

  constructor(private readonly options: SlabPoolOptions) {}

  get freeCount(): number {
    return this.free.length;
  }

  /** A slab of at least `size` bytes (more than slabBytes: a one-off allocation, never pooled). */
  take(size: number): { bytes: Buffer; slab: Slab } {
    const { slabBytes } = this.options;
    const reused = size <= slabBytes ? this.free.pop() : undefined;
    const buffer = reused ?? Buffer.allocUnsafeSlow(Math.max(size, slabBytes)).buffer as ArrayBuffer;
    this.touch();
    return { bytes: Buffer.from(buffer), slab: { buffer, live: 0, retired: false } };
  }

  /** `block` holds bytes of `slab`: the slab is not reused before `block` is garbage. */
  hold(slab: Slab, block: object): void {
    slab.live++;
    this.registry.register(block, slab);
  }

  /** Nothing more is cut from `slab`. */
  retire(slab: Slab): void {
    slab.retired = true;
    this.giveBack(slab);
  }

  private giveBack(slab: Slab): void {
    if (slab.live > 0 || !slab.retired || slab.buffer.byteLength !== this.options.slabBytes) return;
    if (this.free.length < this.options.maxFree) this.free.push(slab.buffer);
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      this.free = [];
    }, this.options.idleMs);
    this.idleTimer.unref?.();
  }
}
