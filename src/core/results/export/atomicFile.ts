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

  constructor(file: string, private readonly flushAt = 1 << 20) {
    this.stream = createWriteStream(file, { encoding: 'utf8' });
    this.stream.on('error', (e) => (this.failure = e));
  }

  async write(text: string): Promise<void> {
    this.buffer.push(text);
    this.size += text.length;
    if (this.size >= this.flushAt) await this.flush();
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

/** Writes `lines()` output through a BufferedWriter, checking the signal and reporting progress. */
export async function writeLines(file: string, header: string | undefined, rows: Iterable<string>, rowCount: number, options: { signal?: AbortSignal; onProgress?(done: number, total: number): void }): Promise<number> {
  const out = new BufferedWriter(file);
  let done = 0;
  try {
    if (header !== undefined) await out.write(header);
    for (const line of rows) {
      await out.write(line);
      done++;
      if (done % 10_000 === 0) {
        options.signal?.throwIfAborted();
        options.onProgress?.(done, rowCount);
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
