// The state behind every explorer tree (Clusters, Catalog, Manifests): each node's children,
// loaded a page at a time from a source, with "load more", an error (kept with its message until
// retried) and an empty state. Changes are reported through a callback with the key of the node
// whose children changed; the editor's tree provider only maps these entries to TreeItems.

/** One page of children, and where the next one starts (absent on the last page). */
export interface ChildPage<T> {
  items: T[];
  next?: string;
}

export interface TreeSource<T> {
  /** A key that stays the same for the same resource across reloads (e.g. `emr:j-2AXXX`). */
  key(item: T): string;
  /** Whether `item` can have children (leaves are never asked). */
  hasChildren(item: T): boolean;
  /** One page of the children of `parent` (undefined: the roots), from `cursor` (undefined: the first page). */
  children(parent: T | undefined, cursor: string | undefined, signal: AbortSignal): Promise<ChildPage<T>>;
  /** Shown when a node has no children, e.g. "No clusters in us-east-1". */
  emptyText?(parent: T | undefined): string;
}

/** What a tree shows under a node: its items, then at most one of error / empty / load more. */
export type TreeEntry<T> =
  | { kind: 'item'; key: string; item: T; hasChildren: boolean }
  | { kind: 'error'; key: string; parentKey: string; message: string }
  | { kind: 'empty'; key: string; parentKey: string; text: string }
  | { kind: 'loadMore'; key: string; parentKey: string };

/** The key of the invisible root. */
export const ROOT_KEY = '';

interface ChildState<T> {
  parent: T | undefined;
  items: T[];
  /** Cursor of the next page; undefined once the last page is in. */
  next: string | undefined;
  loaded: boolean;
  error?: string;
  loading?: Promise<void>;
  controller?: AbortController;
}

export class TreeModel<T> {
  private readonly states = new Map<string, ChildState<T>>();
  private readonly listeners = new Set<(parentKey: string) => void>();
  /** item key → the key of the node it was listed under. */
  private readonly parentOf = new Map<string, string>();
  /** Listings in flight for reload(). */
  private readonly reloads = new Set<AbortController>();

  constructor(private readonly source: TreeSource<T>) {}

