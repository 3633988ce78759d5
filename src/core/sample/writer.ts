// Streams generated sample events to a file. Writes to a temporary sibling and renames it into
// place at the end, so an aborted or failed run never leaves a half-written file behind.
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { generateSampleEventLines } from './generator';
import { resolveSampleOptions, type SampleOptions } from './options';

export interface SampleProgress {
  eventsWritten: number;
  eventsTotal: number;
  bytesWritten: number;
}

export interface WriteSampleOptions {
  /** Called every few thousand events and once at the end. */
  onProgress?: (progress: SampleProgress) => void;
  /** Aborting stops the run, removes the partial file and rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface SampleWriteResult {
  file: string;
  events: number;
  bytes: number;
}

// Small batches: generation runs on the extension host thread, so each batch must stay well under
// the host's unresponsiveness threshold; the await on each write lets other work in.
const LINES_PER_WRITE = 500;

/** Writes `options.events` enriched-event TSV lines (each ending in `\n`) to `file`. */
export async function writeSampleEvents(
  file: string,
  options: SampleOptions = {},
  io: WriteSampleOptions = {},
): Promise<SampleWriteResult> {
  const resolved = resolveSampleOptions(options);
  io.signal?.throwIfAborted();
  const target = path.resolve(file);
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.partial`);
  const handle = await open(partial, 'w');
  let events = 0;
  let bytes = 0;
  try {
    let batch: string[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      batch.push('');
      const text = batch.join('\n');
      batch = [];
      const { bytesWritten } = await handle.write(text, null, 'utf8');
      bytes += bytesWritten;
      io.onProgress?.({ eventsWritten: events, eventsTotal: resolved.events, bytesWritten: bytes });
      // Yield so an abort from another task (e.g. a Cancel button) is seen promptly.
      io.signal?.throwIfAborted();
    };
    for (const line of generateSampleEventLines(resolved)) {
      batch.push(line);
      events++;
      if (batch.length >= LINES_PER_WRITE) await flush();
    }
    await flush();
    await handle.close();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw e;
  }
  await rename(partial, target);
  return { file: target, events, bytes };
}
