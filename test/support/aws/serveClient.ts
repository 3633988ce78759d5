// Starts test/support/aws/serve.ts in a child process and talks to it (benches, e2e runs).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { AthenaConnection } from '../../../src/core/connections/types';

export interface RemoteAthenaLoopback {
  connection: AthenaConnection;
  s3Endpoint: string;
  sql(sql: string): Promise<void>;
  setLatency(ms: number): Promise<void>;
  outputLocation(queryId: string): Promise<string>;
  stop(): Promise<void>;
}

export async function spawnAthenaLoopback(): Promise<RemoteAthenaLoopback> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'serve.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const ready = new Promise<{ connection: AthenaConnection; s3Endpoint: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`loopback server exited with ${code}`)));
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const msg = JSON.parse(line) as {
        ready?: boolean;
        id?: number;
        ok?: boolean;
        result?: unknown;
        error?: string;
        connection?: AthenaConnection;
        s3Endpoint?: string;
      };
      if (msg.ready) return resolve({ connection: msg.connection!, s3Endpoint: msg.s3Endpoint! });
      const w = waiting.get(msg.id!);
      waiting.delete(msg.id!);
      if (msg.ok) w?.resolve(msg.result);
      else w?.reject(new Error(msg.error));
    });
  });
  const { connection, s3Endpoint } = await ready;
  const call = (op: string, args: Record<string, unknown>): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      child.stdin!.write(JSON.stringify({ id, op, ...args }) + '\n');
    });
  return {
    connection,
    s3Endpoint,
    sql: async (sql) => void (await call('sql', { sql })),
    setLatency: async (ms) => void (await call('latency', { ms })),
    outputLocation: async (queryId) => String(await call('outputLocation', { queryId })),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}