  /** Calls `listener` with the key of the node whose children changed (ROOT_KEY for the roots). */
  onDidChange(listener: (parentKey: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  keyOf(item: T): string {
    return this.source.key(item);
  }

  /** The entries under `parent`, loading its first page if it was never loaded. */
  async children(parent?: T): Promise<TreeEntry<T>[]> {
    const key = parent === undefined ? ROOT_KEY : this.source.key(parent);
    let state = this.states.get(key);
    if (!state) {
      state = { parent, items: [], next: undefined, loaded: false };
      this.states.set(key, state);
    }
    if (!state.loaded && !state.error) await this.load(key, state, undefined);
    return this.entries(key, state);
  }

  /** Loads the next page under the node with `parentKey` and reports the change. */
  async loadMore(parentKey: string): Promise<void> {
    const state = this.states.get(parentKey);
    if (!state || state.next === undefined || state.loading) return state?.loading;
    await this.load(parentKey, state, state.next);
    this.fire(parentKey);
  }

  /** After an error: tries the page that failed again. */
  async retry(parentKey: string): Promise<void> {
    const state = this.states.get(parentKey);
    if (!state?.error) return;
    state.error = undefined;
    if (state.loaded && state.next !== undefined) return this.loadMore(parentKey);
    this.fire(parentKey); // the tree asks for the children again, which loads them
  }

  /** Forgets what was loaded under `parentKey` (default: everything) and reports the change. */
  refresh(parentKey: string = ROOT_KEY): void {
    this.states.get(parentKey)?.controller?.abort();
    this.states.delete(parentKey);
    this.forgetBelow(parentKey);
    this.fire(parentKey);
  }

  /**
   * Lists `parentKey`'s children again (as many pages as are shown) and reports a change only when
   * they differ from what is shown: a poll that finds nothing new re-renders nothing, so a row being
   * clicked or a context menu being read is not swept away. When they differ it acts as refresh.
   */
  async reload(parentKey: string = ROOT_KEY): Promise<void> {
    const shown = this.states.get(parentKey);
    if (!shown?.loaded || shown.loading || shown.error !== undefined) return this.refresh(parentKey);
    const controller = new AbortController();
    this.reloads.add(controller);
    const items: T[] = [];
    let next: string | undefined;
    let error: string | undefined;
    try {
      do {
        const page = await this.source.children(shown.parent, next, controller.signal);
        items.push(...page.items);
        next = page.next;
      } while (next !== undefined && items.length < shown.items.length);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    } finally {
      this.reloads.delete(controller);
    }
    // Refreshed, reloaded or disposed meanwhile: what is shown is newer than this listing.
    if (controller.signal.aborted || this.states.get(parentKey) !== shown) return;
    if (error === undefined && next === shown.next && sameItems(items, shown.items)) return;
    this.forgetBelow(parentKey);
    this.states.set(parentKey, { parent: shown.parent, items, next, loaded: error === undefined, error });
    for (const item of items) this.parentOf.set(this.source.key(item), parentKey);
    this.fire(parentKey);
  }

  dispose(): void {
    for (const controller of this.reloads) controller.abort();
    for (const state of this.states.values()) state.controller?.abort();
    this.states.clear();
    this.parentOf.clear();
    this.listeners.clear();
  }

  /** Forgets what was loaded under the children of `parentKey` (they are listed again when shown). */
  private forgetBelow(parentKey: string): void {
    for (const [key, state] of this.states) {
      if (key !== parentKey && (parentKey === ROOT_KEY || this.isUnder(key, parentKey))) {
        state.controller?.abort();
        this.states.delete(key);
      }
    }
  }

  private isUnder(key: string, ancestorKey: string): boolean {
    const seen = new Set<string>();
    for (let k = this.parentOf.get(key); k !== undefined && !seen.has(k); k = this.parentOf.get(k)) {
      if (k === ancestorKey) return true;
      seen.add(k);
    }
    return false;
  }

  private load(key: string, state: ChildState<T>, cursor: string | undefined): Promise<void> {
    if (state.loading) return state.loading;
    const controller = new AbortController();
    state.controller = controller;
    state.loading = (async () => {
      try {
        const page = await this.source.children(state.parent, cursor, controller.signal);
        if (controller.signal.aborted || this.states.get(key) !== state) return;
        state.items.push(...page.items);
        for (const item of page.items) this.parentOf.set(this.source.key(item), key);
        state.next = page.next;
        state.loaded = true;
        state.error = undefined;
      } catch (e) {
        if (controller.signal.aborted || this.states.get(key) !== state) return;
        state.error = e instanceof Error ? e.message : String(e);
      } finally {
        state.loading = undefined;
        state.controller = undefined;
      }
    })();
    return state.loading;
  }

  private entries(key: string, state: ChildState<T>): TreeEntry<T>[] {
    const out: TreeEntry<T>[] = state.items.map((item) => ({
      kind: 'item',
      key: this.source.key(item),
      item,
      hasChildren: this.source.hasChildren(item),
    }));
    if (state.error !== undefined) out.push({ kind: 'error', key: `${key}#error`, parentKey: key, message: state.error });
    else if (state.next !== undefined) out.push({ kind: 'loadMore', key: `${key}#more`, parentKey: key });
    else if (state.loaded && out.length === 0)
      out.push({ kind: 'empty', key: `${key}#empty`, parentKey: key, text: this.source.emptyText?.(state.parent) ?? 'Nothing here' });
    return out;
  }

  private fire(parentKey: string): void {
    for (const listener of this.listeners) listener(parentKey);
  }
}

/** Whether two listings show the same: same items, in the same order, with the same data. */
function sameItems<T>(a: T[], b: T[]): boolean {
  if (a.length !== b.length) return false;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false; // not plain data: count it as changed
  }
}
