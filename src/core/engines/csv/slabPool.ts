// Recycles the 1 MB byte slabs that result blocks (csvBlocks.ts) are cut from. A result's bytes
// are kept for as long as the grid shows it; when it is replaced (the query runs again, another
// stored result opens) its blocks become garbage, and the next result would otherwise fault in
// fresh pages for every slab: on a VM that is ~8 µs per 4 KiB page, about 150 ms per million rows,
// more than finding the rows costs. Every block cut from a slab holds the slab's owner object;
// the slab goes back to the pool only once that owner has been collected (a FinalizationRegistry
// tells), so no reachable block ever sees its bytes overwritten. The pool is capped, and it
// empties itself once no result has asked for a slab for a while, so a closed result does not
// hold memory for long.

export interface SlabPoolOptions {
  slabBytes: number;
  /** Most free slabs kept. */
  maxFree: number;
  /** Free slabs are let go this long after the last take. */
  idleMs: number;
}

export interface TakenSlab {
  bytes: Buffer;
  /** Whatever reads `bytes` must hold this; the slab is reused only after it is garbage. */
  owner: object;
}

export class SlabPool {
  private free: ArrayBuffer[] = [];
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly registry = new FinalizationRegistry<ArrayBuffer>((buffer) => {
    if (this.free.length >= this.options.maxFree) return;
    this.free.push(buffer);
    // A result dropped long after the last take must not park its slabs here for good.
    if (!this.idleTimer) this.startIdleTimer();
  });

  constructor(private readonly options: SlabPoolOptions) {}

  get freeCount(): number {
    return this.free.length;
  }

  /** A slab of at least `size` bytes (more than slabBytes: a one-off allocation, never pooled). */
  take(size: number): TakenSlab {
    const { slabBytes } = this.options;
    const owner = {};
    this.touch();
    if (size > slabBytes) return { bytes: Buffer.allocUnsafeSlow(size), owner };
    const buffer = this.free.pop() ?? (Buffer.allocUnsafeSlow(slabBytes).buffer as ArrayBuffer);
    this.registry.register(owner, buffer);
    return { bytes: Buffer.from(buffer), owner };
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.startIdleTimer();
  }

  private startIdleTimer(): void {
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      this.free = [];
    }, this.options.idleMs);
    this.idleTimer.unref?.();
  }
}
