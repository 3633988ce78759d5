// A TreeSource whose real source (with the AWS SDK in its bundle) is built on the first listing,
// and can be replaced (new settings, another active connection): the tree model keeps working
// with this one object. Items only exist once a source is loaded, so key/hasChildren find it.
import type { ChildPage, TreeSource } from '../../core/explorer/treeModel';

export class LazySource<T, S extends TreeSource<T> & { dispose(): void }> implements TreeSource<T> {
  private loading?: Promise<S>;
  loaded?: S;

  constructor(private readonly build: () => Promise<S>) {}

  load(): Promise<S> {
    if (!this.loading) {
      const loading = this.build().then((s) => {
        if (this.loading === loading) this.loaded = s;
        else s.dispose();
        return s;
      });
      // A failed build is tried again on the next listing (Retry).
      loading.catch(() => {
        if (this.loading === loading) this.loading = undefined;
      });
      this.loading = loading;
    }
    return this.loading;
  }

  /** Drops the current source; the next listing builds a new one. Refresh the model afterwards. */
  reset(): void {
    this.loaded?.dispose();
    this.loaded = undefined;
    this.loading = undefined;
  }

  key(item: T): string {
    return this.loaded!.key(item);
  }

  hasChildren(item: T): boolean {
    return this.loaded!.hasChildren(item);
  }

  emptyText(parent: T | undefined): string {
    return this.loaded?.emptyText?.(parent) ?? 'Nothing here';
  }

  async children(parent: T | undefined, cursor: string | undefined, signal: AbortSignal): Promise<ChildPage<T>> {
    return (await this.load()).children(parent, cursor, signal);
  }
}
