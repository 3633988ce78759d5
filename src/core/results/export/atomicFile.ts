// Exports never leave a half-written file behind: they write to a temporary sibling and rename it
// over the target only once complete. On failure or cancel the temporary file is removed.
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';

export async function writeAtomically<T>(target: string, write: (tempPath: string) => Promise<T>): Promise<T> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.part`);
  try {
    const result = await write(temp);
    await rename(temp, target);
    return result;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** A write stream with a string buffer and backpressure, so memory stays flat on big exports. */
export class BufferedWriter {
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  private size = 0;
  private failure: Error | undefined;

  constructor(
    file: string,
    private readonly flushAt = 1 << 20,
  ) {
    this.stream = createWriteStream(file, { encoding: 'utf8' });
    this.stream.on('error', (e) => (this.failure = e));
  }

  /** Returns a promise only when the buffer was flushed (awaiting one per line is measurable
   * at millions of rows). */
  write(text: string): Promise<void> | undefined {
    this.buffer.push(text);
    this.size += text.length;
    return this.size >= this.flushAt ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.buffer.length) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onError = (e: Error) => reject(e);
        this.stream.once('drain', () => {
          this.stream.off('error', onError);
          resolve();
        });
        this.stream.once('error', onError);
      });
    }
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.end((e?: Error | null) => (e ? reject(e) : resolve()));
    });
    if (this.failure) throw this.failure;
  }

  /** Closes without flushing (the caller removes the file). */
  async abort(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.stream.once('close', () => resolve());
      this.stream.destroy();
    });
  }
}

/** Rows as an export reads them: stored rows one by one, or pages streamed from an engine. */
export type RowsOrPages<T> = Iterable<T> | AsyncIterable<readonly T[]>;

/** Maps rows to lines, staying synchronous for stored rows and page by page for streamed ones (a
 * promise per row costs microseconds, i.e. seconds per million rows). */
export function mapRows<R, T>(rows: RowsOrPages<R>, f: (row: R) => T): RowsOrPages<T> {
  if (Symbol.asyncIterator in rows) {
    return (async function* () {
      for await (const page of rows) yield page.map(f);
    })();
  }
  return (function* () {
    for (const row of rows) yield f(row);
  })();
}

/** Writes `lines()` output through a BufferedWriter, checking the signal and reporting progress. */
export async function writeLines(
  file: string,
  header: string | undefined,
  lines: RowsOrPages<string>,
  rowCount: number | undefined,
  options: { signal?: AbortSignal; onProgress?(done: number, total: number | undefined): void },
): Promise<number> {
  const out = new BufferedWriter(file);
  let done = 0;
  const step = (line: string): Promise<void> | undefined => {
    const flushed = out.write(line);
    done++;
    if (done % 10_000 === 0) {
      options.signal?.throwIfAborted();
      options.onProgress?.(done, rowCount);
    }
    return flushed;
  };
  try {
    if (header !== undefined) await out.write(header);
    if (Symbol.asyncIterator in lines) {
      for await (const page of lines) {
        for (const line of page) {
          const flushed = step(line);
          if (flushed) await flushed;
        }
      }
    } else {
      for (const line of lines) {
        const flushed = step(line);
        if (flushed) await flushed;
      }
    }
    options.signal?.throwIfAborted();
    await out.close();
  } catch (error) {
    await out.abort();
    throw error;
  }
  options.onProgress?.(done, rowCount);
  return done;
}
