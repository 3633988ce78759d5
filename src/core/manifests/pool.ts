// A bounded-concurrency map: manifests issue many small independent AWS requests (month
// listings, per-run conditional writes) and must not open hundreds of sockets at once.

/** Maps `items` through `fn` with at most `concurrency` calls in flight; results keep order. */
export async function mapPool<T, R>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}
