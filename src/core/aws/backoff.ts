// Polling helpers for asynchronous AWS query APIs (Athena, Redshift Data API).
import { CancelledError } from '../engines/engine';

export interface BackoffOptions {
  /** First wait in ms (default 100). */
  initialMs?: number;
  /** Cap in ms (default 2000): long queries are still noticed within ~2 s of finishing. */
  maxMs?: number;
  /** Growth factor per poll (default 1.6). */
  factor?: number;
}

/** Yields capped exponential delays: initial, initial*f, … , max, max, … */
export function* backoffDelays(options: BackoffOptions = {}): Generator<number, never> {
  const max = options.maxMs ?? 2000;
  let delay = Math.min(options.initialMs ?? 100, max);
  const factor = options.factor ?? 1.6;
  for (;;) {
    yield delay;
    delay = Math.min(max, Math.round(delay * factor));
  }
}

/** Resolves after `ms`; rejects with CancelledError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
