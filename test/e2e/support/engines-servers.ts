// The servers behind the engine E2E scenario, started by the test process itself:
// - the test PostgreSQL (test/support/postgres.ts) for the `postgres` (wire) connection;
// - the loopback AWS server (test/support/aws/serve.ts --with-redshift-data) in its own process:
//   Athena on DuckDB + s3rver, and the Redshift Data API on a PostgreSQL of its own.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { AthenaConnection, RedshiftConnection } from '../../../src/core/connections/types';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import { ROOT } from './vscode-page';

export interface AwsLoopbackProcess {
  athena: AthenaConnection;
  /** Provisioned cluster reached through the Redshift Data API. */
  redshift: RedshiftConnection;
  /** Runs SQL in the loopback Athena's DuckDB (what Athena's catalog holds). */
  athenaSql(sql: string): Promise<void>;
  stop(): Promise<void>;
}

interface ReadyLine {
  ready?: boolean;
  connection?: AthenaConnection;
  redshift?: { provisioned: RedshiftConnection };
  id?: number;
  ok?: boolean;
  error?: string;
}

/** Spawns serve.ts with --with-redshift-data and waits for its ready line. Closing its stdin
 * stops it (and the PostgreSQL it started). */
export async function spawnAwsLoopback(): Promise<AwsLoopbackProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/support/aws/serve.ts'), '--with-redshift-data'], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const ready = new Promise<ReadyLine>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('loopback AWS server not ready within 120 s')), 120_000);
    child.once('exit', (code) => reject(new Error(`loopback AWS server exited with ${code}`)));
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const msg = JSON.parse(line) as ReadyLine;
      if (msg.ready) {
        clearTimeout(timer);
        return resolve(msg);
      }
      const w = waiting.get(msg.id!);
      waiting.delete(msg.id!);
      if (msg.ok) w?.resolve();
      else w?.reject(new Error(msg.error));
    });
  });
  const msg = await ready;
  if (!msg.connection || !msg.redshift) throw new Error('loopback AWS server did not report Athena and Redshift Data connections');
  return {
    athena: msg.connection,
    redshift: msg.redshift.provisioned,
    athenaSql: (sql) =>
      new Promise<void>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        child.stdin!.write(JSON.stringify({ id, op: 'sql', sql }) + '\n');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}

export interface EngineServers {
  postgres: TestPostgres;
  aws: AwsLoopbackProcess;
  stop(): Promise<void>;
}

export async function startEngineServers(): Promise<EngineServers> {
  const [postgres, aws] = await Promise.all([startPostgres(), spawnAwsLoopback()]);
  return {
    postgres,
    aws,
    async stop() {
      await Promise.allSettled([aws.stop(), postgres.stop()]);
    },
  };
}
