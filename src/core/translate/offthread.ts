// Translation off the calling thread: small inputs translate in place (they take milliseconds), larger
// ones in a worker thread that a timeout or a cancellation terminates, so the caller never freezes.
import { Worker } from 'node:worker_threads';
import type { TranslateOptions, TranslateResult } from './api';
import { translate } from './index';

/** Inputs up to this many characters translate on the calling thread (well under 50 ms). */
export const INLINE_LIMIT = 20_000;

export interface OffThreadOptions {
  /** The worker script (the bundled src/core/translate/worker.ts). */
  workerFile: string;
  /** Stop and refuse after this long. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Overrides INLINE_LIMIT (tests). */
  inlineLimit?: number;
}

export class TranslationCancelled extends Error {
  constructor() {
    super('translation cancelled');
  }
}

export function translateOffThread(sql: string, options: TranslateOptions, o: OffThreadOptions): Promise<TranslateResult> {
  if (sql.length <= (o.inlineLimit ?? INLINE_LIMIT)) return Promise.resolve(translate(sql, options));
  return new Promise<TranslateResult>((resolve, reject) => {
    const worker = new Worker(o.workerFile);
    let settled = false;
    const finish = (f: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          resolve({
            ok: false,
            reason: `translation stopped after ${Math.round(o.timeoutMs / 1000)} s: the input (${sql.length} characters) is too large to translate in reasonable time; translate one statement at a time`,
            line: 1,
            column: 1,
          }),
        ),
      o.timeoutMs,
    );
    const onAbort = (): void => finish(() => reject(new TranslationCancelled()));
    if (o.signal?.aborted) {
      onAbort();
      return;
    }
    o.signal?.addEventListener('abort', onAbort);
    worker.once('message', (m: { result: TranslateResult }) => finish(() => resolve(m.result)));
    worker.once('error', (e) => finish(() => reject(e)));
    worker.once('exit', (code) => finish(() => reject(new Error(`translation worker exited with code ${code}`))));
    worker.postMessage({ id: 1, sql, options });
  });
}
